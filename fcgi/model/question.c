/* SQL for questions and question_options. Every change first locks its issue's row, so the
 * changes to one questionnaire happen one at a time (positions cannot collide), and runs in
 * one transaction with its audit row.
 *
 * Edits update the question and its options in place and never touch answers: answers keep
 * their own copy of the question text and options they answered (see question.h). */
#include "question.h"

#include <string.h>

#include "../arena.h"
#include "audit.h"
#include "ordered_list.h"

/* A questionnaire is a handful of questions; the bounds only keep a page from growing
 * without limit. */
#define QUESTION_LIST_LIMIT "200"
#define OPTION_LIST_LIMIT "10000"

/* Each issue's questionnaire is one list; a restored question is asked last. */
static const struct ordered_list questionnaire =
	ORDERED_LIST('i', true, ORDERED_PLACE_THEN_LABEL, "questions", "issue_id = ? AND ",
		     "retired = 0", "retired = 1", "text", QUESTION_LIST_LIMIT);

const char *const question_kind_names[QUESTION_KIND__MAX] = {
	[QUESTION_TEXT] = "text",
	[QUESTION_LONG_TEXT] = "long_text",
	[QUESTION_YES_NO] = "yes_no",
	[QUESTION_SINGLE_CHOICE] = "single_choice",
	[QUESTION_MULTIPLE_CHOICE] = "multiple_choice",
	[QUESTION_DATE] = "date",
};

const char *const question_kind_labels[QUESTION_KIND__MAX] = {
	[QUESTION_TEXT] = "Text",
	[QUESTION_LONG_TEXT] = "Long text",
	[QUESTION_YES_NO] = "Yes or no",
	[QUESTION_SINGLE_CHOICE] = "Single choice",
	[QUESTION_MULTIPLE_CHOICE] = "Multiple choice",
	[QUESTION_DATE] = "Date",
};

enum question_kind question_kind_parse(const char *name)
{
	for (int k = 0; name != NULL && k < QUESTION_KIND__MAX; k++)
		if (strcmp(name, question_kind_names[k]) == 0)
			return (enum question_kind)k;
	return QUESTION_KIND__MAX;
}

bool question_kind_has_options(enum question_kind kind)
{
	return kind == QUESTION_SINGLE_CHOICE || kind == QUESTION_MULTIPLE_CHOICE;
}

static void question_from_row(const struct db_result *rows, size_t r, struct question *out)
{
	*out = (struct question){
		.id = db_int(rows, r, 0, 0),
		.issue_id = db_int(rows, r, 1, 0),
		.kind = question_kind_parse(db_value(rows, r, 2)),
		.text = db_value(rows, r, 3),
		.hint = db_value(rows, r, 4) ? db_value(rows, r, 4) : "",
		.required = db_int(rows, r, 5, 0) == 1,
		.retired = db_int(rows, r, 6, 0) == 1,
	};
	if (out->kind == QUESTION_KIND__MAX)
		out->kind = QUESTION_TEXT; /* the ENUM column allows no other value */
}

/* Gives each question its options from rows of (question_id, label) in order. */
static void attach_options(struct arena *arena, struct question_list *list,
			   const struct db_result *options)
{
	for (size_t q = 0; q < list->count; q++) {
		struct question *question = &list->items[q];
		size_t n = 0;
		for (size_t r = 0; r < options->rows; r++)
			n += db_int(options, r, 0, 0) == question->id;
		question->options = arena_zalloc(arena, (n + 1) * sizeof *question->options);
		for (size_t r = 0; r < options->rows; r++)
			if (db_int(options, r, 0, 0) == question->id)
				question->options[question->option_count++] =
					db_value(options, r, 1);
	}
}

static enum db_status list_from(struct arena *arena, enum db_status status,
				const struct db_result *rows, const struct db_result *options,
				struct question_list *out)
{
	out->count = 0;
	out->items = NULL;
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (rows->rows + 1) * sizeof *out->items);
	for (size_t r = 0; r < rows->rows; r++)
		question_from_row(rows, r, &out->items[r]);
	out->count = rows->rows;
	attach_options(arena, out, options);
	return DB_OK;
}

