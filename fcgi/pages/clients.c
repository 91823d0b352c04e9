/* Clients: the client list (search, pages), the profile with its Details and Referrals tabs,
 * the JSON client search of the find step, and a Testing-only route that creates clients the
 * way the send of a referral does (for the tests). */
#include "clients.h"
#include "notes.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../json.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../vocabulary.h"
#include "../model/client.h"
#include "../model/organisation.h"
#include "../model/postcode.h"
#include "../model/reference.h"
#include "../model/referral.h"
#include "../model/referral_access.h"
#include "../model/settings.h"
#include "pages.h"

/* ---- shared ---- */

static struct valid_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return (struct valid_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* Percent-encodes text for a query string value. */
static const char *query_encode(struct arena *arena, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(arena, strlen(text) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

static void set_text(struct request *req, const char *prefix, const char *name, const char *value)
{
	view_set(req, arena_printf(req->arena, "%s.%s", prefix, name), value);
}

static void set_int(struct request *req, const char *prefix, const char *name, long long value)
{
	view_set_int(req, arena_printf(req->arena, "%s.%s", prefix, name), value);
}

/* The client of the path's id, if the active organisation may see it (administrators see
 * every client). Otherwise the 404 page, exactly as for an id that does not exist, and false.
 * While consent has expired (client->consent_expired) only the profile and the Referrals tab
 * show the client, restricted (expired_ok); anything else gets the 403 page. */
static bool load_client_as(struct request *req, struct client *client, bool expired_ok)
{
	long long id = page_parse_id(req->captures[0]);
	bool found = false;
	if (id > 0) {
		struct scope scope = page_scope(req);
		enum db_status status = client_get_visible(req->arena, id, &scope, client, &found);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return false;
		}
	}
	if (!found) {
		view_error(req, 404, NULL);
		return false;
	}
	if (client->consent_expired && !expired_ok) {
		page_consent_expired(req, arena_printf(req->arena, "/clients/%lld", id));
		return false;
	}
	return true;
}

static bool load_client(struct request *req, struct client *client)
{
	return load_client_as(req, client, false);
}

static const char *full_name(struct arena *arena, const char *first, const char *last)
{
	return arena_printf(arena, "%s %s", first, last);
}

/* ---- the client list ---- */

#define SEARCH_MAX 100 /* characters of a search that are used */

static void set_pagination(struct request *req, const char *base, long long page, long long pages)
{
	if (pages <= 1)
		return;
	const char *app = req->config->base_path;
	const char *joiner = strchr(base, '?') != NULL ? "&" : "?";
	if (page > 1)
		view_set(req, "Pagination.Prev",
			 arena_printf(req->arena, "%s%s%spage=%lld", app, base, joiner, page - 1));
	if (page < pages)
		view_set(req, "Pagination.Next",
			 arena_printf(req->arena, "%s%s%spage=%lld", app, base, joiner, page + 1));
	int n = 0;
	bool in_gap = false;
	for (long long p = 1; p <= pages; p++) {
		const char *prefix = arena_printf(req->arena, "Pagination.Pages.%d", n);
		if (p != 1 && p != pages && (p < page - 2 || p > page + 2)) {
			if (!in_gap) {
				set_int(req, prefix, "Ellipsis", 1);
				n++;
			}
			in_gap = true;
			continue;
		}
		in_gap = false;
		set_int(req, prefix, "Number", p);
		set_text(req, prefix, "Href",
			 arena_printf(req->arena, "%s%s%spage=%lld", app, base, joiner, p));
		set_int(req, prefix, "Current", p == page);
		n++;
	}
}

/* ?page=: 1 when absent or not a number; a number too large to read is the last page. */
static long long page_number(const char *text)
{
	if (text == NULL || text[0] == '\0')
		return 1;
	for (const char *p = text; *p; p++)
		if (*p < '0' || *p > '9')
			return 1;
	long long page = page_parse_id(text);
	return page == 0 && strlen(text) > 18 ? CLIENT_PAGE_MAX : page;
}

void page_clients(struct request *req)
{
	const char *query = http_query(req, "q");
	char search[SEARCH_MAX * 4 + 1];
	int status_code = 200;
	if (query == NULL || !valid_trim(query, search, sizeof search)) {
		search[0] = '\0';
	}
	if (query != NULL && valid_text_length(query, 0, SEARCH_MAX) != VALID_LENGTH_OK) {
		/* refused, but kept in the box to be shortened; the list shows every client */
		form_error(req, "q", "Search must be 100 characters or fewer");
		status_code = 400;
		search[0] = '\0';
	}
	bool see_all = req->session->is_admin;
	struct client_page found;
	enum db_status status = client_list_visible(req->arena, req->session->org_id, see_all,
						    search, page_number(http_query(req, "page")), &found);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < found.count; i++) {
		const struct client_summary *c = &found.items[i];
		const char *prefix = arena_printf(req->arena, "Clients.%zu", i);
		set_int(req, prefix, "Id", c->id);
		set_text(req, prefix, "Name", full_name(req->arena, c->first_name, c->last_name));
		set_text(req, prefix, "DateOfBirth", page_long_date(req->arena, c->date_of_birth));
		set_text(req, prefix, "Email", c->email);
		set_text(req, prefix, "Postcode", c->postcode);
		set_text(req, prefix, "Town", c->town);
		set_int(req, prefix, "NoFixedAbode", c->no_fixed_abode);
	}
	view_set(req, "Search.Query", search);
	form_keep(req, "q", status_code == 400 ? query : search);
	view_set_int(req, "Search.Total", found.total);
	if (found.total > (long long)CLIENT_PAGE_MAX * CLIENT_PAGE_SIZE)
		view_set(req, "Search.MoreThan",
			 page_thousands(req->arena, (long long)CLIENT_PAGE_MAX * CLIENT_PAGE_SIZE));
	view_set_int(req, "Search.Page", found.page);
	view_set_int(req, "Search.Pages", found.pages);
	view_set_int(req, "SeeAll", see_all);
	set_pagination(req, search[0] ? arena_printf(req->arena, "/clients?q=%s",
						      query_encode(req->arena, search))
				       : "/clients",
		       found.page, found.pages);
	view_render(req, status_code, "pages/clients/list.cs", "Clients");
}

/* ---- the profile ---- */

/* The parts of the profile both tabs show: name, date of birth, the tab links. */
static void set_client_heading(struct request *req, const struct client *c)
{
	set_int(req, "Client", "Id", c->id);
	set_text(req, "Client", "Name", full_name(req->arena, c->first_name, c->last_name));
	set_text(req, "Client", "DateOfBirth", page_long_date(req->arena, c->date_of_birth));
	struct valid_date dob;
	if (valid_date_parse_iso(c->date_of_birth, &dob) == NULL) {
		int age = valid_age_years(dob, today());
		if (age >= 0)
			set_int(req, "Client", "Age", age);
	}
}

/* "4857773456" → "485 777 3456", as NHS numbers are written. */
static const char *nhs_number_text(struct arena *arena, const char *digits)
{
	if (strlen(digits) != 10)
		return digits;
	return arena_printf(arena, "%.3s %.3s %.4s", digits, digits + 3, digits + 6);
}

void page_client(struct request *req)
{
	struct client c;
	if (!load_client_as(req, &c, true))
		return;
	set_client_heading(req, &c);
	set_text(req, "Client", "Title", c.title);
	set_text(req, "Client", "FirstName", c.first_name);
	set_text(req, "Client", "LastName", c.last_name);
	set_text(req, "Client", "Pronoun", c.pronoun);
	const char *gender = c.gender;
	if (c.gender_description[0] != '\0')
		gender = c.gender[0] ? arena_printf(req->arena, "%s: %s", c.gender, c.gender_description)
				     : c.gender_description;
	set_text(req, "Client", "Gender", gender);
	if (c.consent_expired) {
		set_text(req, "Client", "LocalAuthority", c.local_authority);
		view_set_int(req, "Consent.Expired", 1);
		view_render(req, 200, "pages/clients/show.cs", full_name(req->arena, c.first_name, c.last_name));
		return;
	}
	set_text(req, "Client", "Email", c.email);
	set_text(req, "Client", "Phone", c.phone);
	set_text(req, "Client", "AltPhone", c.alt_phone);
	const char *ways[5];
	size_t way_count = 0;
	if (c.contact_email)
		ways[way_count++] = "Email";
	if (c.contact_phone)
		ways[way_count++] = "Phone call";
	if (c.contact_sms)
		ways[way_count++] = "Text message (SMS)";
	if (c.contact_voicemail)
		ways[way_count++] = "Voicemail";
	if (c.contact_post)
		ways[way_count++] = "Post";
	for (size_t i = 0; i < way_count; i++)
		view_set(req, arena_printf(req->arena, "Client.Contact.%zu", i), ways[i]);
	set_text(req, "Client", "NhsNumber", nhs_number_text(req->arena, c.nhs_number));
	set_text(req, "Client", "GpPracticeName", c.gp_practice_name);
	set_text(req, "Client", "GpOdsCode", c.gp_ods_code);
	set_int(req, "Client", "NoFixedAbode", c.no_fixed_abode);
	const char *lines[] = {c.address_line1, c.address_line2, c.town, c.postcode};
	int n = 0;
	for (size_t i = 0; !c.no_fixed_abode && i < sizeof lines / sizeof lines[0]; i++)
		if (lines[i][0] != '\0')
			view_set(req, arena_printf(req->arena, "Client.Address.%d", n++), lines[i]);
	set_text(req, "Client", "LocalAuthority", c.local_authority);
	set_text(req, "Client", "LocalAuthorityCode", c.local_authority_code);
	set_text(req, "Client", "CreatedAt", page_local_date(req->arena, c.created_at));
	set_text(req, "Client", "CreatedBy", c.created_by_name);
	struct client_history history;
	enum db_status status = client_history(req->arena, c.id, &history);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < history.count; i++) {
		const struct client_history_item *h = &history.items[i];
		const char *prefix = arena_printf(req->arena, "Changes.%zu", i);
		set_text(req, prefix, "Field", h->label);
		set_text(req, prefix, "Old", h->old_value);
		set_text(req, prefix, "New", h->new_value);
		set_text(req, prefix, "By", h->staff_name);
		set_text(req, prefix, "Organisation", h->organisation);
		set_text(req, prefix, "When", page_local_date_time(req->arena, h->occurred_at));
	}
	const char *saved = http_query(req, "saved");
	if (saved != NULL && saved[0] >= '0' && saved[0] <= '9') {
		view_set_int(req, "Saved", 1);
		view_set_int(req, "SavedCount", page_parse_id(saved));
	}
	/* client notes: seen by every organisation that can see the client (checked above) */
	if (!notes_set_client(req, c.id, arena_printf(req->arena, "/clients/%lld", c.id)))
		return;
	if (http_query(req, "added") != NULL)
		view_set(req, "NoteAdded", "1");
	view_render(req, 200, "pages/clients/show.cs", full_name(req->arena, c.first_name, c.last_name));
}

