/* The referral journey: check your answers, and send (PRODUCT.md "Creating a referral",
 * steps 5 and 6; issue 3 points 9 and 10).
 *
 * The summary lists everything the referral will send, each section with a Change link to its
 * step (?change=1 brings the user back here), checks every earlier step with that step's own
 * validate function and points at any section that is incomplete, and asks for the inbox
 * opt-in. Its form posts to /drafts/N/send, which is the summary's own POST: the framework
 * saves the opt-in values, then this step's validate checks every step and sends
 * (referral_send: one transaction, the draft its idempotency key), and on success the browser
 * goes to the client's Referrals tab. */
#include "journey.h"

#include <ClearSilver.h>
#include <string.h>
#include <strings.h>

#include "../arena.h"
#include "../form.h"
#include "../log.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/client.h"
#include "../model/issue.h"
#include "../model/question.h"
#include "../model/reference.h"
#include "../model/referral_send.h"
#include "../model/staff.h"
#include "pages.h"

static const char *const summary_fields[] = { "notify" };

/* The opt-in choices, as values of "notify" and words. */
static const char *const notify_choices[][2] = {
	{ "acknowledged", "A receiving organisation acknowledges the referral" },
	{ "closed", "A referral is closed" },
	{ "note_added", "A note is added to a referral" },
	{ "file_added", "A file is added to a referral" },
	/* issue 12 point 7 (e-mail notifications, issue 14) */
	{ "refused", "A receiving organisation refuses the referral" },
	{ "unresolved", "Every receiving organisation refused or did not respond" },
};
#define NOTIFY_COUNT (sizeof notify_choices / sizeof notify_choices[0])

/* What each step is about, for the messages that point at an incomplete section. */
static const char *const incomplete_messages[STEP__MAX] = {
	[STEP_FIND] = "Find the client: their name and date of birth are incomplete",
	[STEP_CLIENT] = "Client details are incomplete or need correcting",
	[STEP_ADDRESS] = "The client's address and local authority are incomplete",
	[STEP_CONSENT] = "Record the client's consent",
	[STEP_DETAILS] = "Referral details are incomplete",
	[STEP_RECEIVERS] = "Choose the receiving organisations for each issue",
	[STEP_QUESTIONS] = "The questionnaire has questions to answer",
};

const char *const *journey_summary_fields(struct journey *j, size_t *count)
{
	(void)j;
	*count = sizeof summary_fields / sizeof summary_fields[0];
	return summary_fields;
}

/* ---- what will be sent, from the draft's values ---- */

struct plan_issue {
	long long id;
	const char *name;
	bool active; /* exists and is still offered */
	long long *receivers;
	const char **receiver_names;
	size_t receiver_count;
	struct referral_send_answer *answers;
	const char **answer_display; /* the answers as the summary shows them */
	size_t answer_count;
};

struct plan {
	struct valid_date today;
	/* the client: new (from the values) or existing */
	bool existing;
	bool known;   /* the existing client was found */
	bool visible; /* the organisation may see the existing client's details */
	struct client client;
	struct valid_date dob;
	bool dob_valid;
	/* consent */
	bool consent_by_client;
	/* details */
	long long sending_org_id;
	const char *sending_org_name;
	bool urgent;
	struct referral_due due;
	struct plan_issue *issues;
	size_t issue_count;
	size_t referral_count; /* receivers × issues */
	bool notify[NOTIFY_COUNT];
};

static bool value_is(const struct journey *j, const char *name, const char *value)
{
	return strcmp(journey_value(j, name), value) == 0;
}

static bool has_value(const struct journey *j, const char *name, const char *value)
{
	size_t count = 0;
	const char **values = journey_values(j, name, &count);
	for (size_t i = 0; i < count; i++)
		if (strcmp(values[i], value) == 0)
			return true;
	return false;
}

/* The trimmed value (what is stored). */
static const char *trimmed(struct journey *j, const char *name)
{
	const char *value = journey_value(j, name);
	size_t size = strlen(value) + 1;
	char *out = arena_alloc(j->req->arena, size);
	valid_trim(value, out, size);
	return out;
}

