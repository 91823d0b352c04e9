/* Gaps in service: a referral that could not be made for an issue because no organisation
 * could receive it for this client. Each is recorded once per draft and issue, and every
 * active administrator is told in their inbox, so the gap can be filled. */
#ifndef REFERRALS_MODEL_GAP_H
#define REFERRALS_MODEL_GAP_H

#include <stdbool.h>

#include "../db.h"

struct gap {
	long long draft_id;
	long long issue_id;
	long long organisation_id;    /* the sending organisation */
	long long staff_id;	      /* who was making the referral */
	long long local_authority_id; /* the client's; 0 when not known */
	int client_age;		      /* whole years; negative when not known */
};

/* Records the gap unless this draft already recorded one for this issue; when it is new,
 * also writes an inbox message (kind "gap_in_service") to every active administrator, in the
 * same transaction. The messages name the issue, the sending organisation, the client's age
 * and local authority, never the client. *recorded: whether it was new. */
enum db_status gap_record(struct arena *arena, const struct gap *gap, bool *recorded);

#endif