/* ---- the Referrals tab ---- */

static void set_referral(struct request *req, const char *prefix, const struct client_referral *r)
{
	enum referral_status state = status_from_name(r->status);
	const struct vocab_term *term = status_term(state);
	set_int(req, prefix, "Id", r->id);
	set_text(req, prefix, "Status", r->status);
	set_text(req, prefix, "StatusLabel", term->label);
	set_text(req, prefix, "StatusColour", term->colour);
	set_text(req, prefix, "Issue", r->issue);
	set_text(req, prefix, "SendingOrg", r->sending_org);
	set_text(req, prefix, "ReceivingOrg", r->receiving_org);
	set_int(req, prefix, "Urgent", r->urgent);
	set_text(req, prefix, "Sent", page_local_date(req->arena, r->created_at));
	set_text(req, prefix, "UpdateDue", page_long_date(req->arena, r->update_due));
	set_text(req, prefix, "CloseDue", page_long_date(req->arena, r->close_due));
	const char *due = referral_current_due(state, r->update_due, r->close_due);
	if (due != NULL) /* the due date of its state: an open one's */
		set_text(req, prefix, state == STATUS_NEW ? "UpdateDueNow" : "CloseDueNow",
			 page_long_date(req->arena, due));
	set_text(req, prefix, "Closed", page_local_date(req->arena, r->closed_at));
	const char *direction = r->sending_org_id == req->session->org_id ? "Sent"
				: r->receiving_org_id == req->session->org_id ? "Received"
									      : "";
	set_text(req, prefix, "Direction", direction);
}

