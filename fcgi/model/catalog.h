/* The catalog: each worker's copy of the reference data that changes a few times a day and is
 * read on most pages — organisations, issues, closure reasons, settings, title/gender/pronoun
 * lists, local authorities and bank holidays — so that a page does not read them again.
 *
 * Invalidation: table cache_generation holds one number that triggers on every cached table
 * bump in the changing transaction (sql/016_cache_generation.sql). The session statement
 * returns it (catalog_sync); a request without a session reads it itself on first use. When
 * it differs from the copy's, the worker reloads its copy before using it, so a change made
 * by any worker, on any host or by hand in SQL is seen by the very next request everywhere.
 *
 * Memory: a copy lives in its own arena for the life of the process; a reload frees the old
 * copy at the start of the next request (pointers handed out during a request stay valid
 * until it ends). The model modules answer from here (issue_list_all, closure_reason_list,
 * settings_get, reference_value_list, bank_holiday_between ...): callers do not change. */
#ifndef REFERRALS_MODEL_CATALOG_H
#define REFERRALS_MODEL_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "bank_holiday.h"
#include "closure_reason.h"
#include "issue.h"
#include "organisation.h"
#include "reference.h"

struct catalog_org {
	long long id;
	const char *name;
	bool active;
	bool accepting;
};

struct catalog_setting {
	const char *name;
	const char *value;
};

struct catalog_la {
	long long id;
	const char *name;
	const char *code;
	bool active;
};

struct catalog {
	unsigned long long generation;
	struct catalog_org *orgs; /* every organisation, by name then id */
	size_t org_count;
	const struct catalog_org **orgs_by_id; /* the same, by id: catalog_org's lookup */
	struct issue *issues; /* every issue: active ones in their order, then deactivated ones */
	size_t issue_count;
	struct closure_reason *reasons; /* active ones first, in their order */
	size_t reason_count;
	struct catalog_setting *settings; /* every settings row, by name */
	size_t setting_count;
	struct reference_value *values[REFERENCE_LIST__MAX]; /* each list: active first, in order */
	size_t value_count[REFERENCE_LIST__MAX];
	struct catalog_la *las; /* every local authority, by name */
	size_t la_count;
	struct bank_holiday *holidays; /* by date */
	size_t holiday_count;
};

/* A request begins: the copy is checked against the database again before its next use (and
 * copies replaced during the last request are freed). */
void catalog_begin_request(void);
/* The session statement read the generation: reload now when the copy is older. */
enum db_status catalog_sync(struct arena *arena, unsigned long long generation);
/* The copy, checked for this request: when nothing checked it yet, reads the generation
 * (one statement) and reloads when it changed. */
/* count items of size bytes of one of the copy's lists (NULL when count is 0), as the
 * request's own array: zeroed one more at its end. For the functions that hand them out. */
void *catalog_copy_items(struct arena *arena, const void *items, size_t count, size_t size);
enum db_status catalog_get(struct arena *arena, const struct catalog **out);
/* Frees every copy (at worker exit). */
void catalog_free(void);

/* Lookups in a copy. NULL when there is no such row. */
const struct catalog_org *catalog_org(const struct catalog *catalog, long long id);
const struct issue *catalog_issue(const struct catalog *catalog, long long id);
const struct closure_reason *catalog_reason(const struct catalog *catalog, long long id);
const char *catalog_setting(const struct catalog *catalog, const char *name);

/* The organisations for a filter or choice, by name: every one (active_only false) or the
 * active ones. Items are allocated from arena; names live until the request ends. */
enum db_status catalog_organisations(struct arena *arena, bool active_only,
				     struct catalog_org **items, size_t *count);

#endif
