/* The referral journey, seed steps 2 to 4: the referral details (sending organisation,
 * issues, urgency and the timeframes that follow from it), the receiving organisations for
 * each issue (only eligible ones offered, the others listed with the reason, a gap in service
 * raised when none can receive it), and the questionnaire of each chosen issue. */
#include "journey.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../dates.h"
#include "../eligibility.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../workdays.h"
#include "../model/client.h"
#include "../model/gap.h"
#include "../model/issue.h"
#include "../model/question.h"
#include "../match_rank.h"
#include "../model/receiver.h"
#include "../model/referral_send.h"
#include "pages.h"

/* The longest answers, in characters: a line for a text question, a few paragraphs for a
 * long text one. */
#define ANSWER_TEXT_MAX 500
#define ANSWER_LONG_TEXT_MAX 5000

/* ---- shared ---- */

static struct valid_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm); /* TZ is Referrals.TimeZone (main.c) */
	return (struct valid_date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

/* "Monday 30 November 2026" */
static const char *day_text(struct arena *arena, workdays_day day)
{
	static const char *const weekdays[] = { "",	    "Monday", "Tuesday",  "Wednesday",
						"Thursday", "Friday", "Saturday", "Sunday" };
	int year, month, dom;
	workdays_to_ymd(day, &year, &month, &dom);
	char date[DATES_LONG_SIZE];
	dates_long_ymd(year, month, dom, date);
	return arena_printf(arena, "%s %s", weekdays[workdays_weekday(day)], date);
}

/* The sending organisation chosen (or, before the details step is saved, the draft's). */
static long long sending_org(const struct journey *j)
{
	long long id = page_parse_id(journey_value(j, "sending_org"));
	return id != 0 ? id : j->draft.organisation_id;
}

/* The chosen issues that are still offered, in the order issues are offered. */
struct chosen_issues {
	const struct issue **items;
	size_t count;
	size_t stale; /* chosen ids that are no longer offered (deactivated meanwhile) */
};

static bool id_among(const char **values, size_t count, long long id)
{
	for (size_t i = 0; i < count; i++)
		if (page_parse_id(values[i]) == id)
			return true;
	return false;
}

static enum db_status chosen_issues(struct journey *j, struct chosen_issues *out)
{
	memset(out, 0, sizeof *out);
	struct issue_list active;
	enum db_status status = issue_list_active(j->req->arena, &active);
	if (status != DB_OK)
		return status;
	size_t count = 0;
	const char **chosen = journey_values(j, "issue", &count);
	out->items = arena_zalloc(j->req->arena, (active.count + 1) * sizeof *out->items);
	for (size_t i = 0; i < active.count; i++)
		if (id_among(chosen, count, active.items[i].id))
			out->items[out->count++] = &active.items[i];
	for (size_t c = 0; c < count; c++) {
		bool offered = false;
		for (size_t i = 0; i < out->count && !offered; i++)
			offered = out->items[i]->id == page_parse_id(chosen[c]);
		out->stale += !offered;
	}
	return DB_OK;
}

/* The field that holds an issue's receivers. */
static const char *receiver_field(struct arena *arena, long long issue_id)
{
	return arena_printf(arena, "receiver_%lld", issue_id);
}

/* ---- referral details ---- */

static const char *const details_names[] = { "sending_org", "issue", "urgent" };

const char *const *journey_details_fields(struct journey *j, size_t *count)
{
	(void)j;
	*count = sizeof details_names / sizeof details_names[0];
	return details_names;
}

/* "5 working days (by Monday 30 November 2026)" */
static const char *within_text(struct arena *arena, long long days, const char *due)
{
	const char *unit = days == 1 ? "" : "s";
	workdays_day by;
	if (!workdays_from_iso(due, &by))
		return arena_printf(arena, "%lld working day%s", days, unit);
	return arena_printf(arena, "%lld working day%s (by %s)", days, unit, day_text(arena, by));
}

/* The timeframes of a normal and of an urgent referral made today, with their dates (worked
 * out by referral_due_dates, as the send does), as Timeframes.{Normal,Urgent}.{Update,Close};
 * Timeframes.Chosen is the saved urgency's. */
static enum db_status set_timeframes(struct journey *j)
{
	struct arena *arena = j->req->arena;
	static const char *const kinds[] = { "Normal", "Urgent" };
	struct referral_due due[2];
	struct valid_date now = today();
	enum db_status status = referral_due_dates(arena, false, now, &due[0]);
	if (status == DB_OK)
		status = referral_due_dates(arena, true, now, &due[1]);
	if (status != DB_OK)
		return status;
	bool urgent = strcmp(journey_value(j, "urgent"), "yes") == 0;
	for (size_t k = 0; k < 2; k++) {
		const char *update = within_text(arena, due[k].update_days, due[k].update_due);
		const char *close = within_text(arena, due[k].close_days, due[k].close_due);
		view_set(j->req, arena_printf(arena, "Timeframes.%s.Update", kinds[k]), update);
		view_set(j->req, arena_printf(arena, "Timeframes.%s.Close", kinds[k]), close);
		if ((k == 1) == urgent) {
			view_set(j->req, "Timeframes.Chosen.Update", update);
			view_set(j->req, "Timeframes.Chosen.Close", close);
		}
	}
	view_set_int(j->req, "Timeframes.Urgent.Chosen", urgent);
	return DB_OK;
}

/* What the details step offers: the organisations one may send as, and the active issues. */
static enum db_status details_choices(struct request *req, const struct org_list **orgs,
				      struct issue_list *issues)
{
	enum db_status status = sess_orgs(req, orgs);
	if (status == DB_OK)
		status = issue_list_active(req->arena, issues);
	return status;
}

void journey_details_prepare(struct journey *j)
{
	struct request *req = j->req;
	const struct org_list *orgs;
	struct issue_list issues;
	enum db_status status = details_choices(req, &orgs, &issues);
	if (status == DB_OK)
		status = set_timeframes(j);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	/* the select only for staff of several organisations; the others send as their own */
	long long chosen = sending_org(j);
	bool member = false;
	for (size_t i = 0; i < orgs->count; i++) {
		view_set_int(req, arena_printf(req->arena, "SendingOrgs.%zu.Value", i),
			     orgs->items[i].id);
		view_set(req, arena_printf(req->arena, "SendingOrgs.%zu.Text", i),
			 orgs->items[i].name);
		member = member || orgs->items[i].id == chosen;
	}
	/* a refused value is not offered again where it cannot be changed (the hidden field) */
	view_set_int(req, "SendingOrg.Chosen", member ? chosen : j->draft.organisation_id);
	view_set(req, "SendingOrg.Name", req->session->org_name);
	for (size_t i = 0; i < issues.count; i++) {
		const char *item = arena_printf(req->arena, "IssueOptions.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Value", item), issues.items[i].id);
		view_set(req, arena_printf(req->arena, "%s.Text", item), issues.items[i].name);
		view_set(req, arena_printf(req->arena, "%s.Hint", item),
			 issues.items[i].description);
	}
	view_set(req, "UrgentOptions.0.Value", "yes");
	view_set(req, "UrgentOptions.0.Text", "Yes");
	view_set(req, "UrgentOptions.1.Value", "no");
	view_set(req, "UrgentOptions.1.Text", "No");
	view_set(req, "UrgentOptions.1.Checked", "1");
}