void page_client_referrals(struct request *req)
{
	struct client c;
	if (!load_client_as(req, &c, true))
		return;
	set_client_heading(req, &c);
	struct client_referral_list list;
	enum db_status status = client_referrals(req->arena, c.id, req->session->org_id,
						 req->session->is_admin, &list);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < list.count; i++)
		set_referral(req, arena_printf(req->arena, "Referrals.%zu", i), &list.items[i]);
	const char *sent = http_query(req, "sent");
	if (sent != NULL && strcmp(sent, "1") == 0) {
		struct client_referral_list last;
		status = client_last_sent(req->arena, c.id, req->session->staff_id,
					  req->session->org_id, &last);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
		for (size_t i = 0; i < last.count; i++)
			set_referral(req, arena_printf(req->arena, "Sent.%zu", i), &last.items[i]);
		view_set_int(req, "SentCount", (long long)last.count);
		view_set_int(req, "SentBanner", last.count > 0);
	}
	view_render(req, 200, "pages/clients/referrals.cs",
		    arena_printf(req->arena, "Referrals – %s", full_name(req->arena, c.first_name, c.last_name)));
}

/* ---- JSON ---- */

/* Appends text as a JSON string, quotes included. Besides what JSON requires (quote,
 * backslash, control characters), <, >, & and U+2028/U+2029 are escaped too, so the output
 * is safe even where someone puts it inside HTML or a script. Bytes that are not UTF-8 never
 * get here: the request parser and the database hold UTF-8 only. */
static const char *const reason_codes[MATCH_REASON__MAX] = {
	[MATCH_REASON_NONE] = "",
	[MATCH_REASON_SPELLING] = "spelling",
	[MATCH_REASON_SOUNDS_ALIKE] = "sounds_alike",
	[MATCH_REASON_DOB_SWAPPED] = "dob_swapped",
	[MATCH_REASON_DOB_DIFFERS] = "dob_differs",
	[MATCH_REASON_NAMES_SWAPPED] = "names_swapped",
};

static void json_matches(struct request *req, struct json *json, const struct client_match_list *list,
			 bool close)
{
	json_array_begin(json);
	for (size_t i = 0; i < list->count; i++) {
		const struct client_match *m = &list->items[i];
		json_object_begin(json);
		json_member_int(json, "id", m->id);
		json_member_string(json, "first_name", m->first_name ? m->first_name : "");
		json_member_string(json, "last_name", m->last_name ? m->last_name : "");
		json_member_string(json, "date_of_birth", m->date_of_birth ? m->date_of_birth : "");
		json_member_string(json, "date_of_birth_text", page_long_date(req->arena, m->date_of_birth));
		json_member_string(json, "outward_code", m->outward_code ? m->outward_code : "");
		json_member_string(json, "town", m->town ? m->town : "");
		json_member_bool(json, "visible", m->visible);
		if (close) {
			json_member_string(json, "reason", reason_codes[m->reason]);
			json_member_string(json, "reason_text", m->reason_text ? m->reason_text : "");
		}
		json_object_end(json);
	}
	json_array_end(json);
}

void page_api_client_search(struct request *req)
{
	const char *first = http_query(req, "first_name");
	const char *last = http_query(req, "last_name");
	const char *day = http_query(req, "dob_day");
	const char *month = http_query(req, "dob_month");
	const char *year = http_query(req, "dob_year");
	char first_name[VALID_NAME_SIZE], last_name[VALID_NAME_SIZE];
	const char *message;
	if ((message = valid_person_name(first ? first : "", first_name)) != NULL) {
		http_json_error(req, 400, "invalid",
				!valid_required(first) ? "Enter the client’s first name" : message, "first_name");
		return;
	}
	if ((message = valid_person_name(last ? last : "", last_name)) != NULL) {
		http_json_error(req, 400, "invalid",
				!valid_required(last) ? "Enter the client’s last name" : message, "last_name");
		return;
	}
	struct valid_date dob;
	if ((message = valid_date_of_birth(day ? day : "", month ? month : "", year ? year : "",
					   today(), &dob)) != NULL) {
		http_json_error(req, 400, "invalid", message, "dob");
		return;
	}
	char dob_iso[VALID_DATE_ISO_SIZE];
	valid_date_to_iso(dob, dob_iso);
	long long org_id = req->session->org_id;
	struct client_match_list exact, close;
	enum db_status status = client_find_exact(req->arena, org_id, first_name, last_name, dob_iso, &exact);
	if (status == DB_OK)
		status = client_find_close(req->arena, org_id, first_name, last_name, dob, &close);
	if (status != DB_OK) {
		page_json_database_failed(req, status);
		return;
	}
	struct json json;
	json_init(&json, req->arena);
	json_object_begin(&json);
	json_key(&json, "exact");
	json_matches(req, &json, &exact, false);
	json_key(&json, "close");
	json_matches(req, &json, &close, true);
	json_object_end(&json);
	http_json(req, 200, &json);
}