/* value normalised by a validator writing into a buffer of size bytes; the trimmed value as
 * typed when it does not pass (the step then reports it), "" when empty. */
static const char *normalised(struct journey *j, const char *name, size_t size,
			      const char *(*check)(const char *, char *))
{
	const char *value = trimmed(j, name);
	if (value[0] == '\0')
		return "";
	char *out = arena_alloc(j->req->arena, size);
	return check(value, out) == NULL ? out : value;
}

static const char *check_name(const char *text, char *out)
{
	return valid_person_name(text, out);
}
static const char *check_email(const char *text, char *out)
{
	return valid_email(text, out);
}
static const char *check_phone(const char *text, char *out)
{
	return valid_uk_phone(text, out);
}
static const char *check_nhs(const char *text, char *out)
{
	return valid_nhs_number(text, out);
}
static const char *check_ods(const char *text, char *out)
{
	return valid_ods_code(text, out);
}
static const char *check_postcode(const char *text, char *out)
{
	return valid_postcode(text, out);
}

static enum db_status reference_name(struct arena *arena, enum reference_list list, long long id,
				     const char **name)
{
	*name = "";
	if (id == 0)
		return DB_OK;
	struct reference_value value;
	bool found = false;
	enum db_status status = reference_value_get(arena, list, id, &value, &found);
	if (status == DB_OK && found)
		*name = value.name;
	return status;
}

/* A new client from the client and address steps' values, normalised as the validators do. */
static enum db_status new_client(struct journey *j, struct plan *p)
{
	struct arena *arena = j->req->arena;
	struct client *c = &p->client;
	memset(c, 0, sizeof *c);
	c->title_id = page_parse_id(journey_value(j, "title"));
	c->first_name = normalised(j, "first_name", VALID_NAME_SIZE, check_name);
	c->last_name = normalised(j, "last_name", VALID_NAME_SIZE, check_name);
	p->dob_valid =
		valid_date_of_birth(journey_value(j, "dob_day"), journey_value(j, "dob_month"),
				    journey_value(j, "dob_year"), p->today, &p->dob) == NULL;
	char *iso = arena_alloc(arena, VALID_DATE_ISO_SIZE);
	if (p->dob_valid)
		valid_date_to_iso(p->dob, iso);
	else
		iso[0] = '\0';
	c->date_of_birth = iso;
	c->pronoun_id = page_parse_id(journey_value(j, "pronoun"));
	c->gender_id = page_parse_id(journey_value(j, "gender"));
	c->gender_description = trimmed(j, "gender_description");
	c->email = normalised(j, "email", VALID_EMAIL_SIZE, check_email);
	c->phone = normalised(j, "phone", VALID_PHONE_SIZE, check_phone);
	c->alt_phone = normalised(j, "alt_phone", VALID_PHONE_SIZE, check_phone);
	c->contact_email = has_value(j, "contact", "email");
	c->contact_phone = has_value(j, "contact", "phone");
	c->contact_sms = has_value(j, "contact", "sms");
	c->contact_voicemail = has_value(j, "contact", "voicemail");
	c->contact_post = has_value(j, "contact", "post");
	c->nhs_number = normalised(j, "nhs_number", VALID_NHS_NUMBER_SIZE, check_nhs);
	c->gp_practice_name = trimmed(j, "gp_practice_name");
	c->gp_ods_code = normalised(j, "gp_ods_code", VALID_ODS_CODE_SIZE, check_ods);
	c->no_fixed_abode = value_is(j, "no_fixed_abode", "1");
	if (c->no_fixed_abode) {
		c->address_line1 = c->address_line2 = c->town = c->postcode = "";
	} else {
		c->address_line1 = trimmed(j, "address_line1");
		c->address_line2 = trimmed(j, "address_line2");
		c->town = trimmed(j, "town");
		c->postcode = normalised(j, "postcode", VALID_POSTCODE_SIZE, check_postcode);
	}
	c->local_authority_id = page_parse_id(journey_value(j, "local_authority"));

