/* Drafts: the referral journey's saved state. Every value entered is kept by field name
 * (repeated names for checkbox lists), per staff member and organisation, so Back, reload,
 * a validation error, another worker or a timed-out session lose nothing. */
#ifndef REFERRALS_MODEL_DRAFT_H
#define REFERRALS_MODEL_DRAFT_H

#include <stdbool.h>

#include "../db.h"
#include "../request.h"

struct draft {
	long long id;
	long long staff_id;
	long long organisation_id;
	long long client_id; /* 0 until an existing client is chosen */
	const char *step;
	bool sent;
	const char *updated_at;
	struct req_fields values;
};

struct draft_summary {
	long long id;
	const char *client_name; /* from the values typed so far, or the chosen client */
	const char *step;
	const char *updated_at;
};

struct draft_list {
	struct draft_summary *items;
	size_t count;
};

enum db_status draft_create(struct arena *arena, long long staff_id, long long organisation_id,
			    long long client_id, long long *id);
/* The draft if it belongs to this staff member and organisation; *found false otherwise
 * (someone else's draft is as good as absent). Values are loaded too. */
enum db_status draft_find(struct arena *arena, long long id, long long staff_id,
			  long long organisation_id, struct draft *out, bool *found);
/* Replaces the values of the given names with those in fields (names absent from fields
 * are cleared), and records the step reached. */
enum db_status draft_save(struct arena *arena, long long id, const char *const *names,
			  size_t name_count, const struct req_fields *fields, const char *step);
enum db_status draft_set_client(struct arena *arena, long long id, long long client_id);
/* Open (unsent) drafts of this staff member and organisation, newest first. */
enum db_status draft_list_open(struct arena *arena, long long staff_id, long long organisation_id,
			       struct draft_list *out);
enum db_status draft_discard(struct arena *arena, long long id, long long staff_id,
			     long long organisation_id, bool *found);
/* Deletes unsent drafts not touched for the configured number of days. */
enum db_status draft_expire(struct arena *arena);

#endif
