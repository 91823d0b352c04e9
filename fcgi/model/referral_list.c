/* The Sent and Received lists with their filters, and the dashboard counts. */
#include "referral_list.h"

#include <string.h>

#include "../arena.h"
#include "../matching.h"

static const char *text_of(const char *value)
{
	return value != NULL ? value : "";
}

/* A LIKE pattern matching text anywhere, its wildcards and escape character taken literally. */
static const char *like_contains(struct arena *arena, const char *text)
{
	char *pattern = arena_alloc(arena, strlen(text) * 2 + 3), *o = pattern;
	*o++ = '%';
	for (const char *p = text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '%';
	*o = '\0';
	return pattern;
}

#define ROW_COLUMNS                                                                                \
	"r.id, r.status, r.urgent, r.created_at, r.update_due, r.close_due, c.first_name,"         \
	" c.last_name, c.date_of_birth, i.name, so.name, ro.name, g.unresolved, con.recorded_at,"  \
	" COALESCE(cr.name, '')"
#define ROW_JOINS                                                                                  \
	" FROM referrals r"                                                                        \
	" JOIN clients c ON c.id = r.client_id"                                                    \
	" JOIN referral_groups g ON g.id = r.group_id"                                             \
	" JOIN consents con ON con.id = g.consent_id"                                              \
	" JOIN issues i ON i.id = r.issue_id"                                                      \
	" JOIN organisations so ON so.id = r.sending_org_id"                                       \
	" JOIN organisations ro ON ro.id = r.receiving_org_id"                                     \
	" LEFT JOIN closure_reasons cr ON cr.id = r.closure_reason_id"
#define SCOPE_SENT " WHERE r.sending_org_id = ?"
#define SCOPE_RECEIVED " WHERE r.receiving_org_id = ?"
#define SCOPE_ALL " WHERE r.id > ?" /* bound to 0: every referral, by the primary key */
/* Each filter is off when its parameter is 0 or '' (ids, status, open), or a date beyond any
 * (the date bounds); at most 32 parameters in all (db.c). */
#define FILTERS                                                                                    \
	" AND (CONCAT(c.first_name_key, ' ', c.last_name_key) LIKE ?"                              \
	"      OR CONCAT(c.last_name_key, ' ', c.first_name_key) LIKE ? OR c.email LIKE ?)"        \
	" AND ? IN (0, r.id)"                                                                      \
	" AND r.created_at >= ? AND r.created_at < ?"                                              \
	" AND ? IN (0, r.sending_org_id)"                                                          \
	" AND ? IN (0, r.receiving_org_id)"                                                        \
	" AND ? IN (0, r.created_by)"                                                              \
	" AND ? IN ('', r.status)"                                                                 \
	" AND ? IN (0, 2 - (r.status IN ('new', 'acknowledged')))"                                 \
	" AND ? IN (0, COALESCE(r.closure_reason_id, 0))"                                          \
	" AND c.date_of_birth <= ? AND c.date_of_birth > ?"                                        \
	" AND ? IN (0, r.issue_id)"                                                                \
	" AND (? = 0 OR r.urgent = 1)"                                                             \
	" AND (? = 0 OR CASE r.status WHEN 'new' THEN r.update_due"                                \
	"      WHEN 'acknowledged' THEN r.close_due END < ?)"                                      \
	" AND (? = 0 OR g.unresolved = 1)"
#define FILTER_TYPES                                                                               \
	"isss"                                                                                     \
	"i"                                                                                        \
	"ss"                                                                                       \
	"i"                                                                                        \
	"i"                                                                                        \
	"i"                                                                                        \
	"s"                                                                                        \
	"i"                                                                                        \
	"i"                                                                                        \
	"ss"                                                                                       \
	"i"                                                                                        \
	"i"                                                                                        \
	"is"                                                                                       \
	"i"
#define FILTER_ARGS(f, scope_id)                                                                   \
	(scope_id), name_pattern, name_pattern, email_pattern, (f)->referral_id, created_from,     \
	    created_before, (f)->sending_org_id, (f)->receiving_org_id, (f)->created_by, status,   \
	    (long long)(f)->open, (f)->closure_reason_id, born_on_or_before, born_after,           \
	    (f)->issue_id, (long long)(f)->urgent, (long long)(f)->overdue, today,                 \
	    (long long)(f)->unresolved

#define ORDER_NEWEST " ORDER BY r.created_at DESC, r.id DESC"
#define ORDER_OLDEST " ORDER BY r.created_at, r.id"
#define ORDER_DUE                                                                                  \
	" ORDER BY r.status NOT IN ('new', 'acknowledged'),"                                       \
	" CASE r.status WHEN 'new' THEN r.update_due WHEN 'acknowledged' THEN r.close_due"         \
	" ELSE NULL END, r.id"
#define ORDER_NAME " ORDER BY c.last_name, c.first_name, r.id DESC"
#define SELECT(scope, order) "SELECT " ROW_COLUMNS ROW_JOINS scope FILTERS order " LIMIT ? OFFSET ?"
#define COUNT(scope) "SELECT COUNT(*) FROM (SELECT r.id" ROW_JOINS scope FILTERS " LIMIT ?) x"

static const char *const select_sql[3][REFERRAL_SORT__MAX] = {
    {SELECT(SCOPE_SENT, ORDER_NEWEST), SELECT(SCOPE_SENT, ORDER_OLDEST),
     SELECT(SCOPE_SENT, ORDER_DUE), SELECT(SCOPE_SENT, ORDER_NAME)},
    {SELECT(SCOPE_RECEIVED, ORDER_NEWEST), SELECT(SCOPE_RECEIVED, ORDER_OLDEST),
     SELECT(SCOPE_RECEIVED, ORDER_DUE), SELECT(SCOPE_RECEIVED, ORDER_NAME)},
    {SELECT(SCOPE_ALL, ORDER_NEWEST), SELECT(SCOPE_ALL, ORDER_OLDEST), SELECT(SCOPE_ALL, ORDER_DUE),
     SELECT(SCOPE_ALL, ORDER_NAME)},
};
static const char *const count_sql[3] = {COUNT(SCOPE_SENT), COUNT(SCOPE_RECEIVED),
                                         COUNT(SCOPE_ALL)};

enum db_status referral_list(struct arena *arena, const struct referral_filter *f,
                             struct referral_page *out)
{
	out->items = NULL;
	out->count = 0;
	out->total = 0;
	out->page = out->pages = 1;
	const char *query = text_of(f->query);
	const char *status = text_of(f->status);
	const char *today = text_of(f->today);
	char key[MATCH_KEY_SIZE];
	/* a search without a key (only punctuation) matches no name: NULL LIKE is never true */
	const char *name_pattern = NULL;
	if (match_name_key(query, key, sizeof key) && key[0] != '\0')
		name_pattern = like_contains(arena, key);
	const char *email_pattern = like_contains(arena, query);
	const char *created_from = f->created_from ? f->created_from : "1000-01-01 00:00:00";
	const char *created_before = f->created_before ? f->created_before : "9999-12-31 23:59:59";
	const char *born_on_or_before = f->born_on_or_before ? f->born_on_or_before : "9999-12-31";
	const char *born_after = f->born_after ? f->born_after : "1000-01-01";
	int scope = f->scope;
	if (scope < REFERRAL_LIST_SENT || scope > REFERRAL_LIST_ALL)
		scope = REFERRAL_LIST_SENT;
	int sort = f->sort;
	if (sort < 0 || sort >= REFERRAL_SORT__MAX)
		sort = REFERRAL_SORT_NEWEST;
	long long scope_id = scope == REFERRAL_LIST_ALL ? 0 : f->org_id;
	long long cap = (long long)REFERRAL_LIST_PAGE_MAX * REFERRAL_LIST_PAGE_SIZE + 1;
	struct db_result count, r;
	enum db_status st = db_run(arena, &count, count_sql[scope], FILTER_TYPES "i",
	                           FILTER_ARGS(f, scope_id), cap);
	if (st != DB_OK)
		return st;
	out->total = db_int(&count, 0, 0, 0);
	out->pages = (out->total + REFERRAL_LIST_PAGE_SIZE - 1) / REFERRAL_LIST_PAGE_SIZE;
	if (out->pages > REFERRAL_LIST_PAGE_MAX)
		out->pages = REFERRAL_LIST_PAGE_MAX;
	if (out->pages < 1)
		out->pages = 1;
	long long page = f->page < 1 ? 1 : f->page;
	if (page > out->pages)
		page = out->pages;
	out->page = page;
	st = db_run(arena, &r, select_sql[scope][sort], FILTER_TYPES "ii", FILTER_ARGS(f, scope_id),
	            (long long)REFERRAL_LIST_PAGE_SIZE, (page - 1) * REFERRAL_LIST_PAGE_SIZE);
	if (st != DB_OK)
		return st;
	out->items = arena_zalloc(arena, (r.rows + 1) * sizeof *out->items);
	for (size_t row = 0; row < r.rows; row++)
		out->items[out->count++] = (struct referral_row){
		    .id = db_int(&r, row, 0, 0),
		    .status = text_of(db_value(&r, row, 1)),
		    .urgent = db_int(&r, row, 2, 0) == 1,
		    .created_at = text_of(db_value(&r, row, 3)),
		    .update_due = text_of(db_value(&r, row, 4)),
		    .close_due = text_of(db_value(&r, row, 5)),
		    .first_name = text_of(db_value(&r, row, 6)),
		    .last_name = text_of(db_value(&r, row, 7)),
		    .date_of_birth = text_of(db_value(&r, row, 8)),
		    .issue = text_of(db_value(&r, row, 9)),
		    .sending_org = text_of(db_value(&r, row, 10)),
		    .receiving_org = text_of(db_value(&r, row, 11)),
		    .unresolved = db_int(&r, row, 12, 0) == 1,
		    .consent_at = text_of(db_value(&r, row, 13)),
		    .closure_reason = text_of(db_value(&r, row, 14)),
		};
	return DB_OK;
}

static enum db_status options_from(struct arena *arena, struct db_result *r,
                                   struct referral_list_options *out)
{
	out->items = arena_zalloc(arena, (r->rows + 1) * sizeof *out->items);
	out->count = 0;
	for (size_t row = 0; row < r->rows; row++)
		out->items[out->count++] = (struct referral_list_option){
		    .id = db_int(r, row, 0, 0), .name = text_of(db_value(r, row, 1))};
	return DB_OK;
}

enum db_status referral_list_organisations(struct arena *arena, struct referral_list_options *out)
{
	struct db_result r;
	enum db_status st =
	    db_run(arena, &r, "SELECT id, name FROM organisations ORDER BY name LIMIT 500", "");
	if (st != DB_OK)
		return st;
	return options_from(arena, &r, out);
}

enum db_status referral_list_staff(struct arena *arena, long long org_id,
                                   struct referral_list_options *out)
{
	struct db_result r;
	enum db_status st =
	    db_run(arena, &r,
	           "SELECT DISTINCT s.id, s.display_name FROM staff_orgs so"
	           " JOIN staff s ON s.id = so.staff_id WHERE so.organisation_id = ?"
	           " ORDER BY s.display_name, s.id LIMIT 500",
	           "i", org_id);
	if (st != DB_OK)
		return st;
	return options_from(arena, &r, out);
}

/* One statement for the five counts: the dashboard is the page staff see most, and each round
 * trip to the database cost more than the counting. The open referrals received are read once
 * through referrals_received (receiving_org_id, status, ...); the unresolved ones through
 * referral_groups_sender. */
enum db_status referral_dashboard_counts(struct arena *arena, long long org_id, const char *today,
                                         struct referral_dashboard *out)
{
	*out = (struct referral_dashboard){0};
	struct db_result r;
	enum db_status st = db_run(
	    arena, &r,
	    "SELECT COALESCE(SUM(status = 'new'), 0), COALESCE(SUM(status = 'acknowledged'), 0),"
	    " COALESCE(SUM(urgent = 1), 0),"
	    " COALESCE(SUM((status = 'new' AND update_due < ?)"
	    "           OR (status = 'acknowledged' AND close_due < ?)), 0),"
	    " (SELECT COUNT(*) FROM referral_groups g JOIN referrals s ON s.group_id = g.id"
	    "  WHERE g.sending_org_id = ? AND g.unresolved = 1"
	    "  AND s.sending_org_id = g.sending_org_id)"
	    " FROM referrals WHERE receiving_org_id = ? AND status IN ('new', 'acknowledged')",
	    "ssii", today, today, org_id, org_id);
	if (st != DB_OK)
		return st;
	out->received_new = db_int(&r, 0, 0, 0);
	out->received_acknowledged = db_int(&r, 0, 1, 0);
	out->received_urgent = db_int(&r, 0, 2, 0);
	out->received_overdue = db_int(&r, 0, 3, 0);
	out->sent_unresolved = db_int(&r, 0, 4, 0);
	return DB_OK;
}

/* status IN (every status) lets each side read a range of its (org, status, created_at) index
 * per status instead of every referral the organisation ever had. */
#define DAILY_COUNT(ORG_COLUMN, SIDE)                                                          \
	"SELECT " SIDE ", DATE(created_at + INTERVAL IF(created_at < ?, ?, ?) SECOND) d, COUNT(*)" \
	" FROM referrals WHERE " ORG_COLUMN " = ? AND status IN ('new', 'acknowledged',"         \
	" 'refused', 'closed', 'withdrawn', 'removed', 'no_response') AND created_at >= ?"       \
	" GROUP BY d"

enum db_status referral_daily_counts(struct arena *arena, long long org_id,
                                     const struct referral_local_clock *clock,
                                     struct referral_day_counts *received,
                                     struct referral_day_counts *sent)
{
	struct db_result r;
	enum db_status st = db_run(
	    arena, &r,
	    DAILY_COUNT("receiving_org_id", "0") " UNION ALL " DAILY_COUNT("sending_org_id", "1"),
	    "siiissiiis", clock->switch_at, clock->offset_before, clock->offset_after, org_id,
	    clock->since, clock->switch_at, clock->offset_before, clock->offset_after, org_id,
	    clock->since);
	if (st != DB_OK)
		return st;
	received->items = arena_zalloc(arena, (r.rows + 1) * sizeof *received->items);
	sent->items = arena_zalloc(arena, (r.rows + 1) * sizeof *sent->items);
	received->count = sent->count = 0;
	for (size_t row = 0; row < r.rows; row++) {
		struct referral_day_counts *side = db_int(&r, row, 0, 0) == 1 ? sent : received;
		side->items[side->count++] = (struct referral_day_count){
		    .day = text_of(db_value(&r, row, 1)), .count = db_int(&r, row, 2, 0)};
	}
	return DB_OK;
}

enum db_status referral_latest_inbox(struct arena *arena, long long staff_id, long long limit,
                                     struct referral_inbox_items *out)
{
	struct db_result r;
	enum db_status st = db_run(arena, &r,
	                           "SELECT id, subject, link, created_at, read_at IS NULL"
	                           " FROM inbox_messages WHERE staff_id = ?"
	                           " ORDER BY created_at DESC, id DESC LIMIT ?",
	                           "ii", staff_id, limit);
	if (st != DB_OK)
		return st;
	out->items = arena_zalloc(arena, (r.rows + 1) * sizeof *out->items);
	out->count = 0;
	for (size_t row = 0; row < r.rows; row++)
		out->items[out->count++] = (struct referral_inbox_item){
		    .id = db_int(&r, row, 0, 0),
		    .subject = text_of(db_value(&r, row, 1)),
		    .link = text_of(db_value(&r, row, 2)),
		    .created_at = text_of(db_value(&r, row, 3)),
		    .unread = db_int(&r, row, 4, 0) == 1,
		};
	return DB_OK;
}
