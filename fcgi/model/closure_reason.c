/* SQL for closure_reasons. Each change runs in one transaction with its audit row. */
#include "closure_reason.h"

#include <string.h>

#include "../arena.h"
#include "audit.h"
#include "catalog.h"
#include "settings.h"

enum db_status closure_reason_list(struct arena *arena, struct closure_reason_list *out)
{
	out->count = 0;
	out->items = NULL;
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (catalog->reason_count + 1) * sizeof *out->items);
	memcpy(out->items, catalog->reasons, catalog->reason_count * sizeof *out->items);
	out->count = catalog->reason_count;
	return DB_OK;
}

enum db_status closure_reason_get(struct arena *arena, long long id, struct closure_reason *out,
				  bool *found)
{
	long long auto_close = 0;
	enum db_status status = settings_get(arena, SETTING_AUTO_CLOSE_REASON_ID, &auto_close);
	struct db_result result;
	if (status == DB_OK)
		status = db_run(arena, &result, "SELECT c.id, c.name, c.retired FROM closure_reasons c WHERE c.id = ?",
				"i", id);
	*found = status == DB_OK && result.rows == 1;
	if (*found)
		*out = (struct closure_reason){db_int(&result, 0, 0, 0), db_value(&result, 0, 1),
					       db_int(&result, 0, 2, 0) == 1, db_int(&result, 0, 0, 0) == auto_close};
	return status;
}

static enum db_status record(struct arena *arena, long long staff_id, const char *action, long long id,
			     const char *old_value, const char *new_value)
{
	struct audit_entry entry = {.staff_id = staff_id,
				    .action = action,
				    .subject_type = "closure_reason",
				    .subject_id = id,
				    .old_value = old_value,
				    .new_value = new_value};
	return audit_record(arena, &entry);
}

/* The name is taken by another reason (names compare without case or accents). */
static enum db_status name_taken(struct arena *arena, const char *name, long long except_id, bool *taken)
{
	struct db_result result;
	enum db_status status = db_run(arena, &result,
				       "SELECT 1 FROM closure_reasons WHERE name = ? AND id <> ? LIMIT 1",
				       "si", name, except_id);
	*taken = status == DB_OK && result.rows > 0;
	return status;
}

struct change {
	long long staff_id;
	long long id;
	const char *name;
	bool flag;
	enum closure_reason_change *result;
};

static enum db_status add_work(struct arena *arena, void *context)
{
	struct change *c = context;
	bool taken;
	enum db_status status = name_taken(arena, c->name, 0, &taken);
	if (status != DB_OK || taken) {
		*c->result = CLOSURE_REASON_DUPLICATE;
		return status;
	}
	struct db_result inserted;
	status = db_run(arena, &inserted,
			"INSERT INTO closure_reasons (name, position)"
			" SELECT ?, COALESCE(MAX(position), 0) + 1 FROM closure_reasons",
			"s", c->name);
	if (status == DB_OK)
		status = record(arena, c->staff_id, "admin.closure_reason.add", (long long)inserted.insert_id,
				NULL, c->name);
	*c->result = CLOSURE_REASON_DONE;
	return status;
}

enum db_status closure_reason_add(struct arena *arena, long long staff_id, const char *name,
				  enum closure_reason_change *result)
{
	struct change c = {staff_id, 0, name, false, result};
	enum db_status status = db_transaction(arena, add_work, &c);
	/* two administrators adding the same name at once: the unique key decides */
	if (status == DB_DUPLICATE) {
		*result = CLOSURE_REASON_DUPLICATE;
		return DB_OK;
	}
	return status;
}

static enum db_status rename_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct closure_reason current;
	bool found, taken;
	enum db_status status = closure_reason_get(arena, c->id, &current, &found);
	if (status != DB_OK || !found) {
		*c->result = CLOSURE_REASON_NOT_FOUND;
		return status;
	}
	status = name_taken(arena, c->name, c->id, &taken);
	if (status != DB_OK || taken) {
		*c->result = CLOSURE_REASON_DUPLICATE;
		return status;
	}
	*c->result = CLOSURE_REASON_DONE;
	if (strcmp(current.name, c->name) == 0)
		return DB_OK;
	status = db_run(arena, NULL, "UPDATE closure_reasons SET name = ? WHERE id = ?", "si", c->name, c->id);
	if (status == DB_OK)
		status = record(arena, c->staff_id, "admin.closure_reason.rename", c->id, current.name, c->name);
	return status;
}

