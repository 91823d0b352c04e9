/* SQL for events. */
#include "audit.h"

enum db_status audit_record(struct arena *arena, const struct audit_entry *e)
{
	return db_run(
		arena, NULL,
		"INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id,"
		" old_value, new_value, detail, remote_addr)"
		" VALUES (NULLIF(?, 0), NULLIF(?, 0), ?, ?, NULLIF(?, 0), ?, ?, LEFT(?, 1000), ?)",
		"iississss", e->staff_id, e->organisation_id, e->action, e->subject_type,
		e->subject_id, e->old_value, e->new_value, e->detail, e->remote_addr);
}