/* ---- Testing only ---- */

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
	struct test_client_work work = {0};
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
				"first_name, last_name, date_of_birth and created_by are needed", NULL);
		return;
	}
	enum db_status status = db_transaction(req->arena, test_client_work, &work);
	if (status != DB_OK) {
		page_json_database_failed(req, status);
		return;
	}
	struct json json;
	json_init(&json, req->arena);
	json_object_begin(&json);
	json_member_int(&json, "id", work.id);
	json_object_end(&json);
	http_json(req, 200, &json);
}

/* ---- editing a client's details ---- */

/* Column sizes of clients (sql/010_referrals.sql), in characters: as the journey checks them. */
#define EDIT_GENDER_DESCRIPTION_MAX 100
#define EDIT_GP_PRACTICE_NAME_MAX 200
#define EDIT_ADDRESS_LINE_MAX 200
#define EDIT_TOWN_MAX 100

enum edit_contact { EDIT_EMAIL, EDIT_PHONE, EDIT_SMS, EDIT_VOICEMAIL, EDIT_POST, EDIT_CONTACT__MAX };
static const char *const edit_contact_values[EDIT_CONTACT__MAX] = {"email", "phone", "sms",
								   "voicemail", "post"};
static const char *const edit_contact_labels[EDIT_CONTACT__MAX] = {"Email", "Phone call", "SMS",
								   "Voicemail", "Post"};

struct edit_choices {
	const struct reference_value **titles, **genders, **pronouns;
	size_t title_count, gender_count, pronoun_count;
	long long self_describe_id;
	struct organisation_options las;
};

/* The active values of a list (and current, the client's value, even when retired since). */
static enum db_status edit_list(struct arena *arena, enum reference_list list, bool keep_prefer,
				long long current, const struct reference_value ***items, size_t *count)
{
	struct reference_value_list all;
	enum db_status status = reference_value_list(arena, list, &all);
	*count = 0;
	*items = arena_zalloc(arena, (all.count + 1) * sizeof **items);
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < all.count; i++) {
		const struct reference_value *value = &all.items[i];
		if (value->id != current) {
			if (value->retired)
				continue;
			if (list == REFERENCE_GENDER && !keep_prefer &&
			    strcmp(value->name, REFERENCE_PREFER_NOT_TO_SAY) == 0)
				continue;
		}
		(*items)[(*count)++] = value;
	}
	return DB_OK;
}

static bool edit_load_choices(struct request *req, const struct client *c, struct edit_choices *out)
{
	long long prefer;
	enum db_status status = settings_get(req->arena, SETTING_GENDER_PREFER_NOT_TO_SAY, &prefer);
	if (status == DB_OK)
		status = edit_list(req->arena, REFERENCE_TITLE, false, c->title_id, &out->titles,
				   &out->title_count);
	if (status == DB_OK)
		status = edit_list(req->arena, REFERENCE_GENDER, prefer == 1, c->gender_id,
				   &out->genders, &out->gender_count);
	if (status == DB_OK)
		status = edit_list(req->arena, REFERENCE_PRONOUN, false, c->pronoun_id, &out->pronouns,
				   &out->pronoun_count);
	if (status == DB_OK)
		status = organisation_local_authority_options(req->arena, 0, &out->las);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	out->self_describe_id = 0;
	for (size_t i = 0; i < out->gender_count; i++)
		if (strcasestr(out->genders[i]->name, "self-describe") != NULL)
			out->self_describe_id = out->genders[i]->id;
	return true;
}

/* The chosen value of items: its entry, or NULL. */
static const struct reference_value *edit_chosen(const struct reference_value **items, size_t count,
						 const char *value)
{
	long long id = page_parse_id(value);
	for (size_t i = 0; id != 0 && i < count; i++)
		if (items[i]->id == id)
			return items[i];
	return NULL;
}

/* The local authority chosen (active, or the client's current one), or NULL. */
static const struct organisation_option *edit_la(const struct edit_choices *ch, long long id,
						 long long current)
{
	for (size_t i = 0; id != 0 && i < ch->las.count; i++)
		if (ch->las.items[i].id == id && (!ch->las.items[i].retired || id == current))
			return &ch->las.items[i];
	return NULL;
}

static void edit_show_list(struct request *req, const char *node, const struct reference_value **items,
			   size_t count, const char *prompt)
{
	view_set(req, arena_printf(req->arena, "Choices.%s.0.Value", node), "");
	view_set(req, arena_printf(req->arena, "Choices.%s.0.Text", node), prompt);
	for (size_t i = 0; i < count; i++) {
		view_set_int(req, arena_printf(req->arena, "Choices.%s.%zu.Value", node, i + 1),
			     items[i]->id);
		view_set(req, arena_printf(req->arena, "Choices.%s.%zu.Text", node, i + 1),
			 items[i]->name);
	}
}

