/* SQL for local_authorities and reference_values. Each change runs in one transaction with
 * its audit row; a unique key that refuses a row raced by another administrator is reported
 * the same way as the check before it. */
#include "reference.h"

#include <string.h>
#include <strings.h>

#include "../arena.h"
#include "audit.h"
#include "catalog.h"
#include "composed_sql.h"
#include "ordered_list.h"

static enum db_status record(struct arena *arena, const struct reference_actor *actor,
			     const char *action, const char *subject_type, long long id,
			     const char *old_value, const char *new_value, const char *detail)
{
	struct audit_entry entry = { .staff_id = actor->staff_id,
				     .action = action,
				     .subject_type = subject_type,
				     .subject_id = id,
				     .old_value = old_value,
				     .new_value = new_value,
				     .detail = detail,
				     .remote_addr = actor->remote_addr };
	return audit_record(arena, &entry);
}

/* ---- local authorities ---- */

static struct local_authority local_authority_row(const struct db_result *rows, size_t r)
{
	return (struct local_authority){ db_int(rows, r, 0, 0), db_value(rows, r, 1),
					 db_value(rows, r, 2), db_int(rows, r, 3, 0) == 1 };
}

enum db_status local_authority_search(struct arena *arena, const char *query, long long page,
				      struct local_authority_page *out)
{
	memset(out, 0, sizeof *out);
	const char *pattern;
	enum db_status status = composed_search_total(arena,
						      "SELECT COUNT(*) FROM local_authorities"
						      " WHERE ? = '' OR name LIKE ? OR code LIKE ?",
						      query, &page, LOCAL_AUTHORITY_PAGE_MAX,
						      &pattern, &out->total);
	if (status != DB_OK)
		return status;
	struct db_result rows;
	status = db_run(arena, &rows,
			"SELECT id, name, code, active FROM local_authorities"
			" WHERE ? = '' OR name LIKE ? OR code LIKE ?"
			" ORDER BY name, id LIMIT ? OFFSET ?",
			"sssii", query, pattern, pattern, (long long)LOCAL_AUTHORITY_PAGE_SIZE,
			(page - 1) * LOCAL_AUTHORITY_PAGE_SIZE);
	out->items = db_items(arena, status, &rows, sizeof *out->items, &out->count);
	for (size_t r = 0; r < out->count; r++)
		out->items[r] = local_authority_row(&rows, r);
	return status;
}

enum db_status local_authority_get(struct arena *arena, long long id, struct local_authority *out,
				   bool *found)
{
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows, "SELECT id, name, code, active FROM local_authorities WHERE id = ?",
		"i", id);
	*found = status == DB_OK && rows.rows == 1;
	if (*found)
		*out = local_authority_row(&rows, 0);
	return status;
}

/* The same, locking the row until the transaction ends. */
static enum db_status local_authority_lock(struct arena *arena, long long id,
					   struct local_authority *out, bool *found)
{
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows,
		"SELECT id, name, code, active FROM local_authorities WHERE id = ? FOR UPDATE", "i",
		id);
	*found = status == DB_OK && rows.rows == 1;
	if (*found)
		*out = local_authority_row(&rows, 0);
	return status;
}

enum db_status local_authority_usage(struct arena *arena, long long id,
				     struct local_authority_usage *out)
{
	struct db_result rows;
	enum db_status status =
		db_run(arena, &rows,
		       "SELECT (SELECT COUNT(*) FROM organisation_local_authorities WHERE "
		       "local_authority_id = ?),"
		       " (SELECT COUNT(*) FROM postcodes WHERE local_authority_id = ?)",
		       "ii", id, id);
	out->organisations = status == DB_OK ? db_int(&rows, 0, 0, 0) : 0;
	out->postcodes = status == DB_OK ? db_int(&rows, 0, 1, 0) : 0;
	return status;
}

