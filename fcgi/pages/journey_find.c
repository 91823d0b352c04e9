/* The journey's first step: find the client by first name, last name and date of birth.
 * Exact matches come from every client (only enough to confirm identity is shown); close
 * matches only from clients the organisation can already see. Choosing one is checked
 * again on the server, so a guessed id cannot attach someone else's client. */
#include "journey.h"

#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../log.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/client.h"
#include "../model/draft.h"
#include "../model/redaction.h"
#include "pages.h"
#include "privacy.h"

/* The find step's "none of these: a new client" answer (views/pages/journey/find.cs). */
#define NEW_CLIENT_CHOICE "new"

static const char *const find_fields[] = { "first_name", "last_name", "dob_day", "dob_month",
					   "dob_year" };

const char *const *journey_find_fields(struct journey *j, size_t *count)
{
	*count = sizeof find_fields / sizeof find_fields[0];
	return find_fields;
}

/* The typed name and date when they are all valid (the date in *dob). */
static bool typed_person(struct journey *j, bool report, struct valid_date *dob)
{
	bool ok = true;
	const char *error = valid_person_name(journey_value(j, "first_name"), NULL);
	if (error != NULL) {
		ok = false;
		if (report)
			form_error(j->req, "first_name",
				   strcmp(journey_value(j, "first_name"), "") == 0
					   ? "Enter the client’s first name"
					   : error);
	}
	error = valid_person_name(journey_value(j, "last_name"), NULL);
	if (error != NULL) {
		ok = false;
		if (report)
			form_error(j->req, "last_name",
				   strcmp(journey_value(j, "last_name"), "") == 0
					   ? "Enter the client’s last name"
					   : error);
	}
	error = valid_date_of_birth(journey_value(j, "dob_day"), journey_value(j, "dob_month"),
				    journey_value(j, "dob_year"), page_today(), dob);
	if (error != NULL) {
		ok = false;
		if (report)
			form_error(j->req, "dob", error);
	}
	return ok;
}

bool journey_find_validate(struct journey *j)
{
	struct valid_date dob;
	return typed_person(j, true, &dob);
}

static void show_matches(struct request *req, const char *prefix,
			 const struct client_match_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		const struct client_match *m = &list->items[i];
		const char *at = arena_printf(req->arena, "%s.%zu", prefix, i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", at), m->id);
		view_set(req, arena_printf(req->arena, "%s.Name", at),
			 arena_printf(req->arena, "%s %s", m->first_name, m->last_name));
		view_set(req, arena_printf(req->arena, "%s.Born", at),
			 page_long_date(req->arena, m->date_of_birth));
		view_set(req, arena_printf(req->arena, "%s.Area", at), m->outward_code);
		view_set(req, arena_printf(req->arena, "%s.Town", at), m->town);
		view_set_int(req, arena_printf(req->arena, "%s.Known", at), m->visible);
		view_set(req, arena_printf(req->arena, "%s.Reason", at), m->reason_text);
	}
}

/* Looks the typed person up (once the name and date are valid). */
static enum db_status search(struct journey *j, struct client_match_list *exact,
			     struct client_match_list *close)
{
	struct valid_date dob;
	exact->count = close->count = 0;
	if (!typed_person(j, false, &dob))
		return DB_OK;
	char iso[VALID_DATE_ISO_SIZE];
	valid_date_to_iso(dob, iso);
	struct request *req = j->req;
	enum db_status status =
		client_find_exact(req->arena, req->session->org_id, journey_value(j, "first_name"),
				  journey_value(j, "last_name"), iso, exact);
	if (status == DB_OK)
		status = client_find_close(req->arena, req->session->org_id,
					   journey_value(j, "first_name"),
					   journey_value(j, "last_name"), dob, close);
	return status;
}

void journey_find_prepare(struct journey *j)
{
	struct request *req = j->req;
	if (strcmp(j->draft.step, "find") != 0 || http_query(req, "searched") == NULL)
		return; /* the results show after a search, not on the way back from later steps */
	struct client_match_list exact, close;
	enum db_status status = search(j, &exact, &close);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	view_set(req, "Find.Searched", "1");
	show_matches(req, "Find.Exact", &exact);
	show_matches(req, "Find.Close", &close);
}

bool journey_find_after(struct journey *j)
{
	/* show the results on this page; the user then chooses a client or a new one */
	http_redirect(j->req,
		      arena_printf(j->req->arena, "%s?searched=1", journey_path(j, STEP_FIND)));
	return true;
}

