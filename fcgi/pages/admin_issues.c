/* Issues and their questionnaires: the pages an administrator configures them on. The list
 * (with the add form), one issue's page (its details and questionnaire), the issue's edit
 * form, and the question form (add and edit). Every change is audited by the model. */
#include "admin_issues.h"

#include <string.h>
#include <strings.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/issue.h"
#include "../model/question.h"
#include "admin_list.h"
#include "pages.h"

static struct issue_actor actor_of(const struct request *req)
{
	return (struct issue_actor){ req->session->staff_id, req->remote_addr };
}

/* ---- issues ---- */

/* The checks an issue's name and description get on add and edit. */
static bool valid_issue(struct request *req, const char *name, const char *description)
{
	const char *problem;
	if (!valid_required(name))
		form_error(req, "name", "Enter a name for the issue");
	else if (valid_text_length(name, 1, ISSUE_NAME_MAX) != VALID_LENGTH_OK)
		form_error(req, "name", "Issue name must be 100 characters or fewer");
	else if ((problem = valid_single_line(name)) != NULL)
		form_error(req, "name", arena_printf(req->arena, "Issue name: %s", problem));
	if (valid_text_length(description, 0, ISSUE_DESCRIPTION_MAX) != VALID_LENGTH_OK)
		form_error(req, "description", "Description must be 1000 characters or fewer");
	else if ((problem = valid_multiline(description)) != NULL)
		form_error(req, "description",
			   arena_printf(req->arena, "Description: %s", problem));
	return !form_has_errors(req);
}

static void duplicate_issue(struct request *req, const char *clash)
{
	form_error(req, "name",
		   arena_printf(req->arena,
				"There is already an issue called ‘%s’: choose a different name "
				"(names are compared without regard to capitals)",
				clash));
}