	enum db_status status = reference_name(arena, REFERENCE_TITLE, c->title_id, &c->title);
	if (status == DB_OK)
		status = reference_name(arena, REFERENCE_PRONOUN, c->pronoun_id, &c->pronoun);
	if (status == DB_OK)
		status = reference_name(arena, REFERENCE_GENDER, c->gender_id, &c->gender);
	c->local_authority = "";
	if (status == DB_OK && c->local_authority_id != 0) {
		struct local_authority la;
		bool found = false;
		status = local_authority_get(arena, c->local_authority_id, &la, &found);
		if (status == DB_OK && found)
			c->local_authority = la.name;
	}
	return status;
}

static enum db_status existing_client(struct journey *j, struct plan *p)
{
	struct request *req = j->req;
	bool found = false;
	/* read whatever the organisation may see: a client chosen from the exact matches of the
	 * find step may not be visible to it yet (it will be once the referral is sent), and its
	 * age, gender and local authority still decide eligibility */
	struct scope any = { .org_id = j->draft.organisation_id,
			     .admin = true }; /* as an administrator's */
	enum db_status status =
		client_get_visible(req->arena, j->draft.client_id, &any, &p->client, &found);
	if (status != DB_OK)
		return status;
	p->known = found;
	if (!found)
		return DB_OK;
	bool visible = req->session->is_admin;
	if (!visible) {
		status = client_is_visible(req->arena, j->draft.client_id, j->draft.organisation_id,
					   &visible);
		if (status != DB_OK)
			return status;
	}
	p->visible = visible;
	p->dob_valid = valid_date_parse_iso(p->client.date_of_birth, &p->dob) == NULL;
	return DB_OK;
}

static const char *contact_words(struct arena *arena, const struct client *c)
{
	const char *parts[5];
	size_t n = 0;
	if (c->contact_email)
		parts[n++] = "Email";
	if (c->contact_phone)
		parts[n++] = "Phone call";
	if (c->contact_sms)
		parts[n++] = "SMS";
	if (c->contact_voicemail)
		parts[n++] = "Voicemail";
	if (c->contact_post)
		parts[n++] = "Post";
	if (n == 0)
		return "None";
	const char *out = parts[0];
	for (size_t i = 1; i < n; i++)
		out = arena_printf(arena, "%s, %s", out, parts[i]);
	return out;
}

/* A positive id from each value, without repeats. */
static long long *parse_ids(struct journey *j, const char *name, size_t *count)
{
	size_t n = 0;
	const char **values = journey_values(j, name, &n);
	long long *ids = arena_alloc(j->req->arena, (n + 1) * sizeof *ids);
	*count = 0;
	for (size_t i = 0; i < n; i++) {
		long long id = page_parse_id(values[i]);
		bool seen = id == 0;
		for (size_t k = 0; k < *count && !seen; k++)
			seen = ids[k] == id;
		if (!seen)
			ids[(*count)++] = id;
	}
	return ids;
}

/* One question's answer, stored and shown. */
static void answer_of(struct journey *j, const struct question *q, struct referral_send_answer *out,
		      const char **display)
{
	struct arena *arena = j->req->arena;
	const char *name = arena_printf(arena, "answer_%lld", q->id);
	out->question_id = q->id;
	out->question_text = q->text;
	out->kind = question_kind_names[q->kind];
	out->answer = "";
	switch (q->kind) {
	case QUESTION_YES_NO: {
		const char *value = journey_value(j, name);
		out->answer = strcasecmp(value, "yes") == 0  ? "Yes"
			      : strcasecmp(value, "no") == 0 ? "No"
							     : "";
		break;
	}
	case QUESTION_MULTIPLE_CHOICE: {
		/* in the options' order, whatever order the values came in */
		const char *joined = "";
		for (size_t o = 0; o < q->option_count; o++) {
			if (!has_value(j, name, q->options[o]))
				continue;
			joined = joined[0] == '\0'
					 ? q->options[o]
					 : arena_printf(arena, "%s\n%s", joined, q->options[o]);
		}
		out->answer = joined;
		break;
	}
	case QUESTION_DATE: {
		struct valid_date date;
		const char *day = journey_value(j, arena_printf(arena, "%s_day", name));
		const char *month = journey_value(j, arena_printf(arena, "%s_month", name));
		const char *year = journey_value(j, arena_printf(arena, "%s_year", name));
		if (valid_required(day) || valid_required(month) || valid_required(year)) {
			if (valid_date(day, month, year, &date) == NULL) {
				char *iso = arena_alloc(arena, VALID_DATE_ISO_SIZE);
				valid_date_to_iso(date, iso);
				out->answer = iso;
			} else {
				out->answer = arena_printf(arena, "%s/%s/%s", day, month, year);
			}
		}
		break;
	}
	default:
		out->answer = trimmed(j, name);
		break;
	}
	if (out->answer[0] == '\0')
		*display = "Not answered";
	else if (q->kind == QUESTION_DATE)
		*display = page_long_date(arena, out->answer);
	else
		*display = out->answer;
}

