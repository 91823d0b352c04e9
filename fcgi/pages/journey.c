/* The referral journey's machinery: starting, resuming and discarding drafts, and the step
 * cycle (GET shows the step with everything saved; POST saves, validates, moves on). */
#include "journey.h"

#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../log.h"
#include "../render.h"
#include "../session.h"
#include "access.h"
#include "pages.h"

const struct journey_step_def journey_steps[STEP__MAX] = {
	[STEP_FIND] = { "find", "Find the client", "pages/journey/find.cs", journey_find_fields,
			journey_find_prepare, journey_find_validate, journey_find_after },
	[STEP_CLIENT] = { "client", "Client details", "pages/journey/client.cs",
			  journey_client_fields, journey_client_prepare, journey_client_validate,
			  NULL },
	[STEP_ADDRESS] = { "address", "Address and local authority", "pages/journey/address.cs",
			   journey_address_fields, journey_address_prepare,
			   journey_address_validate, NULL },
	[STEP_CONSENT] = { "consent", "Consent", "pages/journey/consent.cs", journey_consent_fields,
			   journey_consent_prepare, journey_consent_validate, NULL },
	[STEP_DETAILS] = { "details", "Referral details", "pages/journey/details.cs",
			   journey_details_fields, journey_details_prepare,
			   journey_details_validate, NULL },
	[STEP_RECEIVERS] = { "receivers", "Receiving organisations", "pages/journey/receivers.cs",
			     journey_receivers_fields, journey_receivers_prepare,
			     journey_receivers_validate, NULL },
	[STEP_QUESTIONS] = { "questions", "Questionnaire", "pages/journey/questions.cs",
			     journey_questions_fields, journey_questions_prepare,
			     journey_questions_validate, NULL },
	[STEP_SUMMARY] = { "summary", "Check your answers before sending",
			   "pages/journey/summary.cs", journey_summary_fields,
			   journey_summary_prepare, journey_summary_validate, NULL },
};

static enum journey_step step_by_slug(const char *slug)
{
	for (int s = 0; s < STEP__MAX; s++)
		if (strcmp(journey_steps[s].slug, slug) == 0)
			return (enum journey_step)s;
	return STEP_FIND;
}

const char *journey_value(const struct journey *j, const char *name)
{
	const char *value = req_field_get(&j->draft.values, name);
	return value ? value : "";
}

const char **journey_values(const struct journey *j, const char *name, size_t *count)
{
	const struct req_fields *values = &j->draft.values;
	const char **out = arena_alloc(j->req->arena, (values->count + 1) * sizeof *out);
	*count = 0;
	for (size_t i = 0; i < values->count; i++)
		if (strcmp(values->items[i].name, name) == 0)
			out[(*count)++] = values->items[i].value;
	out[*count] = NULL;
	return out;
}

bool journey_existing_client(const struct journey *j)
{
	return j->draft.client_id != 0;
}

const char *journey_path(const struct journey *j, enum journey_step step)
{
	return arena_printf(j->req->arena, "/drafts/%lld/%s", j->draft.id,
			    journey_steps[step].slug);
}

/* With an existing client, the client's details and address are theirs already. */
static bool step_applies(const struct journey *j, enum journey_step step)
{
	return !(journey_existing_client(j) && (step == STEP_CLIENT || step == STEP_ADDRESS));
}

static enum journey_step next_step(const struct journey *j, enum journey_step step)
{
	enum journey_step next = step;
	do
		next = (enum journey_step)(next + 1);
	while (next < STEP_SUMMARY && !step_applies(j, next));
	return next;
}

static enum journey_step previous_step(const struct journey *j, enum journey_step step)
{
	enum journey_step previous = step;
	while (previous > STEP_FIND) {
		previous = (enum journey_step)(previous - 1);
		if (step_applies(j, previous))
			break;
	}
	return previous;
}

void journey_continue(struct journey *j)
{
	bool changing = http_form(j->req, "change") != NULL && j->step != STEP_SUMMARY;
	enum journey_step next = changing ? STEP_SUMMARY : next_step(j, j->step);
	if (next >= STEP__MAX) /* the summary has no step after it */
		next = STEP_SUMMARY;
	http_redirect(j->req, journey_path(j, next));
}

bool journey_load(struct request *req, struct journey *j)
{
	memset(j, 0, sizeof *j);
	j->req = req;
	bool found = false;
	enum db_status status =
		draft_find(req->arena, page_parse_id(req->captures[0]), req->session->staff_id,
			   req->session->org_id, &j->draft, &found);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	if (!found) {
		/* someone else's draft, another organisation's, or gone: all the same to the user
		 */
		view_error(req, 404,
			   "There is no such referral in progress for you and this "
			   "organisation. It may have been sent, discarded or expired.");
		return false;
	}
	return true;
}