/* The list; with errors (status 400) the add form keeps what was typed. */
static void show_issues(struct request *req, int status)
{
	struct issue_list list;
	enum db_status db = issue_list_all(req->arena, &list);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	size_t active = 0;
	for (size_t i = 0; i < list.count; i++)
		active += list.items[i].active;
	for (size_t i = 0; i < list.count; i++) {
		const struct issue *issue = &list.items[i];
		const char *prefix = arena_printf(req->arena, "Issues.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), issue->id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), issue->name);
		view_set(req, arena_printf(req->arena, "%s.Description", prefix),
			 issue->description);
		view_set_int(req, arena_printf(req->arena, "%s.Active", prefix), issue->active);
		view_set_int(req, arena_printf(req->arena, "%s.Live", prefix),
			     issue->live_questions);
		view_set_int(req, arena_printf(req->arena, "%s.Retired", prefix),
			     issue->retired_questions);
		view_set_int(req, arena_printf(req->arena, "%s.Organisations", prefix),
			     issue->organisations);
		/* active issues come first, so i is the place among them */
		view_set_int(req, arena_printf(req->arena, "%s.First", prefix),
			     issue->active && i == 0);
		view_set_int(req, arena_printf(req->arena, "%s.Last", prefix),
			     issue->active && i + 1 == active);
	}
	view_set_int(req, "ActiveCount", (long long)active);
	if (status == 200) {
		static const char *const notices[][2] = { { "moved", "Order changed" } };
		page_done_notice(req, notices, sizeof notices / sizeof notices[0]);
	}
	view_render(req, status, "pages/admin/issues.cs", "Issues and questionnaires");
}

void page_admin_issues(struct request *req)
{
	show_issues(req, 200);
}

void page_admin_issue_add(struct request *req)
{
	const char *name = form_text(req, "name");
	const char *description = form_text(req, "description");
	if (!valid_issue(req, name, description)) {
		show_issues(req, 400);
		return;
	}
	struct issue_actor actor = actor_of(req);
	long long id = 0;
	const char *clash = NULL;
	enum issue_change result = ISSUE_NOT_FOUND;
	enum db_status status =
		issue_add(req->arena, &actor, name, description, &id, &clash, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (result == ISSUE_DUPLICATE) {
		duplicate_issue(req, clash);
		show_issues(req, 400);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/admin/issues/%lld?done=added", id));
}

/* The issue named by the path (captures[0]), or an error page (and false). */
static bool load_issue(struct request *req, struct issue *issue)
{
	bool found = false;
	enum db_status status =
		issue_get(req->arena, page_parse_id(req->captures[0]), issue, &found);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (!found)
		view_error(req, 404, "There is no such issue.");
	return status == DB_OK && found;
}

static void set_issue(struct request *req, const struct issue *issue)
{
	view_set_int(req, "Issue.Id", issue->id);
	view_set(req, "Issue.Name", issue->name);
	view_set(req, "Issue.Description", issue->description);
	view_set_int(req, "Issue.Active", issue->active);
	view_set_int(req, "Issue.Live", issue->live_questions);
	view_set_int(req, "Issue.Retired", issue->retired_questions);
	view_set_int(req, "Issue.Organisations", issue->organisations);
}

/* One issue: its details, status and questionnaire. */
void page_admin_issue(struct request *req)
{
	struct issue issue;
	if (!load_issue(req, &issue))
		return;
	struct question_list questions;
	enum db_status status = question_list_all_for_issue(req->arena, issue.id, &questions);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	set_issue(req, &issue);
	for (size_t i = 0; i < questions.count; i++) {
		const struct question *q = &questions.items[i];
		const char *prefix = arena_printf(req->arena, "Questions.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), q->id);
		view_set_int(req, arena_printf(req->arena, "%s.Number", prefix), (long long)i + 1);
		view_set(req, arena_printf(req->arena, "%s.Text", prefix), q->text);
		view_set(req, arena_printf(req->arena, "%s.Hint", prefix), q->hint);
		view_set(req, arena_printf(req->arena, "%s.Kind", prefix),
			 question_kind_labels[q->kind]);
		view_set_int(req, arena_printf(req->arena, "%s.Required", prefix), q->required);
		view_set_int(req, arena_printf(req->arena, "%s.Retired", prefix), q->retired);
		/* live questions come first, so i is the place among them */
		view_set_int(req, arena_printf(req->arena, "%s.First", prefix),
			     !q->retired && i == 0);
		view_set_int(req, arena_printf(req->arena, "%s.Last", prefix),
			     !q->retired && i + 1 == (size_t)issue.live_questions);
		for (size_t o = 0; o < q->option_count; o++)
			view_set(req, arena_printf(req->arena, "%s.Options.%zu", prefix, o),
				 q->options[o]);
	}
	static const char *const notices[][2] = {
		{ "added", "Issue added. Now add the questions referrers answer about it." },
		{ "saved", "Issue saved" },
		{ "deactivated", "Issue deactivated: it is no longer offered for new referrals" },
		{ "reactivated", "Issue reactivated: it is offered again, last in the list" },
		{ "question-added", "Question added" },
		{ "question-saved", "Question saved" },
		{ "question-retired", "Question retired: it is no longer asked" },
		{ "question-restored",
		  "Question restored: it is asked again, last in the questionnaire" },
		{ "question-moved", "Order changed" },
	};
	page_done_notice(req, notices, sizeof notices / sizeof notices[0]);
	view_render(req, 200, "pages/admin/issue.cs", issue.name);
}

static void show_issue_edit(struct request *req, int status, const struct issue *issue)
{
	set_issue(req, issue);
	view_render(req, status, "pages/admin/issue_edit.cs", "Change issue");
}

void page_admin_issue_edit(struct request *req)
{
	struct issue issue;
	if (!load_issue(req, &issue))
		return;
	form_keep(req, "name", issue.name);
	form_keep(req, "description", issue.description);
	show_issue_edit(req, 200, &issue);
}

void page_admin_issue_save(struct request *req)
{
	struct issue issue;
	if (!load_issue(req, &issue))
		return;
	const char *name = form_text(req, "name");
	const char *description = form_text(req, "description");
	if (!valid_issue(req, name, description)) {
		show_issue_edit(req, 400, &issue);
		return;
	}
	struct issue_actor actor = actor_of(req);
	const char *clash = NULL;
	enum issue_change result = ISSUE_NOT_FOUND;
	enum db_status status =
		issue_update(req->arena, &actor, issue.id, name, description, &clash, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
	} else if (result == ISSUE_NOT_FOUND) {
		view_error(req, 404, "There is no such issue.");
	} else if (result == ISSUE_DUPLICATE) {
		duplicate_issue(req, clash);
		show_issue_edit(req, 400, &issue);
	} else {
		http_redirect(req,
			      arena_printf(req->arena, "/admin/issues/%lld?done=saved", issue.id));
	}
}

void page_admin_issue_move(struct request *req)
{
	bool up;
	if (!admin_list_direction(req, "it", &up))
		return;
	struct issue_actor actor = actor_of(req);
	enum issue_change result = ISSUE_NOT_FOUND;
	enum db_status status =
		issue_move(req->arena, &actor, page_parse_id(req->captures[0]), up, &result);
	admin_list_answer(req, status, result != ISSUE_NOT_FOUND, "There is no such active issue.",
			  "/admin/issues?done=moved");
}

static void set_active(struct request *req, bool active)
{
	long long id = page_parse_id(req->captures[0]);
	struct issue_actor actor = actor_of(req);
	enum issue_change result = ISSUE_NOT_FOUND;
	enum db_status status = issue_set_active(req->arena, &actor, id, active, &result);
	admin_list_answer(req, status, result != ISSUE_NOT_FOUND, "There is no such issue.",
			  arena_printf(req->arena, "/admin/issues/%lld?done=%s", id,
				       active ? "reactivated" : "deactivated"));
}

void page_admin_issue_deactivate(struct request *req)
{
	set_active(req, false);
}

void page_admin_issue_reactivate(struct request *req)
{
	set_active(req, true);
}

/* ---- questions ---- */

static const char *const kind_hints[QUESTION_KIND__MAX] = {
	[QUESTION_TEXT] = "A short answer on one line",
	[QUESTION_LONG_TEXT] = "A longer answer in a text box",
	[QUESTION_YES_NO] = "",
	[QUESTION_SINGLE_CHOICE] = "The referrer chooses one of the options",
	[QUESTION_MULTIPLE_CHOICE] = "The referrer chooses any number of the options",
	[QUESTION_DATE] = "A day, month and year",
};

/* The options typed one per line: blank lines skipped, each trimmed. Adds an error for
 * "options" (and returns false) when one is too long or has special characters, when two are
 * the same (without regard to capitals: strcasecmp folds ASCII letters only, which covers
 * the "Yes"/"yes" slips people make), or when there are too many. */
static bool read_options(struct request *req, const char *typed, struct question *out)
{
	size_t lines = 1;
	for (const char *p = typed; *p; p++)
		lines += *p == '\n';
	out->options = arena_zalloc(req->arena, (lines + 1) * sizeof *out->options);
	out->option_count = 0;
	for (const char *line = typed; line != NULL && *line != '\0';) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *next = end ? end + 1 : NULL;
		while (len > 0 && strchr(" \t\r", line[len - 1]) != NULL)
			len--;
		while (len > 0 && (*line == ' ' || *line == '\t')) {
			line++;
			len--;
		}
		const char *option = arena_strndup(req->arena, line, len);
		line = next;
		if (len == 0)
			continue;
		const char *problem = valid_single_line(option);
		if (problem != NULL) {
			form_error(req, "options",
				   arena_printf(req->arena, "Options: %s", problem));
			return false;
		}
		if (valid_text_length(option, 1, QUESTION_OPTION_MAX) != VALID_LENGTH_OK) {
			form_error(req, "options", "Each option must be 200 characters or fewer");
			return false;
		}
		for (size_t i = 0; i < out->option_count; i++)
			if (strcasecmp(out->options[i], option) == 0) {
				form_error(req, "options",
					   arena_printf(req->arena,
							"‘%s’ is there twice: each option must be "
							"different",
							option));
				return false;
			}
		out->options[out->option_count++] = option;
	}
	if (out->option_count > QUESTION_OPTIONS_MAX) {
		form_error(req, "options", "Enter 50 options or fewer");
		return false;
	}
	return true;
}

/* The question form, read and checked; false (with errors added) when it is not acceptable. */
static bool read_question(struct request *req, struct question *out)
{
	const char *text = form_text(req, "text");
	const char *hint = form_text(req, "hint");
	const char *kind_name = form_text(req, "kind");
	const char *options = form_text(req, "options");
	bool required = form_checked(req, "required");
	const char *problem;

	if (!valid_required(text))
		form_error(req, "text", "Enter the question");
	else if (valid_text_length(text, 1, QUESTION_TEXT_MAX) != VALID_LENGTH_OK)
		form_error(req, "text", "Question must be 500 characters or fewer");
	else if ((problem = valid_single_line(text)) != NULL)
		form_error(req, "text", arena_printf(req->arena, "Question: %s", problem));

	if (valid_text_length(hint, 0, QUESTION_HINT_MAX) != VALID_LENGTH_OK)
		form_error(req, "hint", "Hint must be 500 characters or fewer");
	else if ((problem = valid_single_line(hint)) != NULL)
		form_error(req, "hint", arena_printf(req->arena, "Hint: %s", problem));

	enum question_kind kind = question_kind_parse(kind_name);
	if (kind == QUESTION_KIND__MAX)
		form_error(req, "kind", "Choose the type of answer");

	out->text = text;
	out->hint = hint;
	out->kind = kind;
	out->required = required;
	out->options = NULL;
	out->option_count = 0;
	/* options matter only for a choice; typed ones for another kind are not stored */
	if (kind != QUESTION_KIND__MAX && question_kind_has_options(kind) &&
	    read_options(req, options, out) && out->option_count < QUESTION_OPTIONS_MIN)
		form_error(
			req, "options",
			"Enter at least 2 options, one per line: a choice question needs something "
			"to choose between");
	return !form_has_errors(req);
}

/* The question form: add (question NULL) or edit. */
static void show_question_form(struct request *req, int status, const struct issue *issue,
			       const struct question *question)
{
	set_issue(req, issue);
	for (int k = 0; k < QUESTION_KIND__MAX; k++) {
		view_set(req, arena_printf(req->arena, "Kinds.%d.Value", k),
			 question_kind_names[k]);
		view_set(req, arena_printf(req->arena, "Kinds.%d.Text", k),
			 question_kind_labels[k]);
		view_set(req, arena_printf(req->arena, "Kinds.%d.Hint", k), kind_hints[k]);
	}
	view_set(req, "RequiredItems.0.Value", "1");
	view_set(req, "RequiredItems.0.Text", "Referrers must answer this question");
	if (question != NULL) {
		view_set_int(req, "Question.Id", question->id);
		view_set(req, "Question.Text", question->text);
		view_set_int(req, "Question.Retired", question->retired);
	}
	view_render(req, status, "pages/admin/question_edit.cs",
		    question != NULL ? "Change question" : "Add a question");
}

void page_admin_question_new(struct request *req)
{
	struct issue issue;
	if (!load_issue(req, &issue))
		return;
	show_question_form(req, 200, &issue, NULL);
}

void page_admin_question_add(struct request *req)
{
	struct issue issue;
	if (!load_issue(req, &issue))
		return;
	struct question question = { .issue_id = issue.id };
	if (!read_question(req, &question)) {
		show_question_form(req, 400, &issue, NULL);
		return;
	}
	struct issue_actor actor = actor_of(req);
	enum question_change result = QUESTION_NOT_FOUND;
	enum db_status status = question_add(req->arena, &actor, &question, NULL, &result);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result == QUESTION_NOT_FOUND)
		view_error(req, 404, "There is no such issue.");
	else
		http_redirect(req,
			      arena_printf(req->arena, "/admin/issues/%lld?done=question-added",
					   issue.id));
}

/* The question named by the path (captures[1]) in the issue (captures[0]), or an error page. */
static bool load_question(struct request *req, struct issue *issue, struct question *question)
{
	if (!load_issue(req, issue))
		return false;
	bool found = false;
	enum db_status status = question_get(req->arena, issue->id, page_parse_id(req->captures[1]),
					     question, &found);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (!found)
		view_error(req, 404, "There is no such question in this issue.");
	return status == DB_OK && found;
}

void page_admin_question_edit(struct request *req)
{
	struct issue issue;
	struct question question;
	if (!load_question(req, &issue, &question))
		return;
	form_keep(req, "text", question.text);
	form_keep(req, "hint", question.hint);
	form_keep(req, "kind", question_kind_names[question.kind]);
	if (question.required)
		form_keep(req, "required", "1");
	const char *options = "";
	for (size_t i = 0; i < question.option_count; i++)
		options = arena_printf(req->arena, "%s%s%s", options, i == 0 ? "" : "\n",
				       question.options[i]);
	form_keep(req, "options", options);
	show_question_form(req, 200, &issue, &question);
}

void page_admin_question_save(struct request *req)
{
	struct issue issue;
	struct question current;
	if (!load_question(req, &issue, &current))
		return;
	struct question question = { .id = current.id, .issue_id = issue.id };
	if (!read_question(req, &question)) {
		show_question_form(req, 400, &issue, &current);
		return;
	}
	struct issue_actor actor = actor_of(req);
	enum question_change result = QUESTION_NOT_FOUND;
	enum db_status status = question_update(req->arena, &actor, &question, &result);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result == QUESTION_NOT_FOUND)
		view_error(req, 404, "There is no such question in this issue.");
	else
		http_redirect(req,
			      arena_printf(req->arena, "/admin/issues/%lld?done=question-saved",
					   issue.id));
}

void page_admin_question_move(struct request *req)
{
	bool up;
	if (!admin_list_direction(req, "it", &up))
		return;
	long long issue_id = page_parse_id(req->captures[0]);
	struct issue_actor actor = actor_of(req);
	enum question_change result = QUESTION_NOT_FOUND;
	enum db_status status = question_move(req->arena, &actor, issue_id,
					      page_parse_id(req->captures[1]), up, &result);
	admin_list_answer(
		req, status, result != QUESTION_NOT_FOUND,
		"There is no such question in this issue's questionnaire.",
		arena_printf(req->arena, "/admin/issues/%lld?done=question-moved", issue_id));
}

static void set_retired(struct request *req, bool retired)
{
	long long issue_id = page_parse_id(req->captures[0]);
	struct issue_actor actor = actor_of(req);
	enum question_change result = QUESTION_NOT_FOUND;
	enum db_status status = question_set_retired(
		req->arena, &actor, issue_id, page_parse_id(req->captures[1]), retired, &result);
	admin_list_answer(req, status, result != QUESTION_NOT_FOUND,
			  "There is no such question in this issue.",
			  arena_printf(req->arena, "/admin/issues/%lld?done=%s", issue_id,
				       retired ? "question-retired" : "question-restored"));
}

void page_admin_question_retire(struct request *req)
{
	set_retired(req, true);
}

void page_admin_question_restore(struct request *req)
{
	set_retired(req, false);
}

/* ---- for the tests ---- */

/* One line per offered issue ("issue <id> <name>"), each followed by its questions
 * ("  question <id> <kind> required|optional <text>", then "    hint <hint>" and
 * "    option <label>" lines). Values are single-line, as the forms insist. */
void page_test_offered_issues(struct request *req)
{
	struct issue_list issues;
	enum db_status status = issue_list_active(req->arena, &issues);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	req->status = 200;
	http_header_add(req, "Content-Type", "text/plain; charset=utf-8");
	for (size_t i = 0; i < issues.count; i++) {
		const struct issue *issue = &issues.items[i];
		struct question_list questions;
		status = question_list_for_issue(req->arena, issue->id, &questions);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
		http_body_puts(req,
			       arena_printf(req->arena, "issue %lld %s\n", issue->id, issue->name));
		for (size_t q = 0; q < questions.count; q++) {
			const struct question *question = &questions.items[q];
			http_body_puts(
				req, arena_printf(req->arena, "  question %lld %s %s %s\n",
						  question->id, question_kind_names[question->kind],
						  question->required ? "required" : "optional",
						  question->text));
			if (question->hint[0] != '\0')
				http_body_puts(req, arena_printf(req->arena, "    hint %s\n",
								 question->hint));
			for (size_t o = 0; o < question->option_count; o++)
				http_body_puts(req, arena_printf(req->arena, "    option %s\n",
								 question->options[o]));
		}
	}
}