static enum db_status plan_issue(struct journey *j, struct plan_issue *issue)
{
	struct arena *arena = j->req->arena;
	struct issue found_issue;
	bool found = false;
	enum db_status status = issue_get(arena, issue->id, &found_issue, &found);
	if (status != DB_OK)
		return status;
	issue->active = found && found_issue.active;
	issue->name = found ? found_issue.name : "An issue that no longer exists";

	issue->receivers = parse_ids(j, arena_printf(arena, "receiver_%lld", issue->id),
				     &issue->receiver_count);
	issue->receiver_names =
		arena_alloc(arena, (issue->receiver_count + 1) * sizeof *issue->receiver_names);
	for (size_t r = 0; r < issue->receiver_count; r++) {
		bool org_found = false;
		status = referral_org_name(arena, issue->receivers[r], &issue->receiver_names[r],
					   &org_found);
		if (status != DB_OK)
			return status;
		if (!org_found)
			issue->receiver_names[r] = "An organisation that no longer exists";
	}

	issue->answer_count = 0;
	if (!found)
		return DB_OK;
	struct question_list questions;
	status = question_list_for_issue(arena, issue->id, &questions);
	if (status != DB_OK)
		return status;
	issue->answers = arena_zalloc(arena, (questions.count + 1) * sizeof *issue->answers);
	issue->answer_display =
		arena_zalloc(arena, (questions.count + 1) * sizeof *issue->answer_display);
	for (size_t q = 0; q < questions.count; q++)
		answer_of(j, &questions.items[q], &issue->answers[q], &issue->answer_display[q]);
	issue->answer_count = questions.count;
	return DB_OK;
}

/* Everything the referral will be, from the draft. False when the database failed (the error
 * page is set). */
static bool make_plan(struct journey *j, struct plan *p)
{
	struct request *req = j->req;
	struct arena *arena = req->arena;
	memset(p, 0, sizeof *p);
	p->today = page_today();
	p->existing = journey_existing_client(j);
	enum db_status status = p->existing ? existing_client(j, p) : new_client(j, p);

	p->consent_by_client = value_is(j, "consent_given_by", "client");
	p->sending_org_id = page_parse_id(journey_value(j, "sending_org"));
	p->sending_org_name = "";
	if (status == DB_OK && p->sending_org_id != 0) {
		bool found = false;
		status = referral_org_name(arena, p->sending_org_id, &p->sending_org_name, &found);
	}
	p->urgent = value_is(j, "urgent", "yes");
	if (status == DB_OK)
		status = referral_due_dates(arena, p->urgent, p->today, &p->due);

	size_t count = 0;
	long long *ids = parse_ids(j, "issue", &count);
	p->issues = arena_zalloc(arena, (count + 1) * sizeof *p->issues);
	for (size_t i = 0; i < count && status == DB_OK; i++) {
		p->issues[i].id = ids[i];
		status = plan_issue(j, &p->issues[i]);
		p->referral_count += p->issues[i].receiver_count;
	}
	p->issue_count = count;
	for (size_t n = 0; n < NOTIFY_COUNT; n++)
		p->notify[n] = has_value(j, "notify", notify_choices[n][0]);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	return true;
}

/* ---- checking every step ---- */

static bool step_checked(const struct journey *j, enum journey_step step)
{
	if (step == STEP_SUMMARY)
		return false;
	/* an existing client's details are theirs already, and the search found them */
	if (journey_existing_client(j) &&
	    (step == STEP_FIND || step == STEP_CLIENT || step == STEP_ADDRESS))
		return false;
	return true;
}