/* The questions (id, issue_id, kind, text, hint, required, retired) and their options
 * (question_id, label), both of the issue, in order. */
static enum db_status list_questions(struct arena *arena, long long issue_id,
				     const char *questions_sql, const char *options_sql,
				     struct question_list *out)
{
	struct db_result rows, options;
	enum db_status status = db_run(arena, &rows, questions_sql, "i", issue_id);
	if (status == DB_OK)
		status = db_run(arena, &options, options_sql, "i", issue_id);
	return list_from(arena, status, &rows, &options, out);
}

enum db_status question_list_for_issue(struct arena *arena, long long issue_id,
				       struct question_list *out)
{
	return list_questions(
		arena, issue_id,
		"SELECT id, issue_id, kind, text, hint, required, retired FROM questions"
		" WHERE issue_id = ? AND retired = 0 ORDER BY position, id "
		"LIMIT " QUESTION_LIST_LIMIT,
		"SELECT o.question_id, o.label FROM question_options o"
		" JOIN questions q ON q.id = o.question_id"
		" WHERE q.issue_id = ? AND q.retired = 0"
		" ORDER BY o.question_id, o.position, o.id LIMIT " OPTION_LIST_LIMIT,
		out);
}

enum db_status question_list_all_for_issue(struct arena *arena, long long issue_id,
					   struct question_list *out)
{
	return list_questions(
		arena, issue_id,
		"SELECT id, issue_id, kind, text, hint, required, retired FROM questions"
		" WHERE issue_id = ? ORDER BY retired, position, id LIMIT " QUESTION_LIST_LIMIT,
		"SELECT o.question_id, o.label FROM question_options o"
		" JOIN questions q ON q.id = o.question_id WHERE q.issue_id = ?"
		" ORDER BY o.question_id, o.position, o.id LIMIT " OPTION_LIST_LIMIT,
		out);
}

/* One question with its options; lock: FOR UPDATE (inside a change). */
static enum db_status load(struct arena *arena, long long issue_id, long long id, bool lock,
			   struct question *out, bool *found)
{
	struct db_result rows, options;
	enum db_status status = lock ? db_run(arena, &rows,
					      "SELECT id, issue_id, kind, text, hint, required, "
					      "retired FROM questions"
					      " WHERE id = ? AND issue_id = ? FOR UPDATE",
					      "ii", id, issue_id)
				     : db_run(arena, &rows,
					      "SELECT id, issue_id, kind, text, hint, required, "
					      "retired FROM questions"
					      " WHERE id = ? AND issue_id = ?",
					      "ii", id, issue_id);
	*found = status == DB_OK && rows.rows == 1;
	if (!*found)
		return status;
	status = db_run(arena, &options,
			"SELECT question_id, label FROM question_options WHERE question_id = ?"
			" ORDER BY position, id LIMIT " OPTION_LIST_LIMIT,
			"i", id);
	if (status != DB_OK) {
		*found = false;
		return status;
	}
	struct question_list one = { out, 1 };
	question_from_row(&rows, 0, out);
	attach_options(arena, &one, &options);
	return DB_OK;
}

enum db_status question_get(struct arena *arena, long long issue_id, long long id,
			    struct question *out, bool *found)
{
	return load(arena, issue_id, id, false, out, found);
}

const char *question_describe(struct arena *arena, const struct question *q)
{
	enum question_kind kind = q->kind < QUESTION_KIND__MAX ? q->kind : QUESTION_TEXT;
	const char *text = arena_printf(arena, "%s, %s: ‘%s’", question_kind_labels[kind],
					q->required ? "required" : "optional", q->text);
	if (q->hint != NULL && q->hint[0] != '\0')
		text = arena_printf(arena, "%s; hint: ‘%s’", text, q->hint);
	if (question_kind_has_options(kind)) {
		text = arena_printf(arena, "%s; options:", text);
		for (size_t i = 0; i < q->option_count; i++)
			text = arena_printf(arena, "%s%s %s", text, i == 0 ? "" : " |",
					    q->options[i]);
	}
	return text;
}

