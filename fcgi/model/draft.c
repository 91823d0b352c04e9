/* SQL for drafts and draft_values. */
#include "draft.h"

#include <string.h>

#include "../arena.h"
#include "settings.h"

enum db_status draft_create(struct arena *arena, long long staff_id, long long organisation_id,
			    long long client_id, long long *id)
{
	struct db_result result;
	enum db_status status = db_run(arena, &result,
				       "INSERT INTO drafts (staff_id, organisation_id, client_id)"
				       " VALUES (?, ?, NULLIF(?, 0))",
				       "iii", staff_id, organisation_id, client_id);
	*id = status == DB_OK ? (long long)result.insert_id : 0;
	return status;
}

enum db_status draft_find(struct arena *arena, long long id, long long staff_id,
			  long long organisation_id, struct draft *out, bool *found)
{
	memset(out, 0, sizeof *out);
	struct db_result result;
	enum db_status status = db_run(
		arena, &result,
		"SELECT id, staff_id, organisation_id, COALESCE(client_id, 0), step, sent_at IS "
		"NOT NULL,"
		" updated_at FROM drafts WHERE id = ? AND staff_id = ? AND organisation_id = ?",
		"iii", id, staff_id, organisation_id);
	*found = status == DB_OK && result.rows == 1;
	if (!*found)
		return status;
	out->id = db_int(&result, 0, 0, 0);
	out->staff_id = db_int(&result, 0, 1, 0);
	out->organisation_id = db_int(&result, 0, 2, 0);
	out->client_id = db_int(&result, 0, 3, 0);
	out->step = db_value(&result, 0, 4);
	out->sent = db_int(&result, 0, 5, 0) == 1;
	out->updated_at = db_value(&result, 0, 6);
	struct db_result values;
	status = db_run(
		arena, &values,
		"SELECT name, value FROM draft_values WHERE draft_id = ? ORDER BY name, position",
		"i", id);
	if (status != DB_OK)
		return status;
	out->values.items = arena_zalloc(arena, (values.rows + 1) * sizeof *out->values.items);
	for (size_t r = 0; r < values.rows; r++)
		out->values.items[r] =
			(struct req_field){ db_value(&values, r, 0), db_value(&values, r, 1),
					    values.lengths[r * values.columns + 1] };
	out->values.count = out->values.capacity = values.rows;
	return DB_OK;
}

struct save_work {
	long long id;
	const char *const *names;
	size_t name_count;
	const struct req_fields *fields;
	const char *step;
};

static enum db_status save_work(struct arena *arena, void *context)
{
	struct save_work *work = context;
	/* lock the draft: a save racing the send must not write into a sent draft */
	struct db_result draft;
	enum db_status status =
		db_run(arena, &draft, "SELECT sent_at IS NULL FROM drafts WHERE id = ? FOR UPDATE",
		       "i", work->id);
	if (status != DB_OK || draft.rows == 0 || db_int(&draft, 0, 0, 0) != 1)
		return status;
	for (size_t n = 0; n < work->name_count && status == DB_OK; n++) {
		const char *name = work->names[n];
		status = db_run(arena, NULL,
				"DELETE FROM draft_values WHERE draft_id = ? AND name = ?", "is",
				work->id, name);
		long long position = 0;
		for (size_t f = 0; f < work->fields->count && status == DB_OK; f++) {
			if (strcmp(work->fields->items[f].name, name) != 0)
				continue;
			status = db_run(arena, NULL,
					"INSERT INTO draft_values (draft_id, name, position, "
					"value) VALUES (?, ?, ?, ?)",
					"isis", work->id, name, position++,
					work->fields->items[f].value);
		}
	}
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"UPDATE drafts SET step = ?, updated_at = UTC_TIMESTAMP() WHERE id "
				"= ? AND sent_at IS NULL",
				"si", work->step, work->id);
	return status;
}

enum db_status draft_save(struct arena *arena, long long id, const char *const *names,
			  size_t name_count, const struct req_fields *fields, const char *step)
{
	struct save_work work = { id, names, name_count, fields, step };
	return db_transaction(arena, save_work, &work);
}

enum db_status draft_set_client(struct arena *arena, long long id, long long client_id)
{
	return db_run(arena, NULL,
		      "UPDATE drafts SET client_id = NULLIF(?, 0), updated_at = UTC_TIMESTAMP() "
		      "WHERE id = ?",
		      "ii", client_id, id);
}

enum db_status draft_list_open(struct arena *arena, long long staff_id, long long organisation_id,
			       struct draft_list *out)
{
	struct db_result result;
	enum db_status status =
		db_run(arena, &result,
		       "SELECT d.id,"
		       " COALESCE(CONCAT(c.first_name, ' ', c.last_name),"
		       "  NULLIF(TRIM(CONCAT(COALESCE(f.value, ''), ' ', COALESCE(l.value, ''))), "
		       "''), 'Client not chosen yet'),"
		       " d.step, d.updated_at"
		       " FROM drafts d"
		       " LEFT JOIN clients c ON c.id = d.client_id"
		       " LEFT JOIN draft_values f ON f.draft_id = d.id AND f.name = 'first_name' "
		       "AND f.position = 0"
		       " LEFT JOIN draft_values l ON l.draft_id = d.id AND l.name = 'last_name' "
		       "AND l.position = 0"
		       " WHERE d.staff_id = ? AND d.organisation_id = ? AND d.sent_at IS NULL"
		       " ORDER BY d.updated_at DESC LIMIT 50",
		       "ii", staff_id, organisation_id);
	out->items = db_items(arena, status, &result, sizeof *out->items, &out->count);
	for (size_t r = 0; r < out->count; r++)
		out->items[r] =
			(struct draft_summary){ db_int(&result, r, 0, 0), db_value(&result, r, 1),
						db_value(&result, r, 2), db_value(&result, r, 3) };
	return status;
}

enum db_status draft_discard(struct arena *arena, long long id, long long staff_id,
			     long long organisation_id, bool *found)
{
	struct db_result result;
	enum db_status status =
		db_run(arena, &result,
		       "DELETE FROM drafts WHERE id = ? AND staff_id = ? AND organisation_id = ?"
		       " AND sent_at IS NULL",
		       "iii", id, staff_id, organisation_id);
	*found = status == DB_OK && result.affected == 1;
	return status;
}

enum db_status draft_expire(struct arena *arena)
{
	long long days;
	enum db_status status = settings_get(arena, SETTING_DRAFT_EXPIRY_DAYS, &days);
	if (status != DB_OK)
		return status;
	return db_run(arena, NULL,
		      "DELETE FROM drafts WHERE sent_at IS NULL AND updated_at < UTC_TIMESTAMP() - "
		      "INTERVAL ? DAY"
		      " LIMIT 500",
		      "i", days);
}