/* Another local authority (not except_id) with this name or code, into result. */
static enum db_status find_clash(struct arena *arena, const char *name, const char *code,
				 long long except_id, struct local_authority_result *result)
{
	struct db_result rows;
	enum db_status status = db_run(arena, &rows,
				       "SELECT id, name, code, active FROM local_authorities"
				       " WHERE name = ? AND id <> ? LIMIT 1",
				       "si", name, except_id);
	if (status != DB_OK)
		return status;
	if (rows.rows == 1) {
		result->change = LOCAL_AUTHORITY_NAME_TAKEN;
		result->clash = local_authority_row(&rows, 0);
		return DB_OK;
	}
	status = db_run(arena, &rows,
			"SELECT id, name, code, active FROM local_authorities WHERE code = ? AND "
			"id <> ? LIMIT 1",
			"si", code, except_id);
	if (status == DB_OK && rows.rows == 1) {
		result->change = LOCAL_AUTHORITY_CODE_TAKEN;
		result->clash = local_authority_row(&rows, 0);
	}
	return status;
}

struct local_authority_work {
	const struct reference_actor *actor;
	long long id;
	const char *name;
	const char *code;
	bool active;
	struct local_authority_result *result;
};

static const char *described(struct arena *arena, const char *name, const char *code)
{
	return arena_printf(arena, "%s (%s)", name, code);
}

static enum db_status add_work(struct arena *arena, void *context)
{
	struct local_authority_work *w = context;
	w->result->change = LOCAL_AUTHORITY_DONE;
	enum db_status status = find_clash(arena, w->name, w->code, 0, w->result);
	if (status != DB_OK || w->result->change != LOCAL_AUTHORITY_DONE)
		return status;
	struct db_result inserted;
	status =
		db_run(arena, &inserted, "INSERT INTO local_authorities (name, code) VALUES (?, ?)",
		       "ss", w->name, w->code);
	if (status != DB_OK)
		return status;
	w->result->id = (long long)inserted.insert_id;
	return record(arena, w->actor, "admin.local_authority.add", "local_authority",
		      w->result->id, NULL, described(arena, w->name, w->code), NULL);
}

/* A unique key refused the change: another administrator got there first. Says which. */
static enum db_status after_duplicate(struct arena *arena, const struct local_authority_work *w)
{
	w->result->change = LOCAL_AUTHORITY_DONE;
	enum db_status status = find_clash(arena, w->name, w->code, w->id, w->result);
	if (status == DB_OK && w->result->change == LOCAL_AUTHORITY_DONE) {
		w->result->change = LOCAL_AUTHORITY_NAME_TAKEN; /* gone again meanwhile */
		w->result->clash = (struct local_authority){ 0, w->name, w->code, true };
	}
	return status;
}

enum db_status local_authority_add(struct arena *arena, const struct reference_actor *actor,
				   const char *name, const char *code,
				   struct local_authority_result *result)
{
	memset(result, 0, sizeof *result);
	struct local_authority_work w = { actor, 0, name, code, true, result };
	enum db_status status = db_transaction(arena, add_work, &w);
	return status == DB_DUPLICATE ? after_duplicate(arena, &w) : status;
}

/* The row of w->id locked for the change (current), with result->change DONE; NOT_FOUND when
 * there is none. The lock also keeps organisations and imports from starting to use it while
 * it is changed or deleted. */
static enum db_status lock_for_change(struct arena *arena, struct local_authority_work *w,
				      struct local_authority *current)
{
	w->result->change = LOCAL_AUTHORITY_DONE;
	bool found;
	enum db_status status = local_authority_lock(arena, w->id, current, &found);
	if (status == DB_OK && !found)
		w->result->change = LOCAL_AUTHORITY_NOT_FOUND;
	return status;
}

static enum db_status update_work(struct arena *arena, void *context)
{
	struct local_authority_work *w = context;
	struct local_authority current;
	enum db_status status = lock_for_change(arena, w, &current);
	if (status != DB_OK || w->result->change != LOCAL_AUTHORITY_DONE)
		return status;
	status = find_clash(arena, w->name, w->code, w->id, w->result);
	if (status != DB_OK || w->result->change != LOCAL_AUTHORITY_DONE)
		return status;
	w->result->id = w->id;
	if (strcmp(current.name, w->name) != 0) {
		status = db_run(arena, NULL, "UPDATE local_authorities SET name = ? WHERE id = ?",
				"si", w->name, w->id);
		if (status == DB_OK)
			status = record(arena, w->actor, "admin.local_authority.rename",
					"local_authority", w->id, current.name, w->name, NULL);
		if (status != DB_OK)
			return status;
	}
	if (strcmp(current.code, w->code) != 0) {
		status = db_run(arena, NULL, "UPDATE local_authorities SET code = ? WHERE id = ?",
				"si", w->code, w->id);
		if (status == DB_OK)
			status = record(arena, w->actor, "admin.local_authority.code",
					"local_authority", w->id, current.code, w->code, w->name);
	}
	return status;
}

