/* SQL for issues. Each change runs in one transaction with its audit row. Names are unique
 * without regard to case or accents: the column's collation (utf8mb4_unicode_ci) compares
 * them that way, in the check here and in the unique key that settles a race. */
#include "issue.h"

#include <string.h>

#include "../arena.h"
#include "audit.h"
#include "catalog.h"
#include "ordered_list.h"

/* Issues are a short configured list (dozens); the bound only keeps a page from growing
 * without limit. */
#define ISSUE_LIST_LIMIT "500"

/* A deactivated issue is a retired one; reactivated, it goes to the end of the offered list. */
static const struct ordered_list issues = ORDERED_LIST(
	0, true, ORDERED_PLACE, "issues", "", "active = 1", "active = 0", "name", ISSUE_LIST_LIMIT);

static void issue_from_row(const struct db_result *rows, size_t r, struct issue *out)
{
	*out = (struct issue){
		.id = db_int(rows, r, 0, 0),
		.name = db_value(rows, r, 1),
		.description = db_value(rows, r, 2) ? db_value(rows, r, 2) : "",
		.active = db_int(rows, r, 3, 0) == 1,
		.live_questions = db_int(rows, r, 4, 0),
		.retired_questions = db_int(rows, r, 5, 0),
		.organisations = db_int(rows, r, 6, 0),
	};
}

/* The catalog's issues (in issue_list_all's order), all or the active ones, copied into the
 * request's arena. */
static enum db_status list_from_catalog(struct arena *arena, bool active_only,
					struct issue_list *out)
{
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	size_t n = status == DB_OK ? catalog->issue_count : 0;
	out->items = catalog_copy_items(arena, n ? catalog->issues : NULL, n, sizeof *out->items);
	out->count = 0;
	for (size_t i = 0; i < n; i++) {
		if (active_only && !out->items[i].active)
			continue;
		out->items[out->count] = out->items[i];
		if (active_only) /* what issue_list_active has always said */
			out->items[out->count].retired_questions =
				out->items[out->count].organisations = 0;
		out->count++;
	}
	if (out->count < n) /* the array ends with a zeroed item */
		memset(&out->items[out->count], 0, sizeof *out->items);
	return status;
}

enum db_status issue_list_all(struct arena *arena, struct issue_list *out)
{
	return list_from_catalog(arena, false, out);
}

enum db_status issue_list_active(struct arena *arena, struct issue_list *out)
{
	return list_from_catalog(arena, true, out);
}

enum db_status issue_get(struct arena *arena, long long id, struct issue *out, bool *found)
{
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows,
		"SELECT i.id, i.name, i.description, i.active,"
		" (SELECT COUNT(*) FROM questions q WHERE q.issue_id = i.id AND q.retired = 0),"
		" (SELECT COUNT(*) FROM questions q WHERE q.issue_id = i.id AND q.retired = 1),"
		" (SELECT COUNT(*) FROM organisation_issues oi WHERE oi.issue_id = i.id)"
		" FROM issues i WHERE i.id = ?",
		"i", id);
	*found = status == DB_OK && rows.rows == 1;
	if (*found)
		issue_from_row(&rows, 0, out);
	return status;
}

/* The issue's row locked for the rest of the transaction: name, description, active. */
static enum db_status lock_issue(struct arena *arena, long long id, struct issue *out, bool *found)
{
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows,
		"SELECT id, name, description, active, 0, 0, 0 FROM issues WHERE id = ? FOR UPDATE",
		"i", id);
	*found = status == DB_OK && rows.rows == 1;
	if (*found)
		issue_from_row(&rows, 0, out);
	return status;
}

static enum db_status record(struct arena *arena, const struct issue_actor *actor,
			     const char *action, long long id, const char *old_value,
			     const char *new_value)
{
	struct audit_entry entry = { .staff_id = actor->staff_id,
				     .action = action,
				     .subject_type = "issue",
				     .subject_id = id,
				     .old_value = old_value,
				     .new_value = new_value,
				     .remote_addr = actor->remote_addr };
	return audit_record(arena, &entry);
}

struct change {
	const struct issue_actor *actor;
	long long id;
	const char *name;
	const char *description;
	bool flag;
	long long *new_id;
	const char **clash;
	enum issue_change *result;
};

/* The change's issue locked (current); false, the result NOT_FOUND, when there is none. */
static bool locked(struct arena *arena, struct change *c, struct issue *current,
		   enum db_status *status)
{
	bool found;
	*status = lock_issue(arena, c->id, current, &found);
	if (*status != DB_OK || !found)
		*c->result = ISSUE_NOT_FOUND;
	return *status == DB_OK && found;
}

/* The change's name is free: no other issue (not except_id) has it, compared without regard
 * to case; false, the result DUPLICATE and *c->clash the other's name, when one has (or the
 * database failed). */
