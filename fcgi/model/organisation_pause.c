/* Pausing and resuming an organisation's referrals, its banner, and the job that resumes
 * organisations on their date. Each change locks the row, writes it and its audit row (with
 * the organisation) in one transaction. */
#include "organisation_pause.h"

#include <string.h>

#include "../arena.h"
#include "audit.h"

/* The most organisations one run of the job resumes: the rest wait for the next run. */
#define RESUME_BATCH 500

const struct form_field organisation_pause_fields[PAUSE_FIELD_COUNT] = {
	[PAUSE_REASON] = { .name = "reason",
			   .label = "Reason",
			   .check = form_check_plain_line,
			   .max_length = ORGANISATION_PAUSE_REASON_MAX,
			   .required = true,
			   .missing = "Enter why referrals are paused, like ‘staff shortage’" },
	[PAUSE_DAY] = { .name = "resume_day", .label = "Day", .max_length = 2 },
	[PAUSE_MONTH] = { .name = "resume_month", .label = "Month", .max_length = 2 },
	[PAUSE_YEAR] = { .name = "resume_year", .label = "Year", .max_length = 4 },
};

const struct form_field organisation_banner_field[1] = {
	{ .name = "banner",
	  .label = "Banner alert",
	  .check = form_check_plain_line,
	  .max_length = ORGANISATION_BANNER_MAX },
};

struct change {
	const struct organisation_change_by *by;
	long long org_id;
	const char *reason, *until, *banner; /* what is set (by the kind of change) */
	enum { CHANGE_PAUSE, CHANGE_RESUME, CHANGE_BANNER } kind;
	bool found;
};

/* what: "pause", "resume" or "banner", named by who (organisation_change_by). */
static enum db_status audit(struct arena *arena, const struct change *c, const char *what,
			    const char *detail, const char *old_value, const char *new_value)
{
	struct audit_entry entry = { .staff_id = c->by->staff_id,
				     .organisation_id = c->org_id,
				     .action = arena_printf(arena, "%s%s",
							    c->by->as_admin ? "admin.organisation."
									    : "organisation.",
							    what),
				     .subject_type = "organisation",
				     .subject_id = c->org_id,
				     .old_value = old_value,
				     .new_value = new_value,
				     .detail = detail,
				     .remote_addr = c->by->remote_addr };
	return audit_record(arena, &entry);
}

static const char *pause_text(struct arena *arena, const char *reason, const char *until)
{
	if (reason == NULL)
		return NULL;
	return until != NULL ? arena_printf(arena, "%s (until %s)", reason, until) : reason;
}

static enum db_status change_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct db_result row;
	enum db_status s =
		db_run(arena, &row,
		       "SELECT paused_reason, paused_until, banner, accepting FROM organisations"
		       " WHERE id = ? FOR UPDATE",
		       "i", c->org_id);
	c->found = s == DB_OK && row.rows == 1;
	if (!c->found)
		return s;
	const char *was_reason = db_value(&row, 0, 0), *was_until = db_value(&row, 0, 1);
	bool was_accepting = db_int(&row, 0, 3, 0) == 1;
	const char *was_pause = pause_text(arena, was_reason, was_until);
	switch (c->kind) {
	case CHANGE_PAUSE:
		s = db_run(arena, NULL,
			   "UPDATE organisations SET accepting = 0, paused_reason = ?,"
			   " paused_until = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
			   "ssi", c->reason, c->until, c->org_id);
		if (s == DB_OK)
			s = audit(arena, c, "pause", "Referrals paused",
				  was_pause != NULL ? was_pause
				  : was_accepting   ? "Accepting referrals"
						    : "Not accepting referrals",
				  pause_text(arena, c->reason, c->until));
		return s;
	case CHANGE_RESUME:
		s = db_run(arena, NULL,
			   "UPDATE organisations SET accepting = 1, paused_reason = NULL,"
			   " paused_until = NULL, updated_at = UTC_TIMESTAMP() WHERE id = ?",
			   "i", c->org_id);
		if (s == DB_OK && (was_pause != NULL || !was_accepting))
			s = audit(arena, c, "resume",
				  c->by->staff_id == 0 ? "Referrals resumed on the date set"
						       : "Referrals resumed",
				  was_pause != NULL ? was_pause : "Not accepting referrals",
				  "Accepting referrals");
		return s;
	case CHANGE_BANNER:
		if (strcmp(db_value(&row, 0, 2), c->banner) == 0)
			return DB_OK;
		s = db_run(arena, NULL, "UPDATE organisations SET banner = ? WHERE id = ?", "si",
			   c->banner, c->org_id);
		if (s == DB_OK)
			s = audit(arena, c, "banner", "Banner alert",
				  db_value(&row, 0, 2)[0] ? db_value(&row, 0, 2) : NULL,
				  c->banner[0] ? c->banner : NULL);
		return s;
	}
	return s;
}

static enum db_status run(struct arena *arena, struct change *c, bool *found)
{
	enum db_status s = db_transaction(arena, change_work, c);
	*found = c->found;
	return s;
}

enum db_status organisation_pause(struct arena *arena, const struct organisation_change_by *by,
				  long long org_id, const char *reason, const char *until_iso,
				  bool *found)
{
	struct change c = { .by = by,
			    .org_id = org_id,
			    .reason = reason,
			    .until = until_iso,
			    .kind = CHANGE_PAUSE };
	return run(arena, &c, found);
}

enum db_status organisation_resume(struct arena *arena, const struct organisation_change_by *by,
				   long long org_id, bool *found)
{
	struct change c = { .by = by, .org_id = org_id, .kind = CHANGE_RESUME };
	return run(arena, &c, found);
}

enum db_status organisation_banner_set(struct arena *arena, const struct organisation_change_by *by,
				       long long org_id, const char *banner, bool *found)
{
	struct change c = { .by = by, .org_id = org_id, .banner = banner, .kind = CHANGE_BANNER };
	return run(arena, &c, found);
}

enum db_status organisation_resume_due(struct arena *arena, const char *today_iso,
				       long long *resumed)
{
	*resumed = 0;
	struct db_result due;
	/* index organisations_paused_until */
	enum db_status s = db_run(arena, &due,
				  "SELECT id FROM organisations WHERE paused_until <= ?"
				  " ORDER BY paused_until, id LIMIT ?",
				  "si", today_iso, (long long)RESUME_BATCH);
	static const struct organisation_change_by job = { 0, NULL, false };
	for (size_t i = 0; s == DB_OK && i < due.rows; i++) {
		bool found = false;
		s = organisation_resume(arena, &job, db_int(&due, i, 0, 0), &found);
		if (s == DB_OK && found)
			(*resumed)++;
	}
	return s;
}