bool journey_details_validate(struct journey *j)
{
	struct request *req = j->req;
	const struct org_list *orgs;
	struct issue_list issues;
	enum db_status status = details_choices(req, &orgs, &issues);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return true; /* the error page is set: the step cycle stops */
	}
	/* only an organisation the staff member belongs to (and is active) may send */
	long long org = page_parse_id(journey_value(j, "sending_org"));
	bool member = false;
	for (size_t i = 0; i < orgs->count && !member; i++)
		member = orgs->items[i].id == org;
	if (!valid_required(journey_value(j, "sending_org")))
		form_error(req, "sending_org", "Select the sending organisation");
	else if (!member)
		form_error(req, "sending_org",
			   "Select the sending organisation from the list: you can only send "
			   "referrals "
			   "from organisations you are a member of");

	size_t count = 0;
	const char **chosen = journey_values(j, "issue", &count);
	bool offered = true;
	for (size_t c = 0; c < count; c++) {
		bool found = false;
		for (size_t i = 0; i < issues.count && !found; i++)
			found = issues.items[i].id == page_parse_id(chosen[c]);
		offered = offered && found;
	}
	if (count == 0)
		form_error(req, "issue", "Select at least one issue");
	else if (!offered)
		form_error(req, "issue",
			   "Select issues from the list: one you chose is no longer offered");

	const char *urgent = journey_value(j, "urgent");
	if (strcmp(urgent, "yes") != 0 && strcmp(urgent, "no") != 0)
		form_error(req, "urgent", "Select whether the referral is urgent");
	return !form_has_errors(req);
}

