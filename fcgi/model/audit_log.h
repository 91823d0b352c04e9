/* Reading the event log for the audit page: filters, newest first, keyset paging by
 * (occurred_at, id) so every filter walks an index of events in time order. */
#ifndef REFERRALS_MODEL_AUDIT_LOG_H
#define REFERRALS_MODEL_AUDIT_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

#define AUDIT_LOG_PAGE_SIZE 50

/* What to show; zero values and "" leave a filter out. */
struct audit_filter {
	const char *action_prefix; /* actions starting with this ("admin.staff.", "signin") */
	long long staff_id;	   /* who did it */
	long long organisation_id;
	const char *from_utc; /* occurred at or after, "YYYY-MM-DD HH:MM:SS" */
	const char *to_utc;   /* occurred before */
	const char *subject_type;
	long long subject_id;
};

struct audit_event {
	long long id;
	const char *occurred_at; /* UTC "YYYY-MM-DD HH:MM:SS.mmm" */
	long long staff_id;	 /* 0: nobody signed in */
	const char *staff_username;
	const char *staff_name;
	long long organisation_id;
	const char *organisation_name;
	const char *action;
	const char *subject_type; /* NULL when none */
	long long subject_id;
	const char *subject_name; /* its name: staff, organisations, issues, closure reasons, LAs */
	const char *old_value;
	const char *new_value;
	const char *detail;
	const char *remote_addr;
};

enum audit_direction {
	AUDIT_OLDER, /* before the cursor (or from the newest without one) */
	AUDIT_NEWER, /* after the cursor */
};

struct audit_page {
	struct audit_event *items; /* newest first, whichever the direction */
	size_t count;
	bool more;	   /* more rows beyond these in the direction asked */
	bool cursor_found; /* false when the cursor id is not an event */
};

/* Up to limit events matching filter, from the event cursor_id (0: the newest) in direction. */
enum db_status audit_log_list(struct arena *arena, const struct audit_filter *filter,
			      long long cursor_id, enum audit_direction direction, size_t limit,
			      struct audit_page *out);

struct audit_names {
	const char **items;
	size_t count;
};

/* The distinct actions and subject types in the log (for the filters' choices). */
enum db_status audit_log_actions(struct arena *arena, struct audit_names *out);
enum db_status audit_log_subject_types(struct arena *arena, struct audit_names *out);

struct audit_person {
	long long id;
	const char *username;
	const char *display_name;
};

struct audit_people {
	struct audit_person *items;
	size_t count;
};

/* Staff whose username is username (then only that one) or else starts with it; at most
 * limit of them, by username. */
enum db_status audit_log_find_staff(struct arena *arena, const char *username, size_t limit,
				    struct audit_people *out);

struct audit_org {
	long long id;
	const char *name;
	bool active;
};

struct audit_orgs {
	struct audit_org *items;
	size_t count;
};

/* Every organisation, active or not, by name (for the organisation filter). */
enum db_status audit_log_organisations(struct arena *arena, struct audit_orgs *out);

#endif
