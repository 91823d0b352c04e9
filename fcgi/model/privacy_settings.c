/* Saving the privacy settings, audited. */
#include "privacy_settings.h"

#include <stdbool.h>

#include "../arena.h"
#include "audit.h"

const enum settings_key privacy_setting_keys[2] = { SETTING_RETENTION_MONTHS,
						    SETTING_STAFF_INACTIVE_DAYS };

struct save {
	long long staff_id;
	const char *remote_addr;
	const long long *values;
	size_t *changed;
};

static enum db_status save_one(struct arena *arena, const struct save *s, size_t i)
{
	const struct settings_def *def = &settings_defs[privacy_setting_keys[i]];
	struct db_result row;
	enum db_status status =
		db_run(arena, &row, "SELECT value FROM settings WHERE name = ? FOR UPDATE", "s",
		       def->name);
	if (status != DB_OK)
		return status;
	const char *old_text = row.rows == 1 ? db_value(&row, 0, 0) : NULL;
	const char *new_text = arena_printf(arena, "%lld", s->values[i]);
	if (old_text != NULL && db_int(&row, 0, 0, -1) == s->values[i])
		return DB_OK;
	status = db_run(
		arena, NULL,
		"INSERT INTO settings (name, value, updated_at) VALUES (?, ?, UTC_TIMESTAMP())"
		" ON DUPLICATE KEY UPDATE value = VALUES(value), updated_at = "
		"VALUES(updated_at)",
		"ss", def->name, new_text);
	if (status != DB_OK)
		return status;
	struct audit_entry entry = {
		.staff_id = s->staff_id,
		.action = "admin.settings.change",
		.subject_type = "setting",
		.old_value = old_text,
		.new_value = new_text,
		.detail = arena_printf(arena, "%s (%s)", def->label, def->name),
		.remote_addr = s->remote_addr,
	};
	status = audit_record(arena, &entry);
	(*s->changed)++;
	return status;
}

static enum db_status save_work(struct arena *arena, void *context)
{
	struct save *s = context;
	*s->changed = 0;
	enum db_status status = DB_OK;
	for (size_t i = 0; status == DB_OK && i < 2; i++)
		status = save_one(arena, s, i);
	return status;
}

enum db_status privacy_settings_save(struct arena *arena, long long staff_id,
				     const char *remote_addr, const long long values[2],
				     size_t *changed)
{
	struct save s = { staff_id, remote_addr, values, changed };
	return db_transaction(arena, save_work, &s);
}