static void clear_errors(struct request *req);

/* Runs each earlier step's own validate; incomplete[s] says which failed. Their messages are
 * about fields on their own pages, so they are dropped (the summary says which section is
 * incomplete instead), and each step starts with none (a step may ask whether any error was
 * added). A step's validate may store its values normalised, which records that step as the
 * one reached: the draft is put back at the summary. False when the database failed (the
 * error page is set). */
static bool check_steps(struct journey *j, bool incomplete[STEP__MAX], bool *all_complete)
{
	struct request *req = j->req;
	enum journey_step step = j->step;
	*all_complete = true;
	for (int s = 0; s < STEP__MAX; s++) {
		incomplete[s] = false;
		if (!step_checked(j, (enum journey_step)s))
			continue;
		clear_errors(req);
		j->step = (enum journey_step)s;
		bool complete = journey_steps[s].validate(j);
		j->step = step;
		if (req->status != 0)
			return false;
		incomplete[s] = !complete;
		if (!complete)
			*all_complete = false;
	}
	clear_errors(req);
	static const struct req_fields none = { 0 };
	return journey_store(j, NULL, 0, &none, STEP_SUMMARY);
}

/* The errors already on the page, as Field/Message pairs. */
struct kept_error {
	const char *field, *message;
};

static size_t take_errors(struct request *req, struct kept_error **out)
{
	HDF *errors = hdf_get_obj(view_data(req), "Errors");
	size_t count = 0;
	for (HDF *e = errors ? hdf_obj_child(errors) : NULL; e; e = hdf_obj_next(e))
		count++;
	*out = arena_alloc(req->arena, (count + 1) * sizeof **out);
	count = 0;
	for (HDF *e = errors ? hdf_obj_child(errors) : NULL; e; e = hdf_obj_next(e)) {
		const char *field = hdf_get_value(e, "Field", "");
		const char *message = hdf_get_value(e, "Message", "");
		(*out)[count++] = (struct kept_error){ arena_strdup(req->arena, field),
						       arena_strdup(req->arena, message) };
	}
	return count;
}

static void clear_errors(struct request *req)
{
	nerr_ignore(&(NEOERR *){ hdf_remove_tree(view_data(req), "Errors") });
	nerr_ignore(&(NEOERR *){ hdf_remove_tree(view_data(req), "ErrorFor") });
}

/* ---- the page ---- */

static void set_client(struct request *req, const struct plan *p)
{
	struct arena *arena = req->arena;
	const struct client *c = &p->client;
	view_set_int(req, "Summary.Client.Existing", p->existing);
	if (p->existing && !p->known) {
		view_set_int(req, "Summary.Client.Missing", 1);
		return;
	}
	/* a client the organisation cannot see yet: only what identified them */
	view_set_int(req, "Summary.Client.Limited", p->existing && !p->visible);
	view_set(req, "Summary.Client.Name",
		 arena_printf(arena, "%s%s%s %s", c->title && c->title[0] ? c->title : "",
			      c->title && c->title[0] ? " " : "", c->first_name, c->last_name));
	if (p->dob_valid) {
		char iso[VALID_DATE_ISO_SIZE];
		valid_date_to_iso(p->dob, iso);
		view_set(req, "Summary.Client.Dob", page_long_date(arena, iso));
		view_set_int(req, "Summary.Client.Age", valid_age_years(p->dob, p->today));
	}
	if (p->existing && !p->visible)
		return;
	view_set(req, "Summary.Client.Pronoun", c->pronoun);
	view_set(req, "Summary.Client.Gender",
		 c->gender_description && c->gender_description[0]
			 ? arena_printf(arena, "%s: %s", c->gender, c->gender_description)
			 : c->gender);
	view_set(req, "Summary.Client.Email", c->email);
	view_set(req, "Summary.Client.Phone", c->phone);
	view_set(req, "Summary.Client.AltPhone", c->alt_phone);
	view_set(req, "Summary.Client.Contact", contact_words(arena, c));
	view_set(req, "Summary.Client.Nhs", c->nhs_number);
	view_set(req, "Summary.Client.GpName", c->gp_practice_name);
	view_set(req, "Summary.Client.GpCode", c->gp_ods_code);
	view_set_int(req, "Summary.Client.Nfa", c->no_fixed_abode);
	const char *lines[] = { c->address_line1, c->address_line2, c->town, c->postcode };
	size_t n = 0;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		if (lines[i] != NULL && lines[i][0] != '\0')
			view_set(req, arena_printf(arena, "Summary.Client.Address.%zu", n++),
				 lines[i]);
	view_set(req, "Summary.Client.LocalAuthority", c->local_authority);
}