/* ---- receiving organisations ---- */

const char *const *journey_receivers_fields(struct journey *j, size_t *count)
{
	struct chosen_issues issues;
	*count = 0;
	if (chosen_issues(j, &issues) != DB_OK)
		return NULL; /* validate meets the same failure and answers it */
	const char **names = arena_zalloc(j->req->arena, (issues.count + 1) * sizeof *names);
	for (size_t i = 0; i < issues.count; i++)
		names[(*count)++] = receiver_field(j->req->arena, issues.items[i]->id);
	return names;
}

/* What eligibility needs to know about the client: from the values entered for a new one,
 * from their record for one already known. */
static enum db_status client_facts(struct journey *j, struct elig_client *out)
{
	*out = (struct elig_client){ .age = -1 };
	struct valid_date now = today();
	if (journey_existing_client(j)) {
		/* the find step chose this client (an exact match may be one the organisation
		 * cannot see yet); the facts only decide eligibility and are never shown */
		struct client client;
		bool found = false;
		struct scope any = { .org_id = j->draft.organisation_id,
				     .admin = true }; /* see above */
		enum db_status status = client_get_visible(j->req->arena, j->draft.client_id, &any,
							   &client, &found);
		if (status != DB_OK || !found)
			return status;
		struct valid_date dob;
		if (valid_date_parse_iso(client.date_of_birth, &dob) == NULL)
			out->age = valid_age_years(dob, now);
		out->gender_id = client.gender_id;
		out->local_authority_id = client.local_authority_id;
		return DB_OK;
	}
	struct valid_date dob;
	if (valid_date(journey_value(j, "dob_day"), journey_value(j, "dob_month"),
		       journey_value(j, "dob_year"), &dob) == NULL)
		out->age = valid_age_years(dob, now);
	out->gender_id = page_parse_id(journey_value(j, "gender"));
	out->local_authority_id = page_parse_id(journey_value(j, "local_authority"));
	return DB_OK;
}

/* Every chosen issue's receivers for this client, in the order of issues. */
struct issue_receivers {
	struct chosen_issues issues;
	struct receiver_list *lists; /* one per issue */
	struct elig_client client;
};

static enum db_status load_receivers(struct journey *j, struct issue_receivers *out)
{
	enum db_status status = chosen_issues(j, &out->issues);
	if (status == DB_OK)
		status = client_facts(j, &out->client);
	if (status != DB_OK)
		return status;
	out->lists = arena_zalloc(j->req->arena, (out->issues.count + 1) * sizeof *out->lists);
	for (size_t i = 0; i < out->issues.count && status == DB_OK; i++)
		status = receiver_list_for_issue(j->req->arena, out->issues.items[i]->id,
						 sending_org(j), &out->client, &out->lists[i]);
	return status;
}

/* <prefix>.Order: one line on why the first organisations come first (match_rank.h), when
 * there is an order to explain. */
static void set_order_reason(struct request *req, const char *prefix,
			     const struct receiver_list *list)
{
	if (list->eligible < 2)
		return;
	const struct receiver *first = &list->items[0];
	size_t length = match_describe(first->rank.specific, NULL, 0);
	char *words = arena_alloc(req->arena, length + 1);
	match_describe(first->rank.specific, words, length + 1);
	view_set(req, arena_printf(req->arena, "%s.Order", prefix),
		 arena_printf(req->arena,
			      "Closest matches first: %s%s%s; then the most free places, then "
			      "by name.",
			      first->name, length > 0 ? " names " : " accepts everyone", words));
}

