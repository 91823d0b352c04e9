/* The Sent and Received lists with their filters, and the daily counts of the dashboard's charts.
 *
 * A list's statement is composed from whitelisted fragments for the filters in use (every
 * value still bound, each distinct shape prepared once per connection), driven by the index
 * that serves its scope and order (sql/014_list_indexes.sql), so it reads about as many rows
 * as it shows: the ids of one page through the index, then the columns of those rows only,
 * and a count that stops at REFERRAL_LIST_PAGE_MAX pages. A search starts from the clients
 * whose name keys (or email) match. */
#ifndef REFERRALS_MODEL_REFERRAL_LIST_H
#define REFERRALS_MODEL_REFERRAL_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "referral_generation.h"

#define REFERRAL_LIST_PAGE_SIZE 25
#define REFERRAL_LIST_PAGE_MAX 40 /* 1,000 rows; beyond, "more than 1,000": narrow the search */
#define REFERRAL_COUNT_CAP                                                                         \
	(REFERRAL_LIST_PAGE_MAX * REFERRAL_LIST_PAGE_SIZE) /* and the dashboard's */

enum referral_list_scope {
	REFERRAL_LIST_SENT,	/* sending_org_id = org_id */
	REFERRAL_LIST_RECEIVED, /* receiving_org_id = org_id */
	REFERRAL_LIST_ALL,	/* every organisation's (administrators) */
};

enum referral_list_sort {
	REFERRAL_SORT_NEWEST,
	REFERRAL_SORT_OLDEST,
	REFERRAL_SORT_DUE,  /* the due date of the current state first; closed ones last */
	REFERRAL_SORT_NAME, /* client's last name, first name */
	REFERRAL_SORT__MAX,
};

/* The open-or-closed filter (referral_rules.h says which statuses each is). */
enum referral_state {
	REFERRAL_STATE_ANY,
	REFERRAL_STATE_OPEN,   /* new, acknowledged */
	REFERRAL_STATE_CLOSED, /* any other status */
	REFERRAL_STATE__MAX,
};
/* The filter's values as the URL spells them, by enum referral_state ("" for any). */
extern const char *const referral_state_names[REFERRAL_STATE__MAX];

/* Every filter; 0, "" or NULL leaves it off. The page checks and converts the values. */
struct referral_filter {
	enum referral_list_scope scope;
	long long org_id;
	const char *query; /* client name (prefixes of the keys, either order), email or @domain */
	long long referral_id;
	const char *created_from;   /* "YYYY-MM-DD HH:MM:SS" UTC, inclusive */
	const char *created_before; /* exclusive */
	long long sending_org_id;
	long long receiving_org_id;
	long long created_by;
	const char *status;	   /* a referrals.status value */
	enum referral_state state; /* open or closed only; REFERRAL_STATE_ANY: either */
	long long closure_reason_id;
	const char *born_on_or_before; /* "YYYY-MM-DD": the client is at least the minimum age */
	const char *born_after;	       /* the client is under maximum age + 1 */
	long long issue_id;
	bool urgent;
	bool overdue;
	bool unresolved;
	const char *today;	       /* "YYYY-MM-DD": for overdue */
	long long consent_expiry_days; /* the setting: for each row's consent_expired */
	enum referral_list_sort sort;
	long long page; /* 1-based; clamped */
	/* the organisation's referral generation this request read (the session's), or NULL:
	 * with it, the count of a list of org_id's own referrals comes from this worker's copy
	 * while the number is the same (no statement); without it, it is counted */
	const struct referral_generation *generation;
};

struct referral_row {
	long long id;
	const char *status;
	bool urgent;
	const char *created_at; /* UTC */
	const char *update_due;
	const char *close_due;
	const char *first_name;
	const char *last_name;
	const char *date_of_birth;
	const char *issue;
	const char *sending_org;
	const char *receiving_org;
	bool unresolved;
	bool consent_expired;	    /* the group's consent (REFERRAL_CONSENT_EXPIRED) */
	const char *closure_reason; /* "" when none */
	long long client_id;	    /* for the access log (issue 15) */
};

struct referral_page {
	struct referral_row *items;
	size_t count;
	long long total; /* at most REFERRAL_LIST_PAGE_MAX * PAGE_SIZE + 1 (then "more than") */
	long long page;
	long long pages;
	bool name_sort_refused; /* too many to sort by name: sorted newest first instead */
};

enum db_status referral_list(struct arena *arena, const struct referral_filter *filter,
			     struct referral_page *out);

/* The choices of the filter form's staff, by name (at most 500); the organisations come from
 * the catalog (model/catalog.h). */
struct referral_list_option {
	long long id;
	const char *name;
};
struct referral_list_options {
	struct referral_list_option *items;
	size_t count;
};
/* The staff of org_id: this worker's copy while known, the organisation's staff generation
 * as the session statement read it, is of org_id and the copy's; otherwise read (and kept
 * when known is of org_id). */
enum db_status referral_list_staff(struct arena *arena, long long org_id,
				   const struct referral_generation *known,
				   struct referral_list_options *out);

/* Referrals received and sent per local day ("YYYY-MM-DD") from since (UTC) on, in one
 * round trip; days without any are left out. org_id 0 is every organisation: received only,
 * as every referral is both. Local time is UTC + offset_before seconds until
 * switch_at (UTC), then UTC + offset_after: the caller finds the one clock change a 30-day
 * window can hold (MariaDB here has no time zone tables to do it). */
struct referral_day_count {
	const char *day;
	long long count;
};
struct referral_day_counts {
	struct referral_day_count *items;
	size_t count;
};
struct referral_local_clock {
	const char *since;     /* UTC "YYYY-MM-DD HH:MM:SS" */
	const char *switch_at; /* UTC; equal to since when the offset never changes */
	long long offset_before;
	long long offset_after;
};
enum db_status referral_daily_counts(struct arena *arena, long long org_id,
				     const struct referral_local_clock *clock,
				     struct referral_day_counts *received,
				     struct referral_day_counts *sent);

/* The latest inbox messages of staff_id (at most limit). */
struct referral_inbox_item {
	long long id;
	const char *subject;
	const char *link;
	const char *created_at;
	bool unread;
};
struct referral_inbox_items {
	struct referral_inbox_item *items;
	size_t count;
};
enum db_status referral_latest_inbox(struct arena *arena, long long staff_id, long long limit,
				     struct referral_inbox_items *out);

#endif
