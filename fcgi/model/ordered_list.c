/* SQL shared by the ordered, retirable lists (ordered_list.h): each statement is one of the
 * table's, chosen by the caller's struct ordered_list, with the scope as its first parameter
 * when the table holds several lists. */
#include "ordered_list.h"

#include "../arena.h"

bool ordered_list_neighbour(size_t at, size_t count, bool up, size_t *other)
{
	if (at >= count || (up && at == 0) || (!up && at + 1 >= count))
		return false;
	*other = up ? at - 1 : at + 1;
	return true;
}

size_t ordered_list_slot(size_t r, size_t a, size_t b)
{
	return r == a ? b : r == b ? a : r;
}

/* The parameters: the scope (when the list has one), then the rest. */
static size_t params_of(const struct ordered_list *list, struct ordered_scope scope,
			struct db_param params[4])
{
	if (list->scope_type == 0)
		return 0;
	params[0] = list->scope_type == 's' ? (struct db_param){ 's', 0, scope.text, 0 }
					    : (struct db_param){ 'i', scope.id, NULL, 0 };
	return 1;
}

bool ordered_list_raced(enum db_status *status)
{
	if (*status != DB_DUPLICATE)
		return false;
	*status = DB_OK;
	return true;
}

static const char *place_text(struct arena *arena, enum ordered_place place, const char *label,
			      size_t position)
{
	switch (place) {
	case ORDERED_PLACE_THEN_LABEL:
		return arena_printf(arena, "position %zu: ‘%s’", position, label);
	case ORDERED_LABEL_THEN_PLACE:
		return arena_printf(arena, "%s at position %zu", label, position);
	case ORDERED_PLACE:
		break;
	}
	return arena_printf(arena, "position %zu", position);
}

enum db_status ordered_list_move(struct arena *arena, const struct ordered_list *list,
				 struct ordered_scope scope, long long id, bool up,
				 struct audit_entry *entry, bool *found)
{
	struct db_param params[4];
	size_t n = params_of(list, scope, params);
	struct db_result rows;
	/* the live rows, locked while two of them swap places */
	enum db_status status = db_run_params(arena, &rows, list->live_rows, params, n);
	size_t at = 0, other;
	while (status == DB_OK && at < rows.rows && db_int(&rows, at, 0, 0) != id)
		at++;
	*found = status == DB_OK && at < rows.rows;
	if (!*found || !ordered_list_neighbour(at, rows.rows, up, &other))
		return status;
	for (size_t r = 0; r < rows.rows && status == DB_OK; r++)
		status = db_run(arena, NULL, list->set_position, "ii",
				(long long)ordered_list_slot(r, at, other) + 1,
				db_int(&rows, r, 0, 0));
	if (status != DB_OK)
		return status;
	entry->subject_id = id;
	entry->old_value = place_text(arena, list->place, db_value(&rows, at, 1), at + 1);
	entry->new_value = place_text(arena, list->place, db_value(&rows, at, 1), other + 1);
	return audit_record(arena, entry);
}

enum db_status ordered_list_set_retired(struct arena *arena, const struct ordered_list *list,
					struct ordered_scope scope, long long id, bool retired)
{
	if (retired)
		return db_run(arena, NULL, list->retire, "i", id);
	if (!list->restore_last)
		return db_run(arena, NULL, list->restore, "i", id);
	/* back at the end of the live rows, not wherever it stood before */
	struct db_param params[4];
	size_t n = params_of(list, scope, params);
	struct db_result last;
	enum db_status status = db_run_params(arena, &last, list->next_position, params, n);
	if (status == DB_OK)
		status = db_run(arena, NULL, list->restore_at, "ii", db_int(&last, 0, 0, 1), id);
	return status;
}

enum db_status ordered_list_label_taken(struct arena *arena, const struct ordered_list *list,
					struct ordered_scope scope, const char *label,
					long long except_id, const char **clash)
{
	struct db_param params[4];
	size_t n = params_of(list, scope, params);
	params[n++] = (struct db_param){ 's', 0, label, 0 };
	params[n++] = (struct db_param){ 'i', except_id, NULL, 0 };
	struct db_result rows;
	enum db_status status = db_run_params(arena, &rows, list->label_taken, params, n);
	*clash = status == DB_OK && rows.rows > 0 ? db_value(&rows, 0, 0) : NULL;
	return status;
}