enum db_status local_authority_update(struct arena *arena, const struct reference_actor *actor,
				      long long id, const char *name, const char *code,
				      struct local_authority_result *result)
{
	memset(result, 0, sizeof *result);
	struct local_authority_work w = { actor, id, name, code, true, result };
	enum db_status status = db_transaction(arena, update_work, &w);
	return status == DB_DUPLICATE ? after_duplicate(arena, &w) : status;
}

static enum db_status active_work(struct arena *arena, void *context)
{
	struct local_authority_work *w = context;
	struct local_authority current;
	enum db_status status = lock_for_change(arena, w, &current);
	if (status != DB_OK || w->result->change != LOCAL_AUTHORITY_DONE)
		return status;
	w->result->id = w->id;
	if (current.active == w->active)
		return DB_OK;
	status = db_run(arena, NULL, "UPDATE local_authorities SET active = ? WHERE id = ?", "ii",
			(long long)w->active, w->id);
	if (status != DB_OK)
		return status;
	return record(arena, w->actor,
		      w->active ? "admin.local_authority.activate"
				: "admin.local_authority.deactivate",
		      "local_authority", w->id, w->active ? "inactive" : "active",
		      w->active ? "active" : "inactive", current.name);
}

enum db_status local_authority_set_active(struct arena *arena, const struct reference_actor *actor,
					  long long id, bool active,
					  struct local_authority_result *result)
{
	memset(result, 0, sizeof *result);
	struct local_authority_work w = { actor, id, NULL, NULL, active, result };
	return db_transaction(arena, active_work, &w);
}

static enum db_status delete_work(struct arena *arena, void *context)
{
	struct local_authority_work *w = context;
	struct local_authority current;
	enum db_status status = lock_for_change(arena, w, &current);
	if (status != DB_OK || w->result->change != LOCAL_AUTHORITY_DONE)
		return status;
	status = local_authority_usage(arena, w->id, &w->result->usage);
	if (status != DB_OK)
		return status;
	if (w->result->usage.organisations > 0 || w->result->usage.postcodes > 0) {
		w->result->change = LOCAL_AUTHORITY_IN_USE;
		return DB_OK;
	}
	status = db_run(arena, NULL, "DELETE FROM local_authorities WHERE id = ?", "i", w->id);
	if (status != DB_OK)
		return status;
	w->result->id = w->id;
	return record(arena, w->actor, "admin.local_authority.delete", "local_authority", w->id,
		      described(arena, current.name, current.code), NULL, NULL);
}

enum db_status local_authority_delete(struct arena *arena, const struct reference_actor *actor,
				      long long id, struct local_authority_result *result)
{
	memset(result, 0, sizeof *result);
	struct local_authority_work w = { actor, id, NULL, NULL, false, result };
	return db_transaction(arena, delete_work, &w);
}

/* ---- the title, gender and pronoun lists ---- */

const char *const reference_list_names[REFERENCE_LIST__MAX] = { "title", "gender", "pronoun" };
const char *const reference_list_titles[REFERENCE_LIST__MAX] = { "Titles", "Genders", "Pronouns" };
const char *const reference_list_singular[REFERENCE_LIST__MAX] = { "title", "gender", "pronouns" };

/* Each of the three is one list of reference_values, kept in order; restored values keep their
 * place. */
static const struct ordered_list values =
	ORDERED_LIST('s', false, ORDERED_LABEL_THEN_PLACE, "reference_values", "list = ? AND ",
		     "retired = 0", "retired = 1", "name", "500");

static struct ordered_scope scope_of(enum reference_list list)
{
	return (struct ordered_scope){ 0, reference_list_names[list] };
}

bool reference_list_parse(const char *name, enum reference_list *out)
{
	for (int i = 0; name != NULL && i < REFERENCE_LIST__MAX; i++) {
		if (strcmp(name, reference_list_names[i]) == 0) {
			*out = (enum reference_list)i;
			return true;
		}
	}
	return false;
}