static bool name_free(struct arena *arena, struct change *c, long long except_id,
		      enum db_status *status)
{
	*status = ordered_list_label_taken(arena, &issues, (struct ordered_scope){ 0 }, c->name,
					   except_id, c->clash);
	if (*status != DB_OK || *c->clash != NULL)
		*c->result = ISSUE_DUPLICATE;
	return *status == DB_OK && *c->clash == NULL;
}

static enum db_status add_work(struct arena *arena, void *context)
{
	struct change *c = context;
	enum db_status status;
	if (!name_free(arena, c, 0, &status))
		return status;
	struct db_result inserted;
	status = db_run(arena, &inserted,
			"INSERT INTO issues (name, description, position)"
			" SELECT ?, ?, COALESCE(MAX(position), 0) + 1 FROM issues",
			"ss", c->name, c->description);
	if (status != DB_OK)
		return status;
	*c->new_id = (long long)inserted.insert_id;
	status = record(arena, c->actor, "admin.issue.add", *c->new_id, NULL, c->name);
	if (status == DB_OK && c->description[0] != '\0')
		status = record(arena, c->actor, "admin.issue.describe", *c->new_id, NULL,
				c->description);
	*c->result = ISSUE_DONE;
	return status;
}

/* Two administrators saving the same name at once: the unique key decides, and the loser
 * is told about the clash as if the check had found it. */
/* Runs a change that saves a name. Two administrators saving the same name at once: the
 * unique key decides, and the loser is told about the clash as if the check had found it. */
static enum db_status save_name(struct arena *arena, db_work work, struct change *c)
{
	const char *ignored = NULL;
	if (c->clash == NULL)
		c->clash = &ignored;
	*c->clash = NULL;
	enum db_status status = db_transaction(arena, work, c);
	if (ordered_list_raced(&status)) {
		*c->result = ISSUE_DUPLICATE;
		*c->clash = c->name;
	}
	return status;
}

enum db_status issue_add(struct arena *arena, const struct issue_actor *actor, const char *name,
			 const char *description, long long *new_id, const char **clash,
			 enum issue_change *result)
{
	long long id = 0;
	struct change c = {
		actor, 0, name, description, false, new_id ? new_id : &id, clash, result
	};
	return save_name(arena, add_work, &c);
}

static enum db_status update_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct issue current;
	enum db_status status;
	if (!locked(arena, c, &current, &status))
		return status;
	if (!name_free(arena, c, c->id, &status))
		return status;
	*c->result = ISSUE_DONE;
	/* byte comparison: a change of case alone ("housing" → "Housing") is a rename too */
	bool renamed = strcmp(current.name, c->name) != 0;
	bool described = strcmp(current.description, c->description) != 0;
	if (!renamed && !described)
		return DB_OK;
	status = db_run(arena, NULL, "UPDATE issues SET name = ?, description = ? WHERE id = ?",
			"ssi", c->name, c->description, c->id);
	if (status == DB_OK && renamed)
		status =
			record(arena, c->actor, "admin.issue.rename", c->id, current.name, c->name);
	if (status == DB_OK && described)
		status = record(arena, c->actor, "admin.issue.describe", c->id, current.description,
				c->description);
	return status;
}

enum db_status issue_update(struct arena *arena, const struct issue_actor *actor, long long id,
			    const char *name, const char *description, const char **clash,
			    enum issue_change *result)
{
	struct change c = { actor, id, name, description, false, NULL, clash, result };
	return save_name(arena, update_work, &c);
}

static enum db_status active_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct issue current;
	enum db_status status;
	if (!locked(arena, c, &current, &status))
		return status;
	*c->result = ISSUE_DONE;
	if (current.active == c->flag)
		return DB_OK;
	status = ordered_list_set_retired(arena, &issues, (struct ordered_scope){ 0 }, c->id,
					  !c->flag);
	if (status == DB_OK)
		status = record(arena, c->actor,
				c->flag ? "admin.issue.reactivate" : "admin.issue.deactivate",
				c->id, c->flag ? "deactivated" : "active",
				c->flag ? "active" : "deactivated");
	return status;
}

enum db_status issue_set_active(struct arena *arena, const struct issue_actor *actor, long long id,
				bool active, enum issue_change *result)
{
	struct change c = { actor, id, NULL, NULL, active, NULL, NULL, result };
	return db_transaction(arena, active_work, &c);
}

static enum db_status move_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct audit_entry entry = { .staff_id = c->actor->staff_id,
				     .action = "admin.issue.move",
				     .subject_type = "issue",
				     .remote_addr = c->actor->remote_addr };
	bool found;
	enum db_status status = ordered_list_move(arena, &issues, (struct ordered_scope){ 0 },
						  c->id, c->flag, &entry, &found);
	*c->result = found ? ISSUE_DONE : ISSUE_NOT_FOUND;
	return status;
}

enum db_status issue_move(struct arena *arena, const struct issue_actor *actor, long long id,
			  bool up, enum issue_change *result)
{
	struct change c = { actor, id, NULL, NULL, up, NULL, NULL, result };
	return db_transaction(arena, move_work, &c);
}