static void set_plan(struct journey *j, const struct plan *p)
{
	struct request *req = j->req;
	struct arena *arena = req->arena;
	for (int s = 0; s < STEP__MAX; s++)
		view_set(req, arena_printf(arena, "Summary.Change.%s", journey_steps[s].slug),
			 arena_printf(arena, "%s?change=1", journey_path(j, (enum journey_step)s)));
	set_client(req, p);

	view_set(req, "Summary.Consent.Given", journey_value(j, "consent"));
	view_set(req, "Summary.Consent.By", journey_value(j, "consent_given_by"));
	view_set(req, "Summary.Consent.Name", trimmed(j, "consentor_name"));
	view_set(req, "Summary.Consent.Relationship", trimmed(j, "consentor_relationship"));

	view_set(req, "Summary.SendingOrg", p->sending_org_name);
	view_set_int(req, "Summary.Urgent", p->urgent);
	view_set(req, "Summary.UrgentChosen", journey_value(j, "urgent"));
	view_set_int(req, "Summary.UpdateDays", p->due.update_days);
	view_set_int(req, "Summary.CloseDays", p->due.close_days);
	/* "1 working day", "5 working days" */
	view_set(req, "Summary.UpdateWithin",
		 arena_printf(arena, "%lld working day%s", p->due.update_days,
			      p->due.update_days == 1 ? "" : "s"));
	view_set(req, "Summary.CloseWithin",
		 arena_printf(arena, "%lld working day%s", p->due.close_days,
			      p->due.close_days == 1 ? "" : "s"));
	view_set(req, "Summary.UpdateDue", page_long_date(arena, p->due.update_due));
	view_set(req, "Summary.CloseDue", page_long_date(arena, p->due.close_due));
	view_set_int(req, "Summary.ReferralCount", (long long)p->referral_count);
	view_set_int(req, "Summary.IssueCount", (long long)p->issue_count);
	for (size_t i = 0; i < p->issue_count; i++) {
		const struct plan_issue *issue = &p->issues[i];
		const char *at = arena_printf(arena, "Summary.Issues.%zu", i);
		view_set_int(req, arena_printf(arena, "%s.Id", at), issue->id);
		view_set(req, arena_printf(arena, "%s.Name", at), issue->name);
		view_set_int(req, arena_printf(arena, "%s.Retired", at), !issue->active);
		view_set_int(req, arena_printf(arena, "%s.ReceiverCount", at),
			     (long long)issue->receiver_count);
		for (size_t r = 0; r < issue->receiver_count; r++)
			view_set(req, arena_printf(arena, "%s.Receivers.%zu", at, r),
				 issue->receiver_names[r]);
		for (size_t a = 0; a < issue->answer_count; a++) {
			view_set(req, arena_printf(arena, "%s.Answers.%zu.Question", at, a),
				 issue->answers[a].question_text);
			/* multiple choice: one line each */
			const char *shown = issue->answer_display[a];
			size_t line = 0;
			for (const char *start = shown;; line++) {
				const char *end = strchr(start, '\n');
				view_set(req,
					 arena_printf(arena, "%s.Answers.%zu.Lines.%zu", at, a,
						      line),
					 end ? arena_strndup(arena, start, (size_t)(end - start))
					     : start);
				if (end == NULL)
					break;
				start = end + 1;
			}
		}
	}
	for (size_t n = 0; n < NOTIFY_COUNT; n++) {
		view_set(req, arena_printf(arena, "Summary.NotifyChoices.%zu.Value", n),
			 notify_choices[n][0]);
		view_set(req, arena_printf(arena, "Summary.NotifyChoices.%zu.Text", n),
			 notify_choices[n][1]);
	}
}

