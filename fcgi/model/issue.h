/* Issues: what a client is referred for (Housing, Debt ...). Administrators create, rename,
 * describe, order, deactivate and reactivate them. A deactivated issue is no longer offered
 * for new referrals, but referrals already made keep it: an issue is never deleted. */
#ifndef REFERRALS_MODEL_ISSUE_H
#define REFERRALS_MODEL_ISSUE_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

#define ISSUE_NAME_MAX 100	   /* characters, as issues.name */
#define ISSUE_DESCRIPTION_MAX 1000 /* characters, as issues.description */

struct issue {
	long long id;
	const char *name;
	const char *description;
	bool active;
	long long live_questions;    /* questions asked now */
	long long retired_questions; /* questions no longer asked */
	long long organisations;     /* organisations that handle it */
};

struct issue_list {
	struct issue *items;
	size_t count;
};

/* Who makes a change, for the audit log. */
struct issue_actor {
	long long staff_id;
	const char *remote_addr;
};

enum issue_change {
	ISSUE_DONE,
	ISSUE_NOT_FOUND,
	ISSUE_DUPLICATE, /* another issue has that name (compared without case) */
};

/* Every issue: the active ones in their order, then the deactivated ones. */
enum db_status issue_list_all(struct arena *arena, struct issue_list *out);
/* The issues offered for new referrals, in their order (the referral journey's list). */
enum db_status issue_list_active(struct arena *arena, struct issue_list *out);
enum db_status issue_get(struct arena *arena, long long id, struct issue *out, bool *found);

/* The changes below record themselves in the audit log in the same transaction.
 * clash (may be NULL) receives the existing issue's name when the result is ISSUE_DUPLICATE. */
enum db_status issue_add(struct arena *arena, const struct issue_actor *actor, const char *name,
			 const char *description, long long *new_id, const char **clash,
			 enum issue_change *result);
/* Renames and re-describes; each part that changed is its own audit entry. */
enum db_status issue_update(struct arena *arena, const struct issue_actor *actor, long long id,
			    const char *name, const char *description, const char **clash,
			    enum issue_change *result);
/* Deactivating keeps its place; reactivating puts it last among the active issues. */
enum db_status issue_set_active(struct arena *arena, const struct issue_actor *actor, long long id,
				bool active, enum issue_change *result);
/* Swaps an active issue with its active neighbour above (up) or below.
 * ISSUE_NOT_FOUND when there is no such active issue. */
enum db_status issue_move(struct arena *arena, const struct issue_actor *actor, long long id,
			  bool up, enum issue_change *result);

#endif