/* Replaces the values of names in j's copy to match fields. */
static void merge_values(struct journey *j, const char *const *names, size_t count,
			 const struct req_fields *fields)
{
	struct req_fields *values = &j->draft.values;
	struct req_fields merged = { 0 };
	merged.items = arena_alloc(j->req->arena,
				   (values->count + fields->count + 1) * sizeof *merged.items);
	for (size_t i = 0; i < values->count; i++) {
		bool replaced = false;
		for (size_t n = 0; n < count && !replaced; n++)
			replaced = strcmp(values->items[i].name, names[n]) == 0;
		if (!replaced)
			merged.items[merged.count++] = values->items[i];
	}
	for (size_t f = 0; f < fields->count; f++)
		for (size_t n = 0; n < count; n++)
			if (strcmp(fields->items[f].name, names[n]) == 0) {
				merged.items[merged.count++] = fields->items[f];
				break;
			}
	merged.capacity = merged.count;
	*values = merged;
}

bool journey_store(struct journey *j, const char *const *names, size_t count,
		   const struct req_fields *fields, enum journey_step step)
{
	enum db_status status = draft_save(j->req->arena, j->draft.id, names, count, fields,
					   journey_steps[step].slug);
	if (status != DB_OK) {
		page_database_failed(j->req, status);
		return false;
	}
	merge_values(j, names, count, fields);
	return true;
}

/* Every saved value goes back into the form, so each page shows what was entered. */
static void keep_values(struct journey *j)
{
	const struct req_fields *values = &j->draft.values;
	for (size_t i = 0; i < values->count; i++) {
		const char *name = values->items[i].name;
		size_t position = 0;
		for (size_t k = 0; k < i; k++)
			position += strcmp(values->items[k].name, name) == 0;
		/* single values as Form.<name>; every value also as Form.<name>.N for lists */
		if (position == 0)
			form_keep(j->req, name, values->items[i].value);
		view_set(j->req, arena_printf(j->req->arena, "Form.%s.%zu", name, position),
			 values->items[i].value);
	}
}

static void show_step(struct journey *j, int status)
{
	const struct journey_step_def *def = &journey_steps[j->step];
	struct request *req = j->req;
	keep_values(j);
	view_set_int(req, "Draft.Id", j->draft.id);
	view_set_int(req, "Draft.ExistingClient", journey_existing_client(j));
	view_set(req, "Draft.Step", def->slug);
	view_set(req, "Draft.Back",
		 j->step == STEP_FIND ? "/drafts" : journey_path(j, previous_step(j, j->step)));
	if (http_query(req, "change") != NULL || http_form(req, "change") != NULL)
		view_set(req, "Draft.Change", "1");
	for (int s = 0; s < STEP__MAX; s++)
		view_set(req, arena_printf(req->arena, "Draft.Steps.%s", journey_steps[s].slug),
			 journey_path(j, (enum journey_step)s));
	if (def->prepare != NULL)
		def->prepare(j);
	if (req->status != 0)
		return; /* prepare answered itself (a database failure) */
	view_render(req, status, def->template, def->title);
}

void page_draft_step(struct request *req)
{
	struct journey j;
	if (!journey_load(req, &j))
		return;
	j.step = step_by_slug(req->captures[1]);
	if (j.draft.sent) {
		http_redirect(req, arena_printf(req->arena, "/clients/%lld/referrals",
						j.draft.client_id));
		return;
	}
	if (!step_applies(&j, j.step)) {
		http_redirect(req, journey_path(&j, next_step(&j, j.step)));
		return;
	}
	page_access(req, ACCESS_DRAFT, j.draft.client_id); /* issue 15 (none for a new client) */
	show_step(&j, 200);
}

void page_draft_step_post(struct request *req)
{
	struct journey j;
	if (!journey_load(req, &j))
		return;
	j.step = step_by_slug(req->captures[1]);
	if (j.draft.sent) {
		/* a second Send (a double click, a replay) lands where the first did */
		http_redirect(req, arena_printf(req->arena, "/clients/%lld/referrals%s",
						j.draft.client_id,
						j.step == STEP_SUMMARY ? "?sent=1" : ""));
		return;
	}
	const struct journey_step_def *def = &journey_steps[j.step];
	size_t count = 0;
	const char *const *names = def->fields(&j, &count);
	/* saved before it is checked: a validation error must never cost what was typed */
	if (!journey_store(&j, names, count, &req->form, j.step))
		return;
	if (!def->validate(&j)) {
		show_step(&j, 400);
		return;
	}
	if (req->status != 0)
		return;
	if (def->after_post != NULL && def->after_post(&j))
		return;
	journey_continue(&j);
}

