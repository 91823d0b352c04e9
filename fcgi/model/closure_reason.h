/* Closure reasons: the configured reasons a referral is closed with. Retired ones are not
 * offered any more but stay on the referrals closed with them. */
#ifndef REFERRALS_MODEL_CLOSURE_REASON_H
#define REFERRALS_MODEL_CLOSURE_REASON_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

struct closure_reason {
	long long id;
	const char *name;
	bool retired;
	bool auto_close; /* the reason the automatic close uses: cannot be retired */
};

struct closure_reason_list {
	struct closure_reason *items;
	size_t count;
};

enum closure_reason_change {
	CLOSURE_REASON_DONE,
	CLOSURE_REASON_NOT_FOUND,
	CLOSURE_REASON_DUPLICATE, /* another reason has that name */
	CLOSURE_REASON_IN_USE,	  /* the auto-close reason cannot be retired */
};

/* Every reason, in order: active ones first. */
enum db_status closure_reason_list(struct arena *arena, struct closure_reason_list *out);
enum db_status closure_reason_get(struct arena *arena, long long id, struct closure_reason *out,
				  bool *found);
/* The changes below record themselves in the audit log as staff_id. */
enum db_status closure_reason_add(struct arena *arena, long long staff_id, const char *name,
				  enum closure_reason_change *result);
enum db_status closure_reason_rename(struct arena *arena, long long staff_id, long long id,
				     const char *name, enum closure_reason_change *result);
enum db_status closure_reason_set_retired(struct arena *arena, long long staff_id, long long id,
					  bool retired, enum closure_reason_change *result);
/* Swaps the reason with its neighbour above (up) or below. */
enum db_status closure_reason_move(struct arena *arena, long long staff_id, long long id, bool up,
				   enum closure_reason_change *result);

#endif