static enum db_status record(struct arena *arena, const struct issue_actor *actor,
			     const char *action, long long id, const char *issue_name,
			     const char *old_value, const char *new_value)
{
	struct audit_entry entry = { .staff_id = actor->staff_id,
				     .action = action,
				     .subject_type = "question",
				     .subject_id = id,
				     .old_value = old_value,
				     .new_value = new_value,
				     .detail = arena_printf(arena, "Issue: %s", issue_name),
				     .remote_addr = actor->remote_addr };
	return audit_record(arena, &entry);
}

/* Locks the issue's row (questionnaire changes of one issue go one at a time); its name for
 * the audit entry, or NULL when there is no such issue. */
static enum db_status lock_issue(struct arena *arena, long long issue_id, const char **name)
{
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows, "SELECT name FROM issues WHERE id = ? FOR UPDATE", "i", issue_id);
	*name = status == DB_OK && rows.rows == 1 ? db_value(&rows, 0, 0) : NULL;
	return status;
}

/* Makes the question's options labels[0..n), in place: rows that exist are relabelled, the
 * rest are added or removed. */
static enum db_status store_options(struct arena *arena, long long question_id,
				    const char *const *labels, size_t n)
{
	struct db_result existing;
	enum db_status status =
		db_run(arena, &existing,
		       "SELECT id FROM question_options WHERE question_id = ? ORDER BY position, id"
		       " LIMIT " OPTION_LIST_LIMIT,
		       "i", question_id);
	for (size_t i = 0; status == DB_OK && i < n; i++) {
		if (i < existing.rows)
			status = db_run(
				arena, NULL,
				"UPDATE question_options SET label = ?, position = ? WHERE id = ?",
				"sii", labels[i], (long long)i + 1, db_int(&existing, i, 0, 0));
		else
			status =
				db_run(arena, NULL,
				       "INSERT INTO question_options (question_id, position, label)"
				       " VALUES (?, ?, ?)",
				       "iis", question_id, (long long)i + 1, labels[i]);
	}
	for (size_t i = n; status == DB_OK && i < existing.rows; i++)
		status = db_run(arena, NULL, "DELETE FROM question_options WHERE id = ?", "i",
				db_int(&existing, i, 0, 0));
	return status;
}

/* The options to store for a question: none unless it is a choice. */
static size_t option_count(const struct question *q)
{
	return question_kind_has_options(q->kind) ? q->option_count : 0;
}

struct change {
	const struct issue_actor *actor;
	const struct question *question;
	long long issue_id;
	long long id;
	bool flag;
	long long *new_id;
	enum question_change *result;
};

static enum db_status add_work(struct arena *arena, void *context)
{
	struct change *c = context;
	const struct question *q = c->question;
	const char *issue_name;
	enum db_status status = lock_issue(arena, q->issue_id, &issue_name);
	if (status != DB_OK || issue_name == NULL) {
		*c->result = QUESTION_NOT_FOUND;
		return status;
	}
	struct db_result inserted;
	status = db_run(arena, &inserted,
			"INSERT INTO questions (issue_id, position, kind, text, hint, required)"
			" SELECT ?, COALESCE(MAX(position), 0) + 1, ?, ?, ?, ? FROM questions"
			" WHERE issue_id = ?",
			"isssii", q->issue_id, question_kind_names[q->kind], q->text, q->hint,
			(long long)q->required, q->issue_id);
	if (status != DB_OK)
		return status;
	*c->new_id = (long long)inserted.insert_id;
	status = store_options(arena, *c->new_id, q->options, option_count(q));
	if (status == DB_OK) {
		struct question stored = *q;
		stored.option_count = option_count(q);
		status = record(arena, c->actor, "admin.question.add", *c->new_id, issue_name, NULL,
				question_describe(arena, &stored));
	}
	*c->result = QUESTION_DONE;
	return status;
}

enum db_status question_add(struct arena *arena, const struct issue_actor *actor,
			    const struct question *question, long long *new_id,
			    enum question_change *result)
{
	long long id = 0;
	struct change c = { actor, question, question->issue_id, 0, false, new_id ? new_id : &id,
			    result };
	return db_transaction(arena, add_work, &c);
}