static void edit_render(struct request *req, const struct client *c, const struct edit_choices *ch,
			int status)
{
	set_client_heading(req, c);
	edit_show_list(req, "Titles", ch->titles, ch->title_count, "Select a title");
	edit_show_list(req, "Genders", ch->genders, ch->gender_count, "Select a gender");
	edit_show_list(req, "Pronouns", ch->pronouns, ch->pronoun_count, "Not given");
	for (int w = 0; w < EDIT_CONTACT__MAX; w++) {
		view_set(req, arena_printf(req->arena, "Choices.Contact.%s.Value", edit_contact_values[w]),
			 edit_contact_values[w]);
		view_set(req, arena_printf(req->arena, "Choices.Contact.%s.Text", edit_contact_values[w]),
			 edit_contact_labels[w]);
	}
	view_set(req, "Choices.LocalAuthorities.0.Value", "");
	view_set(req, "Choices.LocalAuthorities.0.Text", "Select a local authority");
	size_t n = 1;
	for (size_t i = 0; i < ch->las.count; i++) {
		if (ch->las.items[i].retired && ch->las.items[i].id != c->local_authority_id)
			continue;
		view_set_int(req, arena_printf(req->arena, "Choices.LocalAuthorities.%zu.Value", n),
			     ch->las.items[i].id);
		view_set(req, arena_printf(req->arena, "Choices.LocalAuthorities.%zu.Text", n),
			 ch->las.items[i].name);
		n++;
	}
	view_set(req, "Choices.NoFixedAbode.0.Value", "1");
	view_set(req, "Choices.NoFixedAbode.0.Text", "The client has no fixed abode");
	view_render(req, status, "pages/clients/edit.cs",
		    arena_printf(req->arena, "Edit details – %s",
				 full_name(req->arena, c->first_name, c->last_name)));
}

static const char *id_text(struct arena *arena, long long id)
{
	return id == 0 ? "" : arena_printf(arena, "%lld", id);
}

void page_client_edit(struct request *req)
{
	struct client c;
	if (!load_client(req, &c))
		return;
	struct edit_choices ch;
	if (!edit_load_choices(req, &c, &ch))
		return;
	form_keep(req, "title", id_text(req->arena, c.title_id));
	form_keep(req, "first_name", c.first_name);
	form_keep(req, "last_name", c.last_name);
	struct valid_date dob;
	if (valid_date_parse_iso(c.date_of_birth, &dob) == NULL) {
		form_keep(req, "dob_day", arena_printf(req->arena, "%d", dob.day));
		form_keep(req, "dob_month", arena_printf(req->arena, "%d", dob.month));
		form_keep(req, "dob_year", arena_printf(req->arena, "%d", dob.year));
	}
	form_keep(req, "pronoun", id_text(req->arena, c.pronoun_id));
	form_keep(req, "gender", id_text(req->arena, c.gender_id));
	form_keep(req, "gender_description", c.gender_description);
	form_keep(req, "email", c.email);
	form_keep(req, "phone", c.phone);
	form_keep(req, "alt_phone", c.alt_phone);
	bool ways[EDIT_CONTACT__MAX] = {c.contact_email, c.contact_phone, c.contact_sms,
					c.contact_voicemail, c.contact_post};
	int n = 0;
	for (int w = 0; w < EDIT_CONTACT__MAX; w++)
		if (ways[w])
			view_set(req, arena_printf(req->arena, "Form.contact.%d", n++),
				 edit_contact_values[w]);
	form_keep(req, "nhs_number", c.nhs_number);
	form_keep(req, "gp_practice_name", c.gp_practice_name);
	form_keep(req, "gp_ods_code", c.gp_ods_code);
	form_keep(req, "address_line1", c.address_line1);
	form_keep(req, "address_line2", c.address_line2);
	form_keep(req, "town", c.town);
	form_keep(req, "postcode", c.postcode);
	if (c.no_fixed_abode)
		form_keep(req, "no_fixed_abode", "1");
	form_keep(req, "local_authority", id_text(req->arena, c.local_authority_id));
	edit_render(req, &c, &ch, 200);
}

/* An optional one-line text of at most max characters, trimmed into *out. */
static void edit_line(struct request *req, const char *field, const char *value, size_t max,
		      const char *label, const char **out)
{
	const char *problem = valid_single_line(value);
	if (problem != NULL)
		form_error(req, field, arena_printf(req->arena, "%s: %s", label, problem));
	else if (valid_text_length(value, 0, max) != VALID_LENGTH_OK)
		form_error(req, field,
			   arena_printf(req->arena, "%s must be %zu characters or fewer", label, max));
	else
		*out = valid_trim_in_place(arena_strdup(req->arena, value));
}

static void edit_name(struct request *req, const char *field, const char *label, const char **out)
{
	char name[VALID_NAME_SIZE];
	const char *problem = valid_person_name(form_text(req, field), name);
	if (problem == NULL) {
		*out = arena_strdup(req->arena, name);
		return;
	}
	if (strcmp(problem, "Enter a name") == 0)
		problem = arena_printf(req->arena, "Enter the client's %s", label);
	else if (strncmp(problem, "Name ", 5) == 0)
		problem = arena_printf(req->arena, "%c%s %s", label[0] - 'a' + 'A', label + 1,
				       problem + 5);
	form_error(req, field, problem);
}

static bool edit_phone(struct request *req, const char *field, bool required, const char **out)
{
	const char *value = form_text(req, field);
	if (!required && !valid_required(value)) {
		*out = "";
		return true;
	}
	char digits[VALID_PHONE_SIZE];
	const char *problem = valid_uk_phone(value, digits);
	if (problem == NULL) {
		*out = arena_strdup(req->arena, digits);
		return true;
	}
	if (strcmp(field, "alt_phone") == 0)
		problem = "Enter the alternative phone number as a UK number, like 07700 900 982";
	form_error(req, field, problem);
	*out = "";
	return false;
}