static bool fixed_value(enum reference_list list, const char *name)
{
	return list == REFERENCE_GENDER && name != NULL &&
	       strcasecmp(name, REFERENCE_PREFER_NOT_TO_SAY) == 0;
}

static struct reference_value value_row(enum reference_list list, const struct db_result *rows,
					size_t r)
{
	const char *name = db_value(rows, r, 1);
	return (struct reference_value){ db_int(rows, r, 0, 0), name, db_int(rows, r, 2, 0) == 1,
					 fixed_value(list, name) };
}

enum db_status reference_value_list(struct arena *arena, enum reference_list list,
				    struct reference_value_list *out)
{
	memset(out, 0, sizeof *out);
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	if (status != DB_OK)
		return status;
	size_t count = catalog->value_count[list] < 500 ? catalog->value_count[list] : 500;
	out->items = arena_zalloc(arena, (count + 1) * sizeof *out->items);
	for (size_t i = 0; i < count; i++) {
		out->items[i] = catalog->values[list][i];
		out->items[i].fixed = fixed_value(list, out->items[i].name);
	}
	out->count = count;
	return DB_OK;
}

enum db_status reference_value_counts(struct arena *arena, long long active[REFERENCE_LIST__MAX],
				      long long retired[REFERENCE_LIST__MAX])
{
	for (int i = 0; i < REFERENCE_LIST__MAX; i++)
		active[i] = retired[i] = 0;
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows,
		"SELECT list, retired, COUNT(*) FROM reference_values GROUP BY list, retired", "");
	if (status != DB_OK)
		return status;
	for (size_t r = 0; r < rows.rows; r++) {
		enum reference_list list;
		if (!reference_list_parse(db_value(&rows, r, 0), &list))
			continue;
		if (db_int(&rows, r, 1, 0) == 1)
			retired[list] = db_int(&rows, r, 2, 0);
		else
			active[list] = db_int(&rows, r, 2, 0);
	}
	return DB_OK;
}

enum db_status reference_value_get(struct arena *arena, enum reference_list list, long long id,
				   struct reference_value *out, bool *found)
{
	struct db_result rows;
	enum db_status status =
		db_run(arena, &rows,
		       "SELECT id, name, retired FROM reference_values WHERE id = ? AND list = ?",
		       "is", id, reference_list_names[list]);
	*found = status == DB_OK && rows.rows == 1;
	if (*found)
		*out = value_row(list, &rows, 0);
	return status;
}

struct value_work {
	const struct reference_actor *actor;
	enum reference_list list;
	long long id;
	const char *name;
	bool flag;
	enum reference_change *result;
};

/* The change's value (current); false, the result NOT_FOUND, when there is none. */
static bool value_of(struct arena *arena, struct value_work *w, struct reference_value *current,
		     enum db_status *status)
{
	bool found;
	*status = reference_value_get(arena, w->list, w->id, current, &found);
	if (*status != DB_OK || !found)
		*w->result = REFERENCE_NOT_FOUND;
	return *status == DB_OK && found;
}

/* The change's name is not in its list yet (in another row than except_id; names compare
 * without case or accents); false, the result DUPLICATE, when it is or the database failed. */
static bool value_free(struct arena *arena, struct value_work *w, long long except_id,
		       enum db_status *status)
{
	const char *clash;
	*status = ordered_list_label_taken(arena, &values, scope_of(w->list), w->name, except_id,
					   &clash);
	if (*status != DB_OK || clash != NULL)
		*w->result = REFERENCE_DUPLICATE;
	return *status == DB_OK && clash == NULL;
}

static const char *list_detail(struct arena *arena, enum reference_list list)
{
	return arena_printf(arena, "%s list", reference_list_names[list]);
}

static enum db_status value_add_work(struct arena *arena, void *context)
{
	struct value_work *w = context;
	enum db_status status;
	if (!value_free(arena, w, 0, &status))
		return status;
	*w->result = REFERENCE_DONE;
	struct db_result inserted;
	const char *list = reference_list_names[w->list];
	status = db_run(
		arena, &inserted,
		"INSERT INTO reference_values (list, name, position)"
		" SELECT ?, ?, COALESCE(MAX(position), 0) + 1 FROM reference_values WHERE list = ?",
		"sss", list, w->name, list);
	if (status != DB_OK)
		return status;
	return record(arena, w->actor, "admin.reference_value.add", "reference_value",
		      (long long)inserted.insert_id, NULL, w->name, list_detail(arena, w->list));
}