void journey_receivers_prepare(struct journey *j)
{
	struct request *req = j->req;
	struct issue_receivers all;
	/* the urgency just chosen shows its timeframes here too: without JavaScript the details
	 * page could not change them when Urgent was ticked (issue 12) */
	enum db_status status = set_timeframes(j);
	if (status == DB_OK)
		status = load_receivers(j, &all);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < all.issues.count; i++) {
		const struct issue *issue = all.issues.items[i];
		const struct receiver_list *list = &all.lists[i];
		const char *prefix = arena_printf(req->arena, "ReceiverIssues.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), issue->id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), issue->name);
		view_set(req, arena_printf(req->arena, "%s.Field", prefix),
			 receiver_field(req->arena, issue->id));
		view_set_int(req, arena_printf(req->arena, "%s.Handled", prefix),
			     (long long)list->count);
		for (size_t r = 0; r < list->count; r++) {
			const struct receiver *receiver = &list->items[r];
			if (receiver->reasons == 0) {
				const char *item =
					arena_printf(req->arena, "%s.Eligible.%zu", prefix, r);
				view_set_int(req, arena_printf(req->arena, "%s.Value", item),
					     receiver->id);
				view_set(req, arena_printf(req->arena, "%s.Text", item),
					 receiver->name);
				if (receiver->org.capacity >= 0)
					view_set(req, arena_printf(req->arena, "%s.Hint", item),
						 arena_printf(req->arena,
							      "%lld of %lld places in use",
							      receiver->org.open_referrals,
							      receiver->org.capacity));
				view_set(req, arena_printf(req->arena, "%s.Banner", item),
					 receiver->banner);
			} else {
				const char *item =
					arena_printf(req->arena, "%s.Others.%zu", prefix, r);
				view_set_int(req, arena_printf(req->arena, "%s.Id", item),
					     receiver->id);
				view_set(req, arena_printf(req->arena, "%s.Name", item),
					 receiver->name);
				view_set(req, arena_printf(req->arena, "%s.Reason", item),
					 receiver->reason_text);
			}
		}
		set_order_reason(req, prefix, list);
		if (list->eligible > 0)
			continue;
		/* nobody can take it: say so, and tell the administrators (once per draft and
		 * issue) */
		view_set_int(req, arena_printf(req->arena, "%s.None", prefix), 1);
		struct gap gap = { j->draft.id,
				   issue->id,
				   sending_org(j),
				   req->session->staff_id,
				   all.client.local_authority_id,
				   all.client.age };
		bool recorded = false;
		status = gap_record(req->arena, &gap, &recorded);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
	}
	view_set_int(req, "Receivers.Stale", (long long)all.issues.stale);
}

bool journey_receivers_validate(struct journey *j)
{
	struct request *req = j->req;
	struct issue_receivers all;
	enum db_status status = load_receivers(j, &all);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return true; /* the error page is set: the step cycle stops */
	}
	/* the page says so where this field's id is */
	if (all.issues.count == 0)
		form_error(req, "receivers_issues",
			   "Choose at least one issue in the referral details first");
	else if (all.issues.stale > 0)
		form_error(req, "receivers_issues",
			   "An issue you chose is no longer offered: change the issues "
			   "in the referral details");
	for (size_t i = 0; i < all.issues.count; i++) {
		const struct issue *issue = all.issues.items[i];
		const struct receiver_list *list = &all.lists[i];
		const char *field = receiver_field(req->arena, issue->id);
		if (list->eligible == 0) {
			form_error(
				req, field,
				arena_printf(
					req->arena,
					"No organisation can receive a referral for %s for this "
					"client: "
					"change the issues in the referral details and untick %s",
					issue->name, issue->name));
			continue;
		}
		size_t count = 0;
		const char **chosen = journey_values(j, field, &count);
		if (count == 0) {
			form_error(req, field,
				   arena_printf(req->arena,
						"Select at least one organisation for %s",
						issue->name));
			continue;
		}
		/* each one checked again now: capacity and settings change while people type */
		for (size_t c = 0; c < count; c++) {
			const struct receiver *receiver =
				receiver_find(list, page_parse_id(chosen[c]));
			if (receiver == NULL) {
				form_error(req, field,
					   arena_printf(req->arena,
							"Select organisations for %s from the list",
							issue->name));
				break;
			}
			if (receiver->reasons != 0) {
				form_error(req, field,
					   arena_printf(req->arena,
							"%s can no longer receive this referral "
							"for %s (%s): "
							"select another organisation",
							receiver->name, issue->name,
							receiver->reason_text));
				break;
			}
		}
	}
	return !form_has_errors(req);
}