static enum db_status update_work(struct arena *arena, void *context)
{
	struct change *c = context;
	const struct question *q = c->question;
	const char *issue_name;
	struct question current;
	bool found = false;
	enum db_status status = lock_issue(arena, q->issue_id, &issue_name);
	if (status == DB_OK && issue_name != NULL)
		status = load(arena, q->issue_id, q->id, true, &current, &found);
	if (status != DB_OK || !found) {
		*c->result = QUESTION_NOT_FOUND;
		return status;
	}
	*c->result = QUESTION_DONE;
	struct question stored = *q;
	stored.option_count = option_count(q);
	const char *before = question_describe(arena, &current);
	const char *after = question_describe(arena, &stored);
	if (strcmp(before, after) == 0)
		return DB_OK;
	/* in place: answers already given keep the text and options they answered */
	status = db_run(
		arena, NULL,
		"UPDATE questions SET kind = ?, text = ?, hint = ?, required = ? WHERE id = ?",
		"sssii", question_kind_names[q->kind], q->text, q->hint, (long long)q->required,
		q->id);
	if (status == DB_OK)
		status = store_options(arena, q->id, q->options, stored.option_count);
	if (status == DB_OK)
		status = record(arena, c->actor, "admin.question.edit", q->id, issue_name, before,
				after);
	return status;
}

enum db_status question_update(struct arena *arena, const struct issue_actor *actor,
			       const struct question *question, enum question_change *result)
{
	struct change c = {
		actor, question, question->issue_id, question->id, false, NULL, result
	};
	return db_transaction(arena, update_work, &c);
}

static enum db_status retire_work(struct arena *arena, void *context)
{
	struct change *c = context;
	const char *issue_name;
	struct question current;
	bool found = false;
	enum db_status status = lock_issue(arena, c->issue_id, &issue_name);
	if (status == DB_OK && issue_name != NULL)
		status = load(arena, c->issue_id, c->id, true, &current, &found);
	if (status != DB_OK || !found) {
		*c->result = QUESTION_NOT_FOUND;
		return status;
	}
	*c->result = QUESTION_DONE;
	if (current.retired == c->flag)
		return DB_OK;
	status = ordered_list_set_retired(
		arena, &questionnaire, (struct ordered_scope){ c->issue_id, NULL }, c->id, c->flag);
	if (status == DB_OK)
		status = record(arena, c->actor,
				c->flag ? "admin.question.retire" : "admin.question.restore", c->id,
				issue_name,
				arena_printf(arena, "%s: ‘%s’", c->flag ? "asked" : "retired",
					     current.text),
				arena_printf(arena, "%s: ‘%s’", c->flag ? "retired" : "asked",
					     current.text));
	return status;
}

enum db_status question_set_retired(struct arena *arena, const struct issue_actor *actor,
				    long long issue_id, long long id, bool retired,
				    enum question_change *result)
{
	struct change c = { actor, NULL, issue_id, id, retired, NULL, result };
	return db_transaction(arena, retire_work, &c);
}

static enum db_status move_work(struct arena *arena, void *context)
{
	struct change *c = context;
	const char *issue_name;
	enum db_status status = lock_issue(arena, c->issue_id, &issue_name);
	if (status != DB_OK || issue_name == NULL) {
		*c->result = QUESTION_NOT_FOUND;
		return status;
	}
	struct audit_entry entry = { .staff_id = c->actor->staff_id,
				     .action = "admin.question.move",
				     .subject_type = "question",
				     .detail = arena_printf(arena, "Issue: %s", issue_name),
				     .remote_addr = c->actor->remote_addr };
	bool found;
	status = ordered_list_move(arena, &questionnaire,
				   (struct ordered_scope){ c->issue_id, NULL }, c->id, c->flag,
				   &entry, &found);
	*c->result = found ? QUESTION_DONE : QUESTION_NOT_FOUND;
	return status;
}

enum db_status question_move(struct arena *arena, const struct issue_actor *actor,
			     long long issue_id, long long id, bool up,
			     enum question_change *result)
{
	struct change c = { actor, NULL, issue_id, id, up, NULL, result };
	return db_transaction(arena, move_work, &c);
}