/* The send the plan describes. */
static void fill_send(struct journey *j, const struct plan *p, struct referral_send *send)
{
	struct request *req = j->req;
	struct referral_send_issue *issues =
		arena_zalloc(req->arena, (p->issue_count + 1) * sizeof *issues);
	for (size_t i = 0; i < p->issue_count; i++)
		issues[i] = (struct referral_send_issue){
			.issue_id = p->issues[i].id,
			.issue_name = p->issues[i].name,
			.receivers = p->issues[i].receivers,
			.receiver_count = p->issues[i].receiver_count,
			.answers = p->issues[i].answers,
			.answer_count = p->issues[i].answer_count,
		};
	*send = (struct referral_send){
		.draft_id = j->draft.id,
		.staff_id = req->session->staff_id,
		.draft_org_id = j->draft.organisation_id,
		.sending_org_id = p->sending_org_id,
		.remote_addr = req->remote_addr,
		.client_id = p->existing ? j->draft.client_id : 0,
		.new_client = p->existing ? NULL : &p->client,
		.today = p->today,
		.consent_by_client = p->consent_by_client,
		.consentor_name = trimmed(j, "consentor_name"),
		.consentor_relationship = trimmed(j, "consentor_relationship"),
		.urgent = p->urgent,
		.update_due = p->due.update_due,
		.close_due = p->due.close_due,
		.issues = issues,
		.issue_count = p->issue_count,
		.notify_acknowledged = p->notify[0],
		.notify_closed = p->notify[1],
		.notify_note_added = p->notify[2],
		.notify_file_added = p->notify[3],
		.notify_refused = p->notify[4],
		.notify_unresolved = p->notify[5],
	};
}

/* What stops the referral in words: one message per problem. */
static const char *problem_text(struct arena *arena, const struct referral_problem *problem)
{
	if (problem->org_id == 0)
		return arena_printf(arena,
				    "%s is no longer offered for new referrals: change the issues",
				    problem->issue_name);
	return arena_printf(arena, "%s cannot receive the referral for %s now: %s",
			    problem->org_name, problem->issue_name, problem->reason);
}

static bool has_error(struct request *req, const char *message)
{
	HDF *errors = hdf_get_obj(view_data(req), "Errors");
	for (HDF *e = errors ? hdf_obj_child(errors) : NULL; e; e = hdf_obj_next(e))
		if (strcmp(hdf_get_value(e, "Message", ""), message) == 0)
			return true;
	return false;
}

/* Whether the client is known well enough for eligibility (their steps are complete). */
static bool client_complete(const struct journey *j, const struct plan *p,
			    const bool incomplete[STEP__MAX])
{
	if (p->existing)
		return p->known;
	return !incomplete[STEP_FIND] && !incomplete[STEP_CLIENT] && !incomplete[STEP_ADDRESS];
}

/* Says what would stop the send now (the receivers' eligibility and capacity as they are):
 * beside the receivers and in the error summary. False when the database failed. */