/* ---- questionnaire ---- */

/* The live questions of each chosen issue. */
struct questionnaire {
	struct chosen_issues issues;
	struct question_list *questions; /* one per issue */
};

static enum db_status load_questionnaire(struct journey *j, struct questionnaire *out)
{
	enum db_status status = chosen_issues(j, &out->issues);
	if (status != DB_OK)
		return status;
	out->questions =
		arena_zalloc(j->req->arena, (out->issues.count + 1) * sizeof *out->questions);
	for (size_t i = 0; i < out->issues.count && status == DB_OK; i++)
		status = question_list_for_issue(j->req->arena, out->issues.items[i]->id,
						 &out->questions[i]);
	return status;
}

static const char *answer_field(struct arena *arena, const struct question *q)
{
	return arena_printf(arena, "answer_%lld", q->id);
}

const char *const *journey_questions_fields(struct journey *j, size_t *count)
{
	struct arena *arena = j->req->arena;
	struct questionnaire all;
	*count = 0;
	if (load_questionnaire(j, &all) != DB_OK)
		return NULL; /* validate meets the same failure and answers it */
	size_t total = 0;
	for (size_t i = 0; i < all.issues.count; i++)
		total += all.questions[i].count;
	const char **names = arena_zalloc(arena, (total * 3 + 1) * sizeof *names);
	for (size_t i = 0; i < all.issues.count; i++)
		for (size_t q = 0; q < all.questions[i].count; q++) {
			const struct question *question = &all.questions[i].items[q];
			const char *field = answer_field(arena, question);
			if (question->kind == QUESTION_DATE) {
				names[(*count)++] = arena_printf(arena, "%s_day", field);
				names[(*count)++] = arena_printf(arena, "%s_month", field);
				names[(*count)++] = arena_printf(arena, "%s_year", field);
			} else {
				names[(*count)++] = field;
			}
		}
	return names;
}

void journey_questions_prepare(struct journey *j)
{
	struct request *req = j->req;
	struct arena *arena = req->arena;
	struct questionnaire all;
	enum db_status status = load_questionnaire(j, &all);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < all.issues.count; i++) {
		const char *group = arena_printf(arena, "QuestionIssues.%zu", i);
		view_set(req, arena_printf(arena, "%s.Name", group), all.issues.items[i]->name);
		view_set_int(req, arena_printf(arena, "%s.Count", group),
			     (long long)all.questions[i].count);
		for (size_t q = 0; q < all.questions[i].count; q++) {
			const struct question *question = &all.questions[i].items[q];
			const char *item = arena_printf(arena, "%s.Questions.%zu", group, q);
			view_set(req, arena_printf(arena, "%s.Field", item),
				 answer_field(arena, question));
			view_set(req, arena_printf(arena, "%s.Kind", item),
				 question_kind_names[question->kind]);
			view_set(req, arena_printf(arena, "%s.Label", item),
				 question->required
					 ? question->text
					 : arena_printf(arena, "%s (optional)", question->text));
			const char *hint = question->hint;
			if (question->kind == QUESTION_DATE)
				hint = arena_printf(arena, "%s%sFor example, 27 3 2027", hint,
						    *hint ? " " : "");
			view_set(req, arena_printf(arena, "%s.Hint", item), hint);
			if (question->kind == QUESTION_YES_NO) {
				view_set(req, arena_printf(arena, "%s.Options.0.Value", item),
					 "yes");
				view_set(req, arena_printf(arena, "%s.Options.0.Text", item),
					 "Yes");
				view_set(req, arena_printf(arena, "%s.Options.1.Value", item),
					 "no");
				view_set(req, arena_printf(arena, "%s.Options.1.Text", item), "No");
			}
			for (size_t o = 0; o < question->option_count; o++) {
				view_set(req, arena_printf(arena, "%s.Options.%zu.Value", item, o),
					 question->options[o]);
				view_set(req, arena_printf(arena, "%s.Options.%zu.Text", item, o),
					 question->options[o]);
			}
		}
	}
}