/* Runs a change that saves a value's name: a unique key that refuses it (another
 * administrator saved it at the same time) is told as a duplicate, as the check would have. */
static enum db_status save_value(struct arena *arena, db_work work, struct value_work *w)
{
	enum db_status status = db_transaction(arena, work, w);
	if (ordered_list_raced(&status))
		*w->result = REFERENCE_DUPLICATE;
	return status;
}

enum db_status reference_value_add(struct arena *arena, const struct reference_actor *actor,
				   enum reference_list list, const char *name,
				   enum reference_change *result)
{
	struct value_work w = { actor, list, 0, name, false, result };
	return save_value(arena, value_add_work, &w);
}

static enum db_status value_rename_work(struct arena *arena, void *context)
{
	struct value_work *w = context;
	struct reference_value current;
	enum db_status status;
	if (!value_of(arena, w, &current, &status))
		return status;
	if (current.fixed) {
		*w->result = REFERENCE_FIXED;
		return DB_OK;
	}
	if (!value_free(arena, w, w->id, &status))
		return status;
	*w->result = REFERENCE_DONE;
	if (strcmp(current.name, w->name) == 0)
		return DB_OK;
	status = db_run(arena, NULL, "UPDATE reference_values SET name = ? WHERE id = ?", "si",
			w->name, w->id);
	if (status != DB_OK)
		return status;
	return record(arena, w->actor, "admin.reference_value.rename", "reference_value", w->id,
		      current.name, w->name, list_detail(arena, w->list));
}

enum db_status reference_value_rename(struct arena *arena, const struct reference_actor *actor,
				      enum reference_list list, long long id, const char *name,
				      enum reference_change *result)
{
	struct value_work w = { actor, list, id, name, false, result };
	return save_value(arena, value_rename_work, &w);
}

static enum db_status value_retire_work(struct arena *arena, void *context)
{
	struct value_work *w = context;
	struct reference_value current;
	enum db_status status;
	if (!value_of(arena, w, &current, &status))
		return status;
	if (w->flag && current.fixed) {
		*w->result = REFERENCE_FIXED;
		return DB_OK;
	}
	*w->result = REFERENCE_DONE;
	if (current.retired == w->flag)
		return DB_OK;
	status = ordered_list_set_retired(arena, &values, scope_of(w->list), w->id, w->flag);
	if (status != DB_OK)
		return status;
	return record(arena, w->actor,
		      w->flag ? "admin.reference_value.retire" : "admin.reference_value.restore",
		      "reference_value", w->id,
		      arena_printf(arena, "%s (%s)", current.name, w->flag ? "active" : "retired"),
		      arena_printf(arena, "%s (%s)", current.name, w->flag ? "retired" : "active"),
		      list_detail(arena, w->list));
}

enum db_status reference_value_set_retired(struct arena *arena, const struct reference_actor *actor,
					   enum reference_list list, long long id, bool retired,
					   enum reference_change *result)
{
	struct value_work w = { actor, list, id, NULL, retired, result };
	return db_transaction(arena, value_retire_work, &w);
}

static enum db_status value_move_work(struct arena *arena, void *context)
{
	struct value_work *w = context;
	struct audit_entry entry = { .staff_id = w->actor->staff_id,
				     .action = "admin.reference_value.move",
				     .subject_type = "reference_value",
				     .detail = list_detail(arena, w->list),
				     .remote_addr = w->actor->remote_addr };
	bool found;
	enum db_status status = ordered_list_move(arena, &values, scope_of(w->list), w->id, w->flag,
						  &entry, &found);
	*w->result = found ? REFERENCE_DONE : REFERENCE_NOT_FOUND;
	return status;
}

enum db_status reference_value_move(struct arena *arena, const struct reference_actor *actor,
				    enum reference_list list, long long id, bool up,
				    enum reference_change *result)
{
	struct value_work w = { actor, list, id, NULL, up, result };
	return db_transaction(arena, value_move_work, &w);
}
