/* SQL for reading events. Each filter is "(no filter OR condition)" with the switch bound as
 * a parameter: MariaDB folds the constant part when it plans each execution, so whichever
 * filters are set, the remaining condition picks its index (events_staff, events_action,
 * events_subject, events_org, events_time), all of which end in occurred_at: rows come in
 * time order without sorting, and the keyset condition is a range on the same index. */
#include "audit_log.h"

#include <string.h>
#include <strings.h>

#include "../arena.h"
#include "catalog.h"
#include "composed_sql.h"

/* The subject's name comes from its own table, for the kinds that have one. */
/* clang-format off */
#define EVENT_SELECT                                                                               \
	"SELECT e.id, e.occurred_at, e.staff_id, s.username, s.display_name, e.organisation_id,"   \
	" o.name, e.action, e.subject_type, e.subject_id,"                                         \
	" COALESCE(ss.display_name, so.name, si.name, sc.name, sl.name),"                          \
	" e.old_value, e.new_value, e.detail, e.remote_addr"                                       \
	" FROM events e"                                                                           \
	" LEFT JOIN staff s ON s.id = e.staff_id"                                                  \
	" LEFT JOIN organisations o ON o.id = e.organisation_id"                                   \
	" LEFT JOIN staff ss ON e.subject_type = 'staff' AND ss.id = e.subject_id"                 \
	" LEFT JOIN organisations so ON e.subject_type = 'organisation' AND so.id = e.subject_id"  \
	" LEFT JOIN issues si ON e.subject_type = 'issue' AND si.id = e.subject_id"                \
	" LEFT JOIN closure_reasons sc"                                                            \
	"  ON e.subject_type = 'closure_reason' AND sc.id = e.subject_id"                          \
	" LEFT JOIN local_authorities sl"                                                          \
	"  ON e.subject_type = 'local_authority' AND sl.id = e.subject_id"
/* clang-format on */
/* clang-format off */
#define EVENT_FILTERS                                                                              \
	" WHERE (? = '' OR e.action LIKE ?)"                                                       \
	" AND (? = 0 OR e.staff_id = ?)"                                                           \
	" AND (? = 0 OR e.organisation_id = ?)"                                                    \
	" AND (? = 0 OR e.occurred_at >= ?)"                                                       \
	" AND (? = 0 OR e.occurred_at < ?)"                                                        \
	" AND (? = '' OR e.subject_type = ?)"                                                      \
	" AND (? = 0 OR e.subject_id = ?)"
/* clang-format on */
/* a pair per line of EVENT_FILTERS: ss action, ii staff, ii organisation, is from, is to,
 * ss subject type, ii subject id */
#define EVENT_FILTER_TYPES "ssiiiiisisssii"

static const char *const older_sql = EVENT_SELECT EVENT_FILTERS
	" AND (? = 0 OR e.occurred_at < ? OR (e.occurred_at = ? AND e.id < ?))"
	" ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?";

static const char *const newer_sql = EVENT_SELECT EVENT_FILTERS
	" AND (? = 0 OR e.occurred_at > ? OR (e.occurred_at = ? AND e.id > ?))"
	" ORDER BY e.occurred_at, e.id LIMIT ?";

/* Any valid time for a switched-off comparison: the server never has to convert "". */
static const char no_time[] = "1970-01-01 00:00:00";

static struct audit_event event_from(const struct db_result *r, size_t row)
{
	return (struct audit_event){
		.id = db_int(r, row, 0, 0),
		.occurred_at = db_value(r, row, 1),
		.staff_id = db_int(r, row, 2, 0),
		.staff_username = db_value(r, row, 3),
		.staff_name = db_value(r, row, 4),
		.organisation_id = db_int(r, row, 5, 0),
		.organisation_name = db_value(r, row, 6),
		.action = db_value(r, row, 7),
		.subject_type = db_value(r, row, 8),
		.subject_id = db_int(r, row, 9, 0),
		.subject_name = db_value(r, row, 10),
		.old_value = db_value(r, row, 11),
		.new_value = db_value(r, row, 12),
		.detail = db_value(r, row, 13),
		.remote_addr = db_value(r, row, 14),
	};
}

