/* Every page handler, one file per area; the route table in routes.c points at them. */
#ifndef REFERRALS_PAGES_H
#define REFERRALS_PAGES_H

#include "../db.h"
#include "../http.h"
#include "../validate.h"
#include "../model/scope.h"

#include <time.h>

/* auth.c */
void page_signin_form(struct request *req);
void page_signin(struct request *req);
void page_signout(struct request *req);
/* home.c */
void page_home(struct request *req);
void page_no_organisation(struct request *req);
/* organisation.c */
void page_switch_organisation(struct request *req);
/* resume.c: replays a form parked when its session had timed out */
void page_resume(struct request *req);
/* health.c */
void page_health(struct request *req);
void page_ping(struct request *req);
/* testing.c: only routed when Referrals.Testing = 1 */
void page_test_status(struct request *req);
void page_test_sleep(struct request *req);
void page_test_client_create(struct request *req); /* POST /_test/clients */

/* The page for a failed database call: 503 when unreachable, 500 for anything else. */
void page_database_failed(struct request *req, enum db_status status);
/* After reading what the path names: the failure page for a failed read (as
 * page_database_failed), the 404 page when nothing was found (or the caller may not see it),
 * and false; true when there is something to show. */
bool page_found(struct request *req, enum db_status status, bool found);
/* The same for a JSON route, in the JSON error shape (http_json_error). */
void page_json_database_failed(struct request *req, enum db_status status);
struct json;
/* The start of a JSON route's answer once the model has answered: its failure told as
 * page_json_database_failed does (and false), or json begun as an object (and true). */
bool page_json_begin(struct request *req, enum db_status status, struct json *json);
/* "2026-11-23" (or a DATETIME's date part) as "23 November 2026"; the input when not a date. */
const char *page_long_date(struct arena *arena, const char *iso);
/* A UTC time from the database ("2026-11-23 19:45:00", fractions allowed) in the configured
 * time zone (the program sets TZ); false when utc is not such a time. */
bool page_local_tm(const char *utc, struct tm *local);
/* As the local date, "23 November 2026" (NULL for NULL; the input when it is not a time). */
const char *page_local_date(struct arena *arena, const char *utc);
/* As the local date, short: "23 Nov 2026" (likewise). */
const char *page_short_local_date(struct arena *arena, const char *utc);
/* As the local date and time, "23 November 2026, 21:45" (likewise). */
const char *page_local_date_time(struct arena *arena, const char *utc);
/* Today's date in the configured time zone. */
struct valid_date page_today(void);
/* A count as people read it: 1000 → "1,000". */
const char *page_thousands(struct arena *arena, long long count);
/* A positive id from a form or path ("12"), or 0 when it is not one. */
long long page_parse_id(const char *text);
/* A query-string field trimmed ("" when absent), and kept as Form.<name> for a filter form. */
const char *page_query_text(struct request *req, const char *name);
/* Percent-encodes text for a query string. */
const char *page_url_encode(struct arena *arena, const char *text);
/* Appends name=value to a query string (nothing when value is empty). */
const char *page_query_add(struct arena *arena, const char *query, const char *name,
			   const char *value);
/* A UTC time from the database in the configured time zone, the GOV.UK way:
 * "23 November 2026 at 7:45pm" (NULL for NULL; the input when it is not a time). */
const char *page_local_time(struct arena *arena, const char *utc);
/* The success banner (Success) for ?done=<key>, from a table of {key, message}: the page was
 * reached by a change's redirect. */
void page_done_notice(struct request *req, const char *const (*notices)[2], size_t count);
/* The number of entries of a static table. */
#define PAGE_COUNT_OF(table) (sizeof(table) / sizeof((table)[0]))

/* The signed-in person's scope for the model's reads and writes of referrals, clients, notes
 * and files: the active organisation, and whether they are an administrator. */
struct scope page_scope(const struct request *req);

/* The 403 page for referral or client data asked for while its consent has expired
 * (model/referral_access.h), with a link to back (the referral or client page, which show
 * what may still be shown and, to the sender, the way to renew consent). */
void page_consent_expired(struct request *req, const char *back);

#endif