static const char *contact_text(struct arena *arena, const struct client *c)
{
	bool ways[EDIT_CONTACT__MAX] = {c->contact_email, c->contact_phone, c->contact_sms,
					c->contact_voicemail, c->contact_post};
	const char *text = "";
	for (int w = 0; w < EDIT_CONTACT__MAX; w++)
		if (ways[w])
			text = text[0] ? arena_printf(arena, "%s, %s", text, edit_contact_labels[w])
				       : edit_contact_labels[w];
	return text;
}

struct change_set {
	struct client_change items[32];
	size_t count;
};

static void change_add(struct change_set *set, const char *label, const char *old_value,
		       const char *new_value)
{
	old_value = old_value ? old_value : "";
	new_value = new_value ? new_value : "";
	if (strcmp(old_value, new_value) != 0 && set->count < 32)
		set->items[set->count++] = (struct client_change){label, old_value, new_value};
}

void page_client_edit_post(struct request *req)
{
	struct client old;
	if (!load_client(req, &old))
		return;
	struct edit_choices ch;
	if (!edit_load_choices(req, &old, &ch))
		return;
	struct arena *arena = req->arena;
	struct client in = old;
	const char *problem;

	bool contact[EDIT_CONTACT__MAX] = {false};
	size_t contact_count = 0;
	const char **ways = form_values(req, "contact", &contact_count);
	bool unknown_contact = false;
	for (size_t i = 0; i < contact_count; i++) {
		int w = 0;
		while (w < EDIT_CONTACT__MAX && strcmp(ways[i], edit_contact_values[w]) != 0)
			w++;
		if (w == EDIT_CONTACT__MAX)
			unknown_contact = true;
		else
			contact[w] = true;
	}

	const char *title = form_text(req, "title");
	const struct reference_value *title_value = NULL;
	if (valid_required(title) &&
	    (title_value = edit_chosen(ch.titles, ch.title_count, title)) == NULL)
		form_error(req, "title", "Select a title from the list");
	in.title_id = title_value ? title_value->id : 0;
	in.title = title_value ? title_value->name : "";

	edit_name(req, "first_name", "first name", &in.first_name);
	edit_name(req, "last_name", "last name", &in.last_name);

	struct valid_date dob;
	problem = valid_date_of_birth(form_text(req, "dob_day"), form_text(req, "dob_month"),
				      form_text(req, "dob_year"), page_today(), &dob);
	if (problem != NULL) {
		form_error(req, "dob", problem);
	} else {
		char iso[VALID_DATE_ISO_SIZE];
		valid_date_to_iso(dob, iso);
		in.date_of_birth = arena_strdup(arena, iso);
	}

	const char *pronoun = form_text(req, "pronoun");
	const struct reference_value *pronoun_value = NULL;
	if (valid_required(pronoun) &&
	    (pronoun_value = edit_chosen(ch.pronouns, ch.pronoun_count, pronoun)) == NULL)
		form_error(req, "pronoun", "Select the client's pronouns from the list");
	in.pronoun_id = pronoun_value ? pronoun_value->id : 0;
	in.pronoun = pronoun_value ? pronoun_value->name : "";

	const char *gender = form_text(req, "gender");
	const struct reference_value *gender_value = edit_chosen(ch.genders, ch.gender_count, gender);
	if (!valid_required(gender))
		form_error(req, "gender", "Select the client's gender");
	else if (gender_value == NULL)
		form_error(req, "gender", "Select the client's gender from the list");
	in.gender_id = gender_value ? gender_value->id : 0;
	in.gender = gender_value ? gender_value->name : "";

	const char *description = form_text(req, "gender_description");
	in.gender_description = "";
	if (gender_value != NULL && gender_value->id == ch.self_describe_id) {
		if (!valid_required(description))
			form_error(req, "gender_description",
				   "Enter the client's gender in their own words");
		else
			edit_line(req, "gender_description", description,
				  EDIT_GENDER_DESCRIPTION_MAX, "Gender description",
				  &in.gender_description);
	}

	const char *email = form_text(req, "email");
	in.email = "";
	if (valid_required(email)) {
		char normal[VALID_EMAIL_SIZE];
		problem = valid_email(email, normal);
		if (problem != NULL)
			form_error(req, "email", problem);
		else
			in.email = arena_strdup(arena, normal);
	} else if (contact[EDIT_EMAIL]) {
		form_error(req, "email",
			   "Enter an email address to contact the client by email, or untick Email");
	}

	bool phones_valid = edit_phone(req, "phone", true, &in.phone);
	phones_valid = edit_phone(req, "alt_phone", false, &in.alt_phone) && phones_valid;
	if (unknown_contact)
		form_error(req, "contact",
			   "Select the ways the client agrees to be contacted from the list");
	else if (contact[EDIT_SMS] && phones_valid && strncmp(in.phone, "07", 2) != 0 &&
		 strncmp(in.alt_phone, "07", 2) != 0)
		form_error(req, "contact",
			   "Enter a mobile number (starting 07) as the phone or alternative phone to "
			   "contact the client by SMS, or untick SMS");
	in.contact_email = contact[EDIT_EMAIL];
	in.contact_phone = contact[EDIT_PHONE];
	in.contact_sms = contact[EDIT_SMS];
	in.contact_voicemail = contact[EDIT_VOICEMAIL];
	in.contact_post = contact[EDIT_POST];

	const char *nhs = form_text(req, "nhs_number");
	in.nhs_number = "";
	if (valid_required(nhs)) {
		char digits[VALID_NHS_NUMBER_SIZE];
		if ((problem = valid_nhs_number(nhs, digits)) != NULL)
			form_error(req, "nhs_number", problem);
		else
			in.nhs_number = arena_strdup(arena, digits);
	}
	in.gp_practice_name = "";
	edit_line(req, "gp_practice_name", form_text(req, "gp_practice_name"),
		  EDIT_GP_PRACTICE_NAME_MAX, "GP practice name", &in.gp_practice_name);
	const char *ods = form_text(req, "gp_ods_code");
	in.gp_ods_code = "";
	if (valid_required(ods)) {
		char code[VALID_ODS_CODE_SIZE];
		if ((problem = valid_ods_code(ods, code)) != NULL)
			form_error(req, "gp_ods_code", problem);
		else
			in.gp_ods_code = arena_strdup(arena, code);
	}

	/* the address, as the journey's address step checks it */
	bool nfa = form_checked(req, "no_fixed_abode");
	const char *line1 = form_text(req, "address_line1");
	const char *line2 = form_text(req, "address_line2");
	const char *town = form_text(req, "town");
	const char *postcode = form_text(req, "postcode");
	if (nfa && (valid_required(line1) || valid_required(line2) || valid_required(postcode)))
		form_error(req, "no_fixed_abode",
			   "Select No fixed abode only for a client without an address: remove the "
			   "address and postcode, or untick No fixed abode");
	in.no_fixed_abode = nfa;
	in.address_line1 = in.address_line2 = in.town = in.postcode = "";
	if (!valid_required(line1) && !nfa)
		form_error(req, "address_line1",
			   "Enter address line 1, typically the building and street");
	else
		edit_line(req, "address_line1", line1, EDIT_ADDRESS_LINE_MAX, "Address line 1",
			  &in.address_line1);
	edit_line(req, "address_line2", line2, EDIT_ADDRESS_LINE_MAX, "Address line 2",
		  &in.address_line2);
	edit_line(req, "town", town, EDIT_TOWN_MAX, "Town or city", &in.town);
	struct postcode_lookup pc_row;
	bool pc_found = false;
	if (valid_required(postcode)) {
		char shown[VALID_POSTCODE_SIZE], key[VALID_POSTCODE_KEY_SIZE];
		if ((problem = valid_postcode(postcode, shown)) != NULL) {
			form_error(req, "postcode", problem);
		} else {
			in.postcode = arena_strdup(arena, shown);
			valid_postcode_key(postcode, key);
			enum db_status status = postcode_lookup(arena, key, &pc_row, &pc_found);
			if (status != DB_OK) {
				page_database_failed(req, status);
				return;
			}
		}
	} else if (!nfa) {
		form_error(req, "postcode", "Enter a postcode, or select No fixed abode");
	}
	long long la_id = page_parse_id(form_text(req, "local_authority"));
	if (la_id == 0 && !nfa && pc_found && edit_la(&ch, pc_row.local_authority_id, 0) != NULL) {
		la_id = pc_row.local_authority_id; /* filled in from the postcode */
		form_keep(req, "local_authority", id_text(arena, la_id));
	}
	const struct organisation_option *la = edit_la(&ch, la_id, old.local_authority_id);
	if (la_id == 0)
		form_error(req, "local_authority", "Select the local authority the client lives in");
	else if (la == NULL)
		form_error(req, "local_authority",
			   "Select the local authority the client lives in from the list");
	in.local_authority_id = la ? la->id : 0;
	in.local_authority = la ? la->name : "";

	if (form_has_errors(req)) {
		edit_render(req, &old, &ch, 400);
		return;
	}

	struct change_set set = {.count = 0};
	change_add(&set, "Title", old.title, in.title);
	change_add(&set, "First name", old.first_name, in.first_name);
	change_add(&set, "Last name", old.last_name, in.last_name);
	change_add(&set, "Date of birth", page_long_date(arena, old.date_of_birth),
		   page_long_date(arena, in.date_of_birth));
	change_add(&set, "Pronouns", old.pronoun, in.pronoun);
	change_add(&set, "Gender", old.gender, in.gender);
	change_add(&set, "Gender description", old.gender_description, in.gender_description);
	change_add(&set, "Email", old.email, in.email);
	change_add(&set, "Phone", old.phone, in.phone);
	change_add(&set, "Alternative phone", old.alt_phone, in.alt_phone);
	change_add(&set, "Can be contacted by", contact_text(arena, &old), contact_text(arena, &in));
	change_add(&set, "NHS number", old.nhs_number, in.nhs_number);
	change_add(&set, "GP practice", old.gp_practice_name, in.gp_practice_name);
	change_add(&set, "GP practice code", old.gp_ods_code, in.gp_ods_code);
	change_add(&set, "No fixed abode", old.no_fixed_abode ? "Yes" : "No",
		   in.no_fixed_abode ? "Yes" : "No");
	change_add(&set, "Address line 1", old.address_line1, in.address_line1);
	change_add(&set, "Address line 2", old.address_line2, in.address_line2);
	change_add(&set, "Town or city", old.town, in.town);
	change_add(&set, "Postcode", old.postcode, in.postcode);
	change_add(&set, "Local authority", old.local_authority, in.local_authority);
	if (set.count > 0) {
		enum db_status status = client_update(arena, &in, req->session->staff_id,
						      req->session->org_id, req->remote_addr,
						      set.items, set.count);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
	}
	http_redirect(req, arena_printf(arena, "/clients/%lld?saved=%zu", old.id, set.count));
}

