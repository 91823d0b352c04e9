/* The job's step that deactivates staff who have not signed in for a while. */
#include "inactivity.h"

#include <stdbool.h>

#include "../arena.h"
#include "audit.h"
#include "settings.h"

#define INACTIVITY_BATCH 200

/* Last active (staff.last_active_at, sql/067_privacy_job_indexes.sql): the latest of the last
 * sign-in, the account's creation and its reactivation; indexed with active and is_admin. */

struct inactive_one {
	long long staff_id;
	const char *cutoff;
	long long days;
	bool done;
};

static enum db_status inactive_work(struct arena *arena, void *context)
{
	struct inactive_one *one = context;
	one->done = false;
	struct db_result row;
	enum db_status status =
		db_run(arena, &row,
		       "SELECT id FROM staff WHERE id = ? AND active = 1 AND is_admin = 0"
		       " AND last_active_at < ? FOR UPDATE",
		       "is", one->staff_id, one->cutoff);
	if (status != DB_OK || row.rows != 1)
		return status;
	status =
		db_run(arena, NULL, "UPDATE staff SET active = 0 WHERE id = ?", "i", one->staff_id);
	if (status == DB_OK)
		status = db_run(arena, NULL, "DELETE FROM sessions WHERE staff_id = ?", "i",
				one->staff_id);
	if (status != DB_OK)
		return status;
	struct audit_entry entry = {
		.action = "staff.deactivated_inactive",
		.subject_type = "staff",
		.subject_id = one->staff_id,
		.old_value = "active",
		.new_value = "inactive",
		.detail = arena_printf(arena, "Not signed in for %lld days", one->days),
	};
	status = audit_record(arena, &entry);
	one->done = status == DB_OK;
	return status;
}

enum db_status inactivity_step(struct arena *arena, const char *now, inactivity_leased leased,
			       void *run, FILE *out)
{
	long long days = 0, deactivated = 0;
	const char *cutoff;
	enum db_status status = settings_cutoff(arena, SETTING_STAFF_INACTIVE_DAYS,
						SETTINGS_SPAN_DAYS, now, &days, &cutoff);
	if (status != DB_OK)
		return status;
	long long after = 0;
	for (;;) {
		struct db_result rows;
		status = db_run(arena, &rows,
				"SELECT id FROM staff WHERE active = 1 AND is_admin = 0"
				" AND last_active_at < ? AND id > ? ORDER BY id LIMIT 200",
				"si", cutoff, after);
		if (status != DB_OK || rows.rows == 0)
			break;
		for (size_t i = 0; status == DB_OK && i < rows.rows; i++) {
			struct inactive_one one = { db_int(&rows, i, 0, 0), cutoff, days, false };
			after = one.staff_id;
			status = leased(run, inactive_work, &one);
			deactivated += one.done;
		}
		if (status != DB_OK || rows.rows < INACTIVITY_BATCH)
			break;
	}
	if (status == DB_OK)
		fprintf(out, "staff deactivated after %lld days without signing in: %lld\n", days,
			deactivated);
	return status;
}
