/* The questionnaire of an issue: questions in order, each of a kind (text, long text, yes/no,
 * single or multiple choice, date), with a hint, a required flag and, for the choice kinds,
 * its options. Retired questions are no longer asked and can be restored.
 *
 * Changing a question never changes an answer already given: an answer (stored with the
 * referral) keeps a copy of the question text, kind and options it answered, and does not
 * point at question_options rows. So an edit simply updates the question in place, and a
 * question is retired rather than deleted. */
#ifndef REFERRALS_MODEL_QUESTION_H
#define REFERRALS_MODEL_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "issue.h"

#define QUESTION_TEXT_MAX 500	/* characters, as questions.text */
#define QUESTION_HINT_MAX 500	/* characters, as questions.hint */
#define QUESTION_OPTION_MAX 200 /* characters, as question_options.label */
#define QUESTION_OPTIONS_MIN 2	/* a choice needs something to choose between */
#define QUESTION_OPTIONS_MAX 50

/* As the questions.kind ENUM, in the order an administrator is offered them. */
enum question_kind {
	QUESTION_TEXT,
	QUESTION_LONG_TEXT,
	QUESTION_YES_NO,
	QUESTION_SINGLE_CHOICE,
	QUESTION_MULTIPLE_CHOICE,
	QUESTION_DATE,
	QUESTION_KIND__MAX
};
/* The database names ("long_text") and what people read ("Long text"). */
extern const char *const question_kind_names[QUESTION_KIND__MAX];
extern const char *const question_kind_labels[QUESTION_KIND__MAX];
/* The kind of a database name, or QUESTION_KIND__MAX when it is none. */
enum question_kind question_kind_parse(const char *name);
/* Single and multiple choice questions have options; the others have none. */
bool question_kind_has_options(enum question_kind kind);

struct question {
	long long id;
	long long issue_id;
	enum question_kind kind;
	const char *text;
	const char *hint;
	bool required;
	bool retired;
	const char **options; /* labels in order, NULL-terminated */
	size_t option_count;
};

struct question_list {
	struct question *items;
	size_t count;
};

enum question_change {
	QUESTION_DONE,
	QUESTION_NOT_FOUND, /* no such question in that issue */
};

/* The questions the referral journey asks for an issue: live ones only, in order, with
 * their options. */
enum db_status question_list_for_issue(struct arena *arena, long long issue_id,
				       struct question_list *out);
/* Every question of an issue for its administrators: live ones in order, then retired. */
enum db_status question_list_all_for_issue(struct arena *arena, long long issue_id,
					   struct question_list *out);
/* The question id of issue issue_id, with its options. */
enum db_status question_get(struct arena *arena, long long issue_id, long long id,
			    struct question *out, bool *found);

/* The changes below record themselves in the audit log in the same transaction.
 * question->options are stored only for the choice kinds. */
enum db_status question_add(struct arena *arena, const struct issue_actor *actor,
			    const struct question *question, long long *new_id,
			    enum question_change *result);
/* Updates question->id (of question->issue_id) in place: text, kind, hint, required and
 * options. */
enum db_status question_update(struct arena *arena, const struct issue_actor *actor,
			       const struct question *question, enum question_change *result);
/* Retiring keeps its place; restoring puts it last among the live questions. */
enum db_status question_set_retired(struct arena *arena, const struct issue_actor *actor,
				    long long issue_id, long long id, bool retired,
				    enum question_change *result);
/* Swaps a live question with its live neighbour above (up) or below. */
enum db_status question_move(struct arena *arena, const struct issue_actor *actor,
			     long long issue_id, long long id, bool up,
			     enum question_change *result);

/* A short description of a question for the audit log: "Single choice, required: ‘Text’
 * (hint: ...; options: A | B)". */
const char *question_describe(struct arena *arena, const struct question *question);

#endif