/* ---- renewing the consent of a referral (GET/POST /referrals/N/consent) ---- */

#define CONSENTOR_NAME_MAX 200         /* characters, as consents.consentor_name */
#define CONSENTOR_RELATIONSHIP_MAX 100 /* characters, as consents.consentor_relationship */

/* The referral of the path, its group's consent and whether the active organisation may renew
 * it: only the sender, and only once it has expired. Answers 404 (not party to it), 409 (not
 * the sender, or nothing to renew) or the failure page, and returns false, otherwise. */
static bool consent_load(struct request *req, struct referral *r, struct client_consent *consent)
{
	long long id = page_parse_id(req->captures[0]);
	/* the renewal is the one way out of an expired consent: it never asks consent_expired */
	struct scope scope = page_scope(req);
	struct referral_access access = {.role = REFERRAL_NONE};
	if (id > 0) {
		enum db_status status = referral_access_get(req->arena, id, &scope, &access);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return false;
		}
	}
	enum referral_role role = access.role;
	if (role == REFERRAL_NONE) {
		view_error(req, 404, NULL);
		return false;
	}
	bool found = false;
	enum db_status status = referral_get(req->arena, id, &scope, r, &found);
	struct settings_timeframes timeframes;
	if (status == DB_OK && found)
		status = settings_load_timeframes(req->arena, &timeframes);
	bool consent_found = false;
	if (status == DB_OK && found)
		status = client_group_consent(req->arena, r->group_id, timeframes.consent_expiry_days,
					      consent, &consent_found);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	if (!found) {
		view_error(req, 404, NULL);
		return false;
	}
	if (role != REFERRAL_SENDER) {
		view_error(req, 409,
			   arena_printf(req->arena,
					"Only the sending organisation can renew consent for referral %lld.", id));
		return false;
	}
	if (!consent_found || !consent->expired) {
		view_error(req, 409,
			   arena_printf(req->arena,
					"Consent for referral %lld has not expired, so there is nothing to renew.",
					id));
		return false;
	}
	return true;
}

