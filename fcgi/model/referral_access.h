/* Who may see a referral, and as what: the one authorisation question every referral page,
 * note, file and AJAX endpoint asks before reading anything else. */
#ifndef REFERRALS_MODEL_REFERRAL_ACCESS_H
#define REFERRALS_MODEL_REFERRAL_ACCESS_H

#include <stdbool.h>

#include "../db.h"

enum referral_role {
	REFERRAL_NONE,     /* not party to it: answer 404, as if it did not exist */
	REFERRAL_SENDER,   /* the active organisation sent it */
	REFERRAL_RECEIVER, /* the active organisation received it */
	REFERRAL_ADMIN,    /* a system administrator who is neither */
};

/* The active organisation's part in referral_id (sender wins if it is both). */
enum db_status referral_access(struct arena *arena, long long referral_id, long long org_id,
			       bool is_admin, enum referral_role *role);

#endif