enum db_status audit_log_list(struct arena *arena, const struct audit_filter *f,
			      long long cursor_id, enum audit_direction direction, size_t limit,
			      struct audit_page *out)
{
	memset(out, 0, sizeof *out);
	const char *cursor_time = no_time;
	enum db_status status;
	if (cursor_id != 0) {
		struct db_result cursor;
		status = db_run(arena, &cursor, "SELECT occurred_at FROM events WHERE id = ?", "i",
				cursor_id);
		if (status != DB_OK || cursor.rows != 1)
			return status;
		cursor_time = db_value(&cursor, 0, 0);
	}
	out->cursor_found = true;
	const char *action = f->action_prefix ? f->action_prefix : "";
	const char *subject_type = f->subject_type ? f->subject_type : "";
	bool from = f->from_utc && f->from_utc[0], to = f->to_utc && f->to_utc[0];
	struct db_result result;
	status = db_run(arena, &result, direction == AUDIT_OLDER ? older_sql : newer_sql,
			/* then the cursor (issi) and the limit (i) */
			EVENT_FILTER_TYPES "issii", action, composed_like_prefix(arena, action),
			f->staff_id, f->staff_id, f->organisation_id, f->organisation_id,
			(long long)from, from ? f->from_utc : no_time, (long long)to,
			to ? f->to_utc : no_time, subject_type, subject_type, f->subject_id,
			f->subject_id, cursor_id, cursor_time, cursor_time, cursor_id,
			(long long)limit + 1);
	if (status != DB_OK)
		return status;
	size_t count = result.rows > limit ? limit : result.rows;
	out->more = result.rows > limit;
	out->items = arena_zalloc(arena, (count + 1) * sizeof *out->items);
	for (size_t r = 0; r < count; r++) {
		/* newer rows come oldest first: turn them round */
		size_t at = direction == AUDIT_OLDER ? r : count - 1 - r;
		out->items[at] = event_from(&result, r);
	}
	out->count = count;
	return DB_OK;
}

/* The distinct values the statement reads (its first column), without NULLs. Prepared afresh
 * each time: see db_run_fresh. */
static enum db_status names(struct arena *arena, const char *sql, struct audit_names *out)
{
	struct db_result result;
	enum db_status status = db_run_fresh(arena, &result, sql, "");
	size_t rows = status == DB_OK ? result.rows : 0;
	out->items = arena_zalloc(arena, (rows + 1) * sizeof *out->items);
	out->count = 0;
	for (size_t r = 0; r < rows; r++)
		if (db_value(&result, r, 0) != NULL)
			out->items[out->count++] = db_value(&result, r, 0);
	return status;
}

/* A loose scan of events_action: one probe per distinct action, not one per event. The index
 * is named because with a poor estimate of the distinct actions the optimizer read all of it
 * instead (19 M entries at the design scale, SCALE-FINDINGS.md). */
enum db_status audit_log_actions(struct arena *arena, struct audit_names *out)
{
	return names(arena,
		     "SELECT action FROM events FORCE INDEX (events_action)"
		     " GROUP BY action ORDER BY action LIMIT 500",
		     out);
}

/* likewise through events_subject */
enum db_status audit_log_subject_types(struct arena *arena, struct audit_names *out)
{
	return names(arena,
		     "SELECT subject_type FROM events FORCE INDEX (events_subject)"
		     " GROUP BY subject_type ORDER BY subject_type LIMIT 100",
		     out);
}

enum db_status audit_log_find_staff(struct arena *arena, const char *username, size_t limit,
				    struct audit_people *out)
{
	out->count = 0;
	out->items = NULL;
	struct db_result result;
	/* the exact username first, so "tom" finds Tom even when "tomas" exists too */
	enum db_status status = db_run(arena, &result,
				       "SELECT id, username, display_name FROM staff"
				       " WHERE username = ? OR username LIKE ?"
				       " ORDER BY username = ? DESC, username LIMIT ?",
				       "sssi", username, composed_like_prefix(arena, username),
				       username, (long long)limit);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (result.rows + 1) * sizeof *out->items);
	for (size_t r = 0; r < result.rows; r++) {
		struct audit_person person = { db_int(&result, r, 0, 0), db_value(&result, r, 1),
					       db_value(&result, r, 2) };
		/* an exact match is the only one that counts */
		if (r == 0 && strcasecmp(person.username, username) == 0) {
			out->items[0] = person;
			out->count = 1;
			return DB_OK;
		}
		out->items[out->count++] = person;
	}
	return DB_OK;
}

enum db_status audit_log_organisations(struct arena *arena, struct audit_orgs *out)
{
	out->count = 0;
	out->items = NULL;
	struct catalog_org *orgs;
	size_t count;
	enum db_status status = catalog_organisations(arena, false, &orgs, &count);
	if (status != DB_OK)
		return status;
	if (count > 1000)
		count = 1000;
	out->items = arena_zalloc(arena, (count + 1) * sizeof *out->items);
	for (size_t i = 0; i < count; i++)
		out->items[i] = (struct audit_org){ orgs[i].id, orgs[i].name, orgs[i].active };
	out->count = count;
	return DB_OK;
}