/* A draft's last change as people say it, in the local clock: "today at 14:05", "yesterday at
 * 09:12", else "3 December 2026 at 14:05" (issue 12). */
static const char *friendly_time(struct arena *arena, const char *utc)
{
	struct tm local;
	if (!page_local_tm(utc, &local))
		return utc;
	struct valid_date today = page_today();
	struct tm noon = { .tm_year = today.year - 1900,
			   .tm_mon = today.month - 1,
			   .tm_mday = today.day - 1,
			   .tm_hour = 12,
			   .tm_isdst = -1 };
	mktime(&noon); /* yesterday, normalised across a month's or year's end */
	const char *day = NULL;
	if (local.tm_year + 1900 == today.year && local.tm_mon + 1 == today.month &&
	    local.tm_mday == today.day)
		day = "today";
	else if (local.tm_year == noon.tm_year && local.tm_mon == noon.tm_mon &&
		 local.tm_mday == noon.tm_mday)
		day = "yesterday";
	else
		day = page_long_date(arena,
				     arena_printf(arena, "%04d-%02d-%02d", local.tm_year + 1900,
						  local.tm_mon + 1, local.tm_mday));
	return arena_printf(arena, "%s at %02d:%02d", day, local.tm_hour, local.tm_min);
}

/* The drafts as Drafts.N.{Id,Client,Step,Updated}; false when the database failed (answered). */
static bool set_drafts(struct request *req)
{
	struct draft_list drafts;
	enum db_status status =
		draft_list_open(req->arena, req->session->staff_id, req->session->org_id, &drafts);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	for (size_t i = 0; i < drafts.count; i++) {
		view_set_int(req, arena_printf(req->arena, "Drafts.%zu.Id", i), drafts.items[i].id);
		view_set(req, arena_printf(req->arena, "Drafts.%zu.Client", i),
			 drafts.items[i].client_name);
		view_set(req, arena_printf(req->arena, "Drafts.%zu.Step", i), drafts.items[i].step);
		view_set(req, arena_printf(req->arena, "Drafts.%zu.Updated", i),
			 friendly_time(req->arena, drafts.items[i].updated_at));
	}
	return true;
}

/* "New referral": the find step itself, before any draft (issue 12 point 8): the search and
 * its results; a draft is made when a client is chosen. From a client's profile (?client=N),
 * the page that starts a referral for them. */
void page_referral_start(struct request *req)
{
	if (!set_drafts(req))
		return;
	long long client_id = page_parse_id(http_query(req, "client"));
	if (client_id != 0) {
		view_set_int(req, "Start.ClientId", client_id);
		view_render(req, 200, "pages/journey/start.cs", "New referral");
		return;
	}
	if (!journey_find_start(req))
		return;
	view_set(req, "Draft.Back", "/");
	view_set(req, "Draft.Step", "find");
	view_render(req, form_has_errors(req) ? 400 : 200, "pages/journey/find.cs",
		    journey_steps[STEP_FIND].title);
}

/* Referrals in progress: the signed-in staff member's drafts for this organisation. */
void page_drafts(struct request *req)
{
	if (!set_drafts(req))
		return;
	if (http_query(req, "discarded") != NULL)
		view_set(req, "Query.discarded", "1");
	view_render(req, 200, "pages/journey/start.cs", "Referrals in progress");
}

void page_referral_create(struct request *req)
{
	if (http_form(req, "first_name") != NULL) { /* a choice from the search: the draft now */
		long long id = 0;
		enum journey_step next;
		if (journey_find_choose_new(req, &id, &next))
			http_redirect(req, arena_printf(req->arena, "/drafts/%lld/%s", id,
							journey_steps[next].slug));
		return;
	}
	long long client_id = page_parse_id(http_form(req, "client_id"));
	if (client_id != 0 && !journey_client_visible(req, client_id)) {
		view_error(req, 404, "There is no such client.");
		return;
	}
	if (client_id != 0 && !journey_client_not_removed(req, client_id))
		return;
	/* Old unsent drafts go when new ones start: one indexed delete, no job to schedule. */
	enum db_status status = draft_expire(req->arena);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	long long id = 0;
	status = draft_create(req->arena, req->session->staff_id, req->session->org_id, client_id,
			      &id);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/drafts/%lld/%s", id,
					client_id ? "consent" : "find"));
}

void page_draft_discard(struct request *req)
{
	bool found = false;
	enum db_status status = draft_discard(req->arena, page_parse_id(req->captures[0]),
					      req->session->staff_id, req->session->org_id, &found);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (!found) {
		view_error(req, 404, "There is no such referral in progress.");
		return;
	}
	http_redirect(req, "/drafts?discarded=1");
}