enum db_status closure_reason_rename(struct arena *arena, long long staff_id, long long id,
				     const char *name, enum closure_reason_change *result)
{
	struct change c = {staff_id, id, name, false, result};
	enum db_status status = db_transaction(arena, rename_work, &c);
	if (status == DB_DUPLICATE) {
		*result = CLOSURE_REASON_DUPLICATE;
		return DB_OK;
	}
	return status;
}

static enum db_status retire_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct closure_reason current;
	bool found;
	enum db_status status = closure_reason_get(arena, c->id, &current, &found);
	if (status != DB_OK || !found) {
		*c->result = CLOSURE_REASON_NOT_FOUND;
		return status;
	}
	/* Read the automatic-closing reason under a shared lock: the settings page takes the
	 * row FOR UPDATE, so a retire and a settings change run one after the other. */
	long long auto_close = 0;
	status = settings_get_locked(arena, SETTING_AUTO_CLOSE_REASON_ID, &auto_close);
	if (status != DB_OK)
		return status;
	current.auto_close = auto_close == c->id;
	if (c->flag && current.auto_close) {
		*c->result = CLOSURE_REASON_IN_USE;
		return DB_OK;
	}
	*c->result = CLOSURE_REASON_DONE;
	if (current.retired == c->flag)
		return DB_OK;
	status = db_run(arena, NULL, "UPDATE closure_reasons SET retired = ? WHERE id = ?", "ii",
			(long long)c->flag, c->id);
	if (status == DB_OK)
		status = record(arena, c->staff_id,
				c->flag ? "admin.closure_reason.retire" : "admin.closure_reason.restore", c->id,
				c->flag ? "active" : "retired", c->flag ? "retired" : "active");
	return status;
}

enum db_status closure_reason_set_retired(struct arena *arena, long long staff_id, long long id,
					  bool retired, enum closure_reason_change *result)
{
	struct change c = {staff_id, id, NULL, retired, result};
	return db_transaction(arena, retire_work, &c);
}

static enum db_status move_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct db_result rows;
	/* this reason and its neighbour among the active ones, locked while they swap places */
	enum db_status status = db_run(
		arena, &rows,
		"SELECT id, position, name FROM closure_reasons WHERE retired = 0 ORDER BY position, id FOR UPDATE",
		"");
	if (status != DB_OK)
		return status;
	size_t at = rows.rows;
	for (size_t r = 0; r < rows.rows; r++)
		if (db_int(&rows, r, 0, 0) == c->id)
			at = r;
	if (at == rows.rows) {
		*c->result = CLOSURE_REASON_NOT_FOUND;
		return DB_OK;
	}
	*c->result = CLOSURE_REASON_DONE;
	size_t other = c->flag ? at - 1 : at + 1;
	if ((c->flag && at == 0) || (!c->flag && at + 1 >= rows.rows))
		return DB_OK; /* already first or last */
	/* renumber all so equal positions cannot make the swap a no-op */
	for (size_t r = 0; r < rows.rows && status == DB_OK; r++) {
		size_t slot = r == at ? other : r == other ? at : r;
		status = db_run(arena, NULL, "UPDATE closure_reasons SET position = ? WHERE id = ?", "ii",
				(long long)slot + 1, db_int(&rows, r, 0, 0));
	}
	if (status == DB_OK)
		status = record(arena, c->staff_id, "admin.closure_reason.move", c->id,
				arena_printf(arena, "position %zu", at + 1),
				arena_printf(arena, "position %zu", other + 1));
	return status;
}

enum db_status closure_reason_move(struct arena *arena, long long staff_id, long long id, bool up,
				   enum closure_reason_change *result)
{
	struct change c = {staff_id, id, NULL, up, result};
	return db_transaction(arena, move_work, &c);
}