static bool is_option(const struct question *q, const char *value)
{
	for (size_t o = 0; o < q->option_count; o++)
		if (strcmp(q->options[o], value) == 0)
			return true;
	return false;
}

/* A text answer: one line (or several for long text) of at most max characters. */
static void check_text(struct journey *j, const struct question *q, const char *field, size_t max)
{
	const char *answer = journey_value(j, field);
	const char *problem =
		q->kind == QUESTION_LONG_TEXT ? valid_multiline(answer) : valid_single_line(answer);
	if (valid_text_length(answer, 0, max) != VALID_LENGTH_OK)
		form_error(j->req, field,
			   arena_printf(j->req->arena,
					"Answer to ‘%s’ must be %zu characters or fewer", q->text,
					max));
	else if (problem != NULL)
		form_error(j->req, field,
			   arena_printf(j->req->arena, "Answer to ‘%s’: %s", q->text, problem));
}

static void check_answer(struct journey *j, const struct question *q)
{
	struct arena *arena = j->req->arena;
	const char *field = answer_field(arena, q);
	if (q->kind == QUESTION_DATE) {
		const char *day = journey_value(j, arena_printf(arena, "%s_day", field));
		const char *month = journey_value(j, arena_printf(arena, "%s_month", field));
		const char *year = journey_value(j, arena_printf(arena, "%s_year", field));
		bool empty =
			!valid_required(day) && !valid_required(month) && !valid_required(year);
		const char *problem = empty ? NULL : valid_date(day, month, year, NULL);
		if (empty && q->required)
			form_error(j->req, field, arena_printf(arena, "Answer ‘%s’", q->text));
		else if (problem != NULL)
			form_error(j->req, field,
				   arena_printf(arena, "%s for ‘%s’", problem, q->text));
		return;
	}
	size_t count = 0;
	const char **values = journey_values(j, field, &count);
	bool answered = false;
	for (size_t v = 0; v < count; v++)
		answered = answered || valid_required(values[v]);
	if (!answered) {
		if (q->required)
			form_error(j->req, field, arena_printf(arena, "Answer ‘%s’", q->text));
		return;
	}
	switch (q->kind) {
	case QUESTION_TEXT:
		check_text(j, q, field, ANSWER_TEXT_MAX);
		break;
	case QUESTION_LONG_TEXT:
		check_text(j, q, field, ANSWER_LONG_TEXT_MAX);
		break;
	case QUESTION_YES_NO:
		if (count != 1 || (strcmp(values[0], "yes") != 0 && strcmp(values[0], "no") != 0))
			form_error(j->req, field,
				   arena_printf(arena, "Select yes or no for ‘%s’", q->text));
		break;
	case QUESTION_SINGLE_CHOICE:
		if (count != 1 || !is_option(q, values[0]))
			form_error(j->req, field,
				   arena_printf(arena, "Select an answer from the list for ‘%s’",
						q->text));
		break;
	case QUESTION_MULTIPLE_CHOICE:
		for (size_t v = 0; v < count; v++)
			if (!is_option(q, values[v])) {
				form_error(j->req, field,
					   arena_printf(arena,
							"Select answers from the list for ‘%s’",
							q->text));
				break;
			}
		break;
	case QUESTION_DATE:
	case QUESTION_KIND__MAX:
		break;
	}
}

bool journey_questions_validate(struct journey *j)
{
	struct questionnaire all;
	enum db_status status = load_questionnaire(j, &all);
	if (status != DB_OK) {
		page_database_failed(j->req, status);
		return true; /* the error page is set: the step cycle stops */
	}
	/* the page says so where this field's id is */
	if (all.issues.count == 0)
		form_error(j->req, "questions_issues",
			   "Choose at least one issue in the referral details first");
	for (size_t i = 0; i < all.issues.count; i++)
		for (size_t q = 0; q < all.questions[i].count; q++)
			check_answer(j, &all.questions[i].items[q]);
	return !form_has_errors(j->req);
}