static void consent_render(struct request *req, const struct referral *r,
			   const struct client_consent *consent, int status)
{
	view_set_int(req, "Referral.Id", r->id);
	view_set(req, "Referral.Issue", r->issue_name);
	view_set(req, "Consent.ExpiredOn", page_local_date_time(req->arena, consent->expires_at));
	view_set(req, "Consent.Given.0.Value", "client");
	view_set(req, "Consent.Given.0.Text", "The client");
	view_set(req, "Consent.Given.1.Value", "someone_else");
	view_set(req, "Consent.Given.1.Text", "Someone else on the client's behalf");
	view_set(req, "Consent.Given.1.Hint", "For example, a parent, carer or advocate");
	view_render(req, status, "pages/referrals/consent.cs",
		    arena_printf(req->arena, "Renew consent – referral %lld", r->id));
}

void page_referral_consent(struct request *req)
{
	struct referral r;
	struct client_consent consent;
	if (!consent_load(req, &r, &consent))
		return;
	consent_render(req, &r, &consent, 200);
}

/* A required one-line text of at most max characters, as the journey's consent step checks. */
static bool consent_text(struct request *req, const char *field, size_t max, const char *missing,
			 const char *label)
{
	const char *value = form_text(req, field);
	if (!valid_required(value)) {
		form_error(req, field, missing);
		return false;
	}
	if (valid_single_line(value) != NULL) {
		form_error(req, field, arena_printf(req->arena, "%s must be on one line", label));
		return false;
	}
	if (valid_text_length(value, 1, max) != VALID_LENGTH_OK) {
		form_error(req, field,
			   arena_printf(req->arena, "%s must be %zu characters or fewer", label, max));
		return false;
	}
	return true;
}

void page_referral_consent_post(struct request *req)
{
	struct referral r;
	struct client_consent consent;
	if (!consent_load(req, &r, &consent))
		return;
	if (strcmp(form_text(req, "consent"), "yes") != 0)
		form_error(req, "consent", "Confirm that the client has consented to this referral and "
					   "to their information being shared");
	const char *given_by = form_text(req, "consent_given_by");
	bool by_client = strcmp(given_by, "client") == 0;
	const char *name = form_text(req, "consentor_name");
	const char *relationship = form_text(req, "consentor_relationship");
	if (!by_client) {
		if (strcmp(given_by, "someone_else") != 0) {
			form_error(req, "consent_given_by", "Select who gave consent");
		} else {
			consent_text(req, "consentor_name", CONSENTOR_NAME_MAX,
				     "Enter the name of the person who gave consent",
				     "The name of the person who gave consent");
			consent_text(req, "consentor_relationship", CONSENTOR_RELATIONSHIP_MAX,
				     "Enter their relationship to the client",
				     "Their relationship to the client");
		}
	}
	if (form_has_errors(req)) {
		consent_render(req, &r, &consent, 400);
		return;
	}
	struct client_consent_renewal renewal = {
		.group_id = r.group_id,
		.client_id = r.client_id,
		.old_consent_id = consent.consent_id,
		.org_id = req->session->org_id,
		.staff_id = req->session->staff_id,
		.given_by_client = by_client,
		.consentor_name = by_client ? "" : valid_trim_in_place(arena_strdup(req->arena, name)),
		.consentor_relationship =
			by_client ? "" : valid_trim_in_place(arena_strdup(req->arena, relationship)),
		.remote_addr = req->remote_addr,
	};
	bool renewed = false;
	enum db_status status = client_consent_renew(req->arena, &renewal, &renewed);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (!renewed) {
		view_error(req, 409,
			   arena_printf(req->arena,
					"Consent for referral %lld was renewed meanwhile by someone else.",
					r.id));
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/referrals/%lld?done=consent", r.id));
}
