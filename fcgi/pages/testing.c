/* Routes for the test suite only (Referrals.Testing = 1): every error page on demand, a
 * slow request (GET or a form's POST) to prove that SIGTERM lets requests in flight finish and
 * that nginx passes on to another host only what is safe to, and clients created the
 * way the send of a referral creates them. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../http.h"
#include "../json.h"
#include "../render.h"
#include "../model/client.h"
#include "pages.h"

void page_test_status(struct request *req)
{
	int status = atoi(req->captures[0]);
	switch (status) {
	case 400:
	case 403:
	case 404:
	case 405:
	case 409:
	case 413:
	case 429:
	case 500:
	case 503:
		if (status == 405)
			http_header_add(req, "Allow", "GET");
		view_error(req, status, NULL);
		break;
	default:
		view_error(req, 404, NULL);
	}
}

void page_test_sleep(struct request *req)
{
	long ms = atol(req->captures[0]);
	struct timespec pause = { ms / 1000, (ms % 1000) * 1000000L };
	/* SIGTERM is blocked during a request, so this sleep is not cut short by it */
	while (nanosleep(&pause, &pause) != 0)
		;
	req->status = 200;
	http_header_add(req, "Content-Type", "text/plain; charset=utf-8");
	http_body_puts(req, "slept\n");
}

/* ---- clients ---- */

struct test_client_work {
	struct client client;
	long long staff_id;
	const char **orgs;
	size_t org_count;
	long long id;
};

static enum db_status test_client_work(struct arena *arena, void *context)
{
	struct test_client_work *work = context;
	enum db_status status = client_create(arena, &work->client, work->staff_id, &work->id);
	for (size_t i = 0; i < work->org_count && status == DB_OK; i++)
		status = client_grant_visibility(arena, work->id, page_parse_id(work->orgs[i]));
	return status;
}

static const char *form_or_empty(const struct request *req, const char *name)
{
	const char *value = http_form(req, name);
	return value != NULL ? value : "";
}

/* Creates a client as the send of a referral does (client_create, then visibility for each
 * organisation, in one transaction), from fields named after the columns of clients, plus
 * created_by (a staff id) and org (repeated: organisation ids that may see the client).
 * Answers {"id": N}. The values are stored as given: the tests choose them. */
void page_test_client_create(struct request *req)
{
	struct test_client_work work = { 0 };
	struct client *c = &work.client;
	c->first_name = form_or_empty(req, "first_name");
	c->last_name = form_or_empty(req, "last_name");
	c->date_of_birth = form_or_empty(req, "date_of_birth");
	c->title_id = page_parse_id(http_form(req, "title_id"));
	c->pronoun_id = page_parse_id(http_form(req, "pronoun_id"));
	c->gender_id = page_parse_id(http_form(req, "gender_id"));
	c->gender_description = form_or_empty(req, "gender_description");
	c->email = form_or_empty(req, "email");
	c->phone = form_or_empty(req, "phone");
	c->alt_phone = form_or_empty(req, "alt_phone");
	c->contact_email = http_form(req, "contact_email") != NULL;
	c->contact_phone = http_form(req, "contact_phone") != NULL;
	c->contact_sms = http_form(req, "contact_sms") != NULL;
	c->contact_voicemail = http_form(req, "contact_voicemail") != NULL;
	c->contact_post = http_form(req, "contact_post") != NULL;
	c->nhs_number = form_or_empty(req, "nhs_number");
	c->gp_practice_name = form_or_empty(req, "gp_practice_name");
	c->gp_ods_code = form_or_empty(req, "gp_ods_code");
	c->address_line1 = form_or_empty(req, "address_line1");
	c->address_line2 = form_or_empty(req, "address_line2");
	c->town = form_or_empty(req, "town");
	c->postcode = form_or_empty(req, "postcode");
	c->no_fixed_abode = http_form(req, "no_fixed_abode") != NULL;
	c->local_authority_id = page_parse_id(http_form(req, "local_authority_id"));
	work.staff_id = page_parse_id(http_form(req, "created_by"));
	work.orgs = arena_zalloc(req->arena, (req->form.count + 1) * sizeof *work.orgs);
	for (size_t i = 0; i < req->form.count; i++)
		if (strcmp(req->form.items[i].name, "org") == 0)
			work.orgs[work.org_count++] = req->form.items[i].value;
	struct valid_date dob;
	if (work.staff_id == 0 || valid_date_parse_iso(c->date_of_birth, &dob) != NULL) {
		http_json_error(req, 400, "invalid",
				"first_name, last_name, date_of_birth and created_by are needed",
				NULL);
		return;
	}
	enum db_status status = db_transaction(req->arena, test_client_work, &work);
	struct json json;
	if (!page_json_begin(req, status, &json))
		return;
	json_member_int(&json, "id", work.id);
	json_object_end(&json);
	http_json(req, 200, &json);
}
