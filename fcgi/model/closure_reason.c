/* SQL for closure_reasons. Each change runs in one transaction with its audit row. */
#include "closure_reason.h"

#include <string.h>

#include "../arena.h"
#include "audit.h"
#include "catalog.h"
#include "settings.h"
#include "ordered_list.h"

/* Closure reasons are a short configured list; the bound only keeps a page from growing
 * without limit. */
static const struct ordered_list reasons =
	ORDERED_LIST(0, false, ORDERED_PLACE, "closure_reasons", "", "retired = 0", "retired = 1",
		     "name", "500");

enum db_status closure_reason_list(struct arena *arena, struct closure_reason_list *out)
{
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	out->count = status == DB_OK ? catalog->reason_count : 0;
	out->items = catalog_copy_items(arena, status == DB_OK ? catalog->reasons : NULL,
					out->count, sizeof *out->items);
	return status;
}

enum db_status closure_reason_get(struct arena *arena, long long id, struct closure_reason *out,
				  bool *found)
{
	long long auto_close = 0;
	enum db_status status = settings_get(arena, SETTING_AUTO_CLOSE_REASON_ID, &auto_close);
	struct db_result result;
	if (status == DB_OK)
		status = db_run(
			arena, &result,
			"SELECT c.id, c.name, c.retired FROM closure_reasons c WHERE c.id = ?", "i",
			id);
	*found = status == DB_OK && result.rows == 1;
	if (*found)
		*out = (struct closure_reason){ db_int(&result, 0, 0, 0), db_value(&result, 0, 1),
						db_int(&result, 0, 2, 0) == 1,
						db_int(&result, 0, 0, 0) == auto_close };
	return status;
}

static enum db_status record(struct arena *arena, long long staff_id, const char *action,
			     long long id, const char *old_value, const char *new_value)
{
	struct audit_entry entry = { .staff_id = staff_id,
				     .action = action,
				     .subject_type = "closure_reason",
				     .subject_id = id,
				     .old_value = old_value,
				     .new_value = new_value };
	return audit_record(arena, &entry);
}

struct change {
	long long staff_id;
	long long id;
	const char *name;
	bool flag;
	enum closure_reason_change *result;
};

/* The change's reason (current); false, the result NOT_FOUND, when there is none. */
static bool current_of(struct arena *arena, struct change *c, struct closure_reason *current,
		       enum db_status *status)
{
	bool found;
	*status = closure_reason_get(arena, c->id, current, &found);
	if (*status != DB_OK || !found)
		*c->result = CLOSURE_REASON_NOT_FOUND;
	return *status == DB_OK && found;
}

/* The change's name is free: no other reason (not except_id) has it, names compared without
 * case or accents; false, the result DUPLICATE, when one has or the database failed. */
static bool name_free(struct arena *arena, struct change *c, long long except_id,
		      enum db_status *status)
{
	const char *clash;
	*status = ordered_list_label_taken(arena, &reasons, (struct ordered_scope){ 0 }, c->name,
					   except_id, &clash);
	if (*status != DB_OK || clash != NULL)
		*c->result = CLOSURE_REASON_DUPLICATE;
	return *status == DB_OK && clash == NULL;
}

static enum db_status add_work(struct arena *arena, void *context)
{
	struct change *c = context;
	enum db_status status;
	if (!name_free(arena, c, 0, &status))
		return status;
	struct db_result inserted;
	status = db_run(arena, &inserted,
			"INSERT INTO closure_reasons (name, position)"
			" SELECT ?, COALESCE(MAX(position), 0) + 1 FROM closure_reasons",
			"s", c->name);
	if (status == DB_OK)
		status = record(arena, c->staff_id, "admin.closure_reason.add",
				(long long)inserted.insert_id, NULL, c->name);
	*c->result = CLOSURE_REASON_DONE;
	return status;
}

/* Runs a change that saves a name: a unique key that refuses it (another administrator saved
 * the name at the same time) is told as a duplicate, as the check before it would have. */
static enum db_status save_name(struct arena *arena, db_work work, struct change *c)
{
	enum db_status status = db_transaction(arena, work, c);
	if (ordered_list_raced(&status))
		*c->result = CLOSURE_REASON_DUPLICATE;
	return status;
}

enum db_status closure_reason_add(struct arena *arena, long long staff_id, const char *name,
				  enum closure_reason_change *result)
{
	struct change c = { staff_id, 0, name, false, result };
	return save_name(arena, add_work, &c);
}

static enum db_status rename_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct closure_reason current;
	enum db_status status;
	if (!current_of(arena, c, &current, &status))
		return status;
	if (!name_free(arena, c, c->id, &status))
		return status;
	*c->result = CLOSURE_REASON_DONE;
	if (strcmp(current.name, c->name) == 0)
		return DB_OK;
	status = db_run(arena, NULL, "UPDATE closure_reasons SET name = ? WHERE id = ?", "si",
			c->name, c->id);
	if (status == DB_OK)
		status = record(arena, c->staff_id, "admin.closure_reason.rename", c->id,
				current.name, c->name);
	return status;
}

enum db_status closure_reason_rename(struct arena *arena, long long staff_id, long long id,
				     const char *name, enum closure_reason_change *result)
{
	struct change c = { staff_id, id, name, false, result };
	return save_name(arena, rename_work, &c);
}

static enum db_status retire_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct closure_reason current;
	enum db_status status;
	if (!current_of(arena, c, &current, &status))
		return status;
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
	status = ordered_list_set_retired(arena, &reasons, (struct ordered_scope){ 0 }, c->id,
					  c->flag);
	if (status == DB_OK)
		status = record(
			arena, c->staff_id,
			c->flag ? "admin.closure_reason.retire" : "admin.closure_reason.restore",
			c->id, c->flag ? "active" : "retired", c->flag ? "retired" : "active");
	return status;
}

enum db_status closure_reason_set_retired(struct arena *arena, long long staff_id, long long id,
					  bool retired, enum closure_reason_change *result)
{
	struct change c = { staff_id, id, NULL, retired, result };
	return db_transaction(arena, retire_work, &c);
}

static enum db_status move_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct audit_entry entry = { .staff_id = c->staff_id,
				     .action = "admin.closure_reason.move",
				     .subject_type = "closure_reason" };
	bool found;
	enum db_status status = ordered_list_move(arena, &reasons, (struct ordered_scope){ 0 },
						  c->id, c->flag, &entry, &found);
	*c->result = found ? CLOSURE_REASON_DONE : CLOSURE_REASON_NOT_FOUND;
	return status;
}

enum db_status closure_reason_move(struct arena *arena, long long staff_id, long long id, bool up,
				   enum closure_reason_change *result)
{
	struct change c = { staff_id, id, NULL, up, result };
	return db_transaction(arena, move_work, &c);
}