static bool show_problems(struct journey *j, const struct plan *p)
{
	struct request *req = j->req;
	if (p->sending_org_id == 0 || p->issue_count == 0)
		return true;
	struct referral_send send;
	fill_send(j, p, &send);
	struct referral_send_result result;
	enum db_status status = referral_send_check(req->arena, &send, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	for (size_t i = 0; i < result.problem_count; i++) {
		const char *text = problem_text(req->arena, &result.problems[i]);
		view_set(req, arena_printf(req->arena, "Summary.Problems.%zu", i), text);
		if (!has_error(req, text))
			form_error(req, "receivers-problems", text);
	}
	return true;
}

void journey_summary_prepare(struct journey *j)
{
	struct request *req = j->req;
	/* errors the POST left (a refused send) stay; the steps' own messages do not */
	struct kept_error *kept;
	size_t kept_count = take_errors(req, &kept);
	bool incomplete[STEP__MAX];
	bool complete = false;
	if (!check_steps(j, incomplete, &complete))
		return;
	clear_errors(req);
	for (size_t e = 0; e < kept_count; e++)
		if (strncmp(kept[e].field, "section-", 8) != 0)
			form_error(req, kept[e].field, kept[e].message);
	for (int s = 0; s < STEP__MAX; s++) {
		if (!incomplete[s])
			continue;
		const char *slug = journey_steps[s].slug;
		view_set_int(req, arena_printf(req->arena, "Summary.Incomplete.%s", slug), 1);
		form_error(req, arena_printf(req->arena, "section-%s", slug),
			   incomplete_messages[s]);
	}
	view_set_int(req, "Summary.Complete", complete);
	struct plan plan;
	if (!make_plan(j, &plan))
		return;
	set_plan(j, &plan);
	if (client_complete(j, &plan, incomplete))
		show_problems(j, &plan);
}

/* ---- sending ---- */

/* The refusal as the page shows it: at the top, and in the error summary. */
static void refuse(struct journey *j, const char *message)
{
	view_set(j->req, "Summary.Refused", message);
	form_error(j->req, "send-refused", message);
}

/* Sends the draft. True when the response is set (the client's Referrals tab, or an error
 * page); false when the send was refused: the summary shows again with the reasons. */
static bool summary_send(struct journey *j)
{
	struct request *req = j->req;
	struct plan p;
	if (!make_plan(j, &p))
		return true;
	if (p.existing && !p.known) {
		refuse(j, "The client chosen for this referral no longer exists: find the client "
			  "again");
		return false;
	}
	bool member = false;
	enum db_status status =
		staff_is_member(req->arena, req->session->staff_id, p.sending_org_id, &member);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return true;
	}
	if (!member) {
		refuse(j, "You can only send referrals from an organisation you belong to: change "
			  "the sending organisation");
		return false;
	}
	struct referral_send send;
	fill_send(j, &p, &send);
	struct referral_send_result result;
	status = referral_send(req->arena, &send, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return true;
	}
	switch (result.outcome) {
	case REFERRAL_SEND_DONE:
		log_info("referral sent: draft %lld, client %lld, %zu groups, %zu referrals",
			 j->draft.id, result.client_id, result.groups, result.referrals);
		/* fall through */
	case REFERRAL_SEND_ALREADY_SENT:
		http_redirect(req, arena_printf(req->arena, "/clients/%lld/referrals?sent=1",
						result.client_id));
		return true;
	case REFERRAL_SEND_NOT_FOUND:
		view_error(req, 404,
			   "There is no such referral in progress for you and this organisation.");
		return true;
	case REFERRAL_SEND_REFUSED:
		log_info("referral send refused: draft %lld, %zu problems, first: %s", j->draft.id,
			 result.problem_count,
			 result.problem_count ? problem_text(req->arena, &result.problems[0]) : "");
		view_set(req, "Summary.Refused",
			 "Nothing has been sent. Fix the problems below, then send the referral "
			 "again.");
		for (size_t i = 0; i < result.problem_count; i++)
			form_error(req, "receivers-problems",
				   problem_text(req->arena, &result.problems[i]));
		return false;
	case REFERRAL_SEND_CLIENT_GONE:
		refuse(j, "The client chosen for this referral no longer exists: find the client "
			  "again");
		return false;
	}
	return false;
}

/* The summary's POST (also reached as /drafts/N/send): every step complete, then the send.
 * The send happens here rather than in an after_post because a refused send must show the
 * summary again, with the reason, as a failed validation does. */
bool journey_summary_validate(struct journey *j)
{
	struct request *req = j->req;
	bool incomplete[STEP__MAX];
	bool complete = false;
	if (!check_steps(j, incomplete, &complete))
		return true; /* the database failed: the error page is set */
	if (!complete)
		return false; /* prepare names the sections */
	if (req->method == HTTP_POST && j->step == STEP_SUMMARY)
		return summary_send(j);
	return true;
}

/* POST /drafts/N/send: the summary's form. The same as posting the summary step. */
void page_draft_send(struct request *req)
{
	req->captures[1] = "summary";
	page_draft_step_post(req);
}