bool journey_client_not_removed(struct request *req, long long client_id)
{
	const char *redacted_at, *kind;
	enum db_status status = redaction_of_client(req->arena, client_id, &redacted_at, &kind);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	if (redacted_at != NULL) {
		page_client_removed(req, redacted_at, kind,
				    arena_printf(req->arena, "/clients/%lld", client_id));
		return false;
	}
	return true;
}

static bool in_list(const struct client_match_list *list, long long id);

/* ---- the find step before any draft (issue 12 point 8) ----
 * "New referral" opens the search itself: searching keeps nothing; a draft is made only when a
 * client (or a new one) is chosen, with what was typed. */

/* A journey without a draft whose values are fields (the query or the form). */
static struct journey draftless(struct request *req, const struct req_fields *fields)
{
	struct journey j;
	memset(&j, 0, sizeof j);
	j.req = req;
	j.step = STEP_FIND;
	j.draft.step = "find";
	j.draft.values = *fields;
	return j;
}

bool journey_find_start(struct request *req)
{
	struct journey j = draftless(req, &req->query);
	bool searched = http_query(req, "first_name") != NULL;
	for (size_t i = 0; i < sizeof find_fields / sizeof find_fields[0]; i++)
		form_keep(req, find_fields[i], journey_value(&j, find_fields[i]));
	if (!searched)
		return true;
	struct valid_date dob;
	if (!typed_person(&j, true, &dob))
		return true;
	struct client_match_list exact, close;
	enum db_status status = search(&j, &exact, &close);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	view_set(req, "Find.Searched", "1");
	show_matches(req, "Find.Exact", &exact);
	show_matches(req, "Find.Close", &close);
	return true;
}

bool journey_find_choose_new(struct request *req, long long *draft_id, enum journey_step *next)
{
	struct journey j = draftless(req, &req->form);
	const char *choice = http_form(req, "client_id");
	bool new_client = choice != NULL && strcmp(choice, NEW_CLIENT_CHOICE) == 0;
	long long client_id = page_parse_id(choice);
	struct client_match_list exact = { 0 }, close = { 0 };
	enum db_status status = search(&j, &exact, &close);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	struct valid_date dob;
	if (!typed_person(&j, false, &dob) ||
	    (!new_client &&
	     (client_id == 0 || !(in_list(&exact, client_id) || in_list(&close, client_id))))) {
		view_error(req, 404,
			   "That client was not among the matches for the name and date of birth "
			   "entered. Search again.");
		return false;
	}
	status = draft_expire(req->arena); /* old unsent drafts go as new ones start */
	if (status == DB_OK)
		status = draft_create(req->arena, req->session->staff_id, req->session->org_id,
				      new_client ? 0 : client_id, draft_id);
	if (status == DB_OK)
		status = draft_save(req->arena, *draft_id, find_fields,
				    sizeof find_fields / sizeof find_fields[0], &req->form, "find");
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	*next = new_client ? STEP_CLIENT : STEP_CONSENT;
	return true;
}

bool journey_client_visible(struct request *req, long long client_id)
{
	bool visible = req->session->is_admin;
	if (!visible &&
	    client_is_visible(req->arena, client_id, req->session->org_id, &visible) != DB_OK)
		return false;
	return visible;
}

static bool in_list(const struct client_match_list *list, long long id)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].id == id)
			return true;
	return false;
}

void page_draft_choose_client(struct request *req)
{
	struct journey j;
	if (!journey_load(req, &j))
		return;
	if (j.draft.sent) {
		http_redirect(req, arena_printf(req->arena, "/clients/%lld/referrals",
						j.draft.client_id));
		return;
	}
	const char *choice = http_form(req, "client_id");
	long long client_id = page_parse_id(choice);
	if (choice != NULL && strcmp(choice, NEW_CLIENT_CHOICE) == 0) {
		enum db_status status = draft_set_client(req->arena, j.draft.id, 0);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
		http_redirect(req, journey_path(&j, STEP_CLIENT));
		return;
	}
	/* Only a client offered for what was typed: exact across everyone, close among the
	 * organisation's own. Anything else is refused as if it did not exist. */
	struct client_match_list exact, close;
	enum db_status status = search(&j, &exact, &close);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (client_id == 0 || !(in_list(&exact, client_id) || in_list(&close, client_id))) {
		view_error(req, 404,
			   "That client was not among the matches for the name and date of birth "
			   "entered. Search again.");
		return;
	}
	status = draft_set_client(req->arena, j.draft.id, client_id);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	j.draft.client_id = client_id;
	http_redirect(req, journey_path(&j, STEP_CONSENT));
}
