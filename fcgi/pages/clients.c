/* Clients: the client list (search, pages), the profile with its Details and Referrals tabs,
 * the JSON client search of the find step, and a Testing-only route that creates clients the
 * way the send of a referral does (for the tests). */
#include "clients.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/client.h"
#include "pages.h"

/* ---- shared ---- */

static const char *const month_names[] = {"January", "February", "March",     "April",
					  "May",     "June",     "July",      "August",
					  "September", "October", "November", "December"};

static struct valid_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return (struct valid_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* "1985-03-12" → "12 March 1985" (as it came when it is not a date). */
static const char *long_date(struct arena *arena, const char *iso)
{
	struct valid_date date;
	if (iso == NULL || valid_date_parse_iso(iso, &date) != NULL)
		return iso;
	return arena_printf(arena, "%d %s %d", date.day, month_names[date.month - 1], date.year);
}

/* A UTC time from the database ("2026-11-23 19:45:00") as the local date: "23 November 2026". */
static const char *local_date(struct arena *arena, const char *utc)
{
	struct tm tm = {0};
	if (utc == NULL || sscanf(utc, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
				  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return utc;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t when = timegm(&tm);
	struct tm local;
	if (localtime_r(&when, &local) == NULL || local.tm_mon < 0 || local.tm_mon > 11)
		return utc;
	return arena_printf(arena, "%d %s %d", local.tm_mday, month_names[local.tm_mon],
			    local.tm_year + 1900);
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
 * every client). Otherwise the 404 page, exactly as for an id that does not exist, and false. */
static bool load_client(struct request *req, struct client *client)
{
	long long id = page_parse_id(req->captures[0]);
	bool found = false;
	if (id > 0) {
		enum db_status status = client_get_visible(req->arena, id, req->session->org_id,
							   req->session->is_admin, client, &found);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return false;
		}
	}
	if (!found) {
		view_error(req, 404, NULL);
		return false;
	}
	return true;
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
		set_text(req, prefix, "DateOfBirth", long_date(req->arena, c->date_of_birth));
		set_text(req, prefix, "Email", c->email);
		set_text(req, prefix, "Postcode", c->postcode);
		set_text(req, prefix, "Town", c->town);
		set_int(req, prefix, "NoFixedAbode", c->no_fixed_abode);
	}
	view_set(req, "Search.Query", search);
	form_keep(req, "q", status_code == 400 ? query : search);
	view_set_int(req, "Search.Total", found.total);
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
	set_text(req, "Client", "DateOfBirth", long_date(req->arena, c->date_of_birth));
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
	if (!load_client(req, &c))
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
	set_text(req, "Client", "CreatedAt", local_date(req->arena, c.created_at));
	set_text(req, "Client", "CreatedBy", c.created_by_name);
	view_render(req, 200, "pages/clients/show.cs", full_name(req->arena, c.first_name, c.last_name));
}

/* ---- the Referrals tab ---- */

struct status_label {
	const char *status, *label, *colour;
};

static const struct status_label status_labels[] = {
	{"new", "New", ""},
	{"acknowledged", "Acknowledged", "turquoise"},
	{"refused", "Refused", "red"},
	{"closed", "Closed", "grey"},
	{"withdrawn", "Withdrawn", "grey"},
	{"removed", "Removed", "grey"},
	{"no_response", "No response", "orange"},
};

static const struct status_label *status_label(const char *status)
{
	for (size_t i = 0; i < sizeof status_labels / sizeof status_labels[0]; i++)
		if (strcmp(status, status_labels[i].status) == 0)
			return &status_labels[i];
	static const struct status_label unknown = {"", "Unknown", "grey"};
	return &unknown;
}

static void set_referral(struct request *req, const char *prefix, const struct client_referral *r)
{
	const struct status_label *label = status_label(r->status);
	set_int(req, prefix, "Id", r->id);
	set_text(req, prefix, "Status", r->status);
	set_text(req, prefix, "StatusLabel", label->label);
	set_text(req, prefix, "StatusColour", label->colour);
	set_text(req, prefix, "Issue", r->issue);
	set_text(req, prefix, "SendingOrg", r->sending_org);
	set_text(req, prefix, "ReceivingOrg", r->receiving_org);
	set_int(req, prefix, "Urgent", r->urgent);
	set_text(req, prefix, "Sent", local_date(req->arena, r->created_at));
	set_text(req, prefix, "UpdateDue", long_date(req->arena, r->update_due));
	set_text(req, prefix, "CloseDue", long_date(req->arena, r->close_due));
	set_text(req, prefix, "Closed", local_date(req->arena, r->closed_at));
	const char *direction = r->sending_org_id == req->session->org_id ? "Sent"
				: r->receiving_org_id == req->session->org_id ? "Received"
									      : "";
	set_text(req, prefix, "Direction", direction);
}

void page_client_referrals(struct request *req)
{
	struct client c;
	if (!load_client(req, &c))
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
static void json_string(struct request *req, const char *text)
{
	char buffer[256];
	size_t n = 0;
	buffer[n++] = '"';
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		if (n > sizeof buffer - 16) {
			http_body_append(req, buffer, n);
			n = 0;
		}
		unsigned char ch = *p;
		if (ch == '"' || ch == '\\') {
			buffer[n++] = '\\';
			buffer[n++] = (char)ch;
		} else if (ch == '\n') {
			buffer[n++] = '\\';
			buffer[n++] = 'n';
		} else if (ch == '\r') {
			buffer[n++] = '\\';
			buffer[n++] = 'r';
		} else if (ch == '\t') {
			buffer[n++] = '\\';
			buffer[n++] = 't';
		} else if (ch < 0x20 || ch == 0x7f || ch == '<' || ch == '>' || ch == '&') {
			n += (size_t)snprintf(buffer + n, sizeof buffer - n, "\\u%04x", ch);
		} else if (ch == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			n += (size_t)snprintf(buffer + n, sizeof buffer - n, "\\u%04x",
					      p[2] == 0xa8 ? 0x2028 : 0x2029);
			p += 2;
		} else {
			buffer[n++] = (char)ch;
		}
	}
	buffer[n++] = '"';
	http_body_append(req, buffer, n);
}

static void json_begin(struct request *req, int status)
{
	req->status = status;
	http_header_add(req, "Content-Type", "application/json; charset=utf-8");
}

/* {"error": message[, "field": field]} */
static void json_error(struct request *req, int status, const char *message, const char *field)
{
	json_begin(req, status);
	http_body_puts(req, "{\"error\":");
	json_string(req, message);
	if (field != NULL) {
		http_body_puts(req, ",\"field\":");
		json_string(req, field);
	}
	http_body_puts(req, "}\n");
}

static void json_database_failed(struct request *req, enum db_status status)
{
	if (status == DB_UNAVAILABLE || status == DB_RETRY)
		json_error(req, 503, "The database cannot be reached at the moment. Try again in a few minutes.", NULL);
	else
		json_error(req, 500, "Something went wrong. Try again later.", NULL);
}

static const char *const reason_codes[MATCH_REASON__MAX] = {
	[MATCH_REASON_NONE] = "",
	[MATCH_REASON_SPELLING] = "spelling",
	[MATCH_REASON_SOUNDS_ALIKE] = "sounds_alike",
	[MATCH_REASON_DOB_SWAPPED] = "dob_swapped",
	[MATCH_REASON_DOB_DIFFERS] = "dob_differs",
	[MATCH_REASON_NAMES_SWAPPED] = "names_swapped",
};

static void json_matches(struct request *req, const struct client_match_list *list, bool close)
{
	http_body_puts(req, "[");
	for (size_t i = 0; i < list->count; i++) {
		const struct client_match *m = &list->items[i];
		http_body_puts(req, arena_printf(req->arena, "%s{\"id\":%lld,\"first_name\":",
						 i ? "," : "", m->id));
		json_string(req, m->first_name);
		http_body_puts(req, ",\"last_name\":");
		json_string(req, m->last_name);
		http_body_puts(req, ",\"date_of_birth\":");
		json_string(req, m->date_of_birth);
		http_body_puts(req, ",\"date_of_birth_text\":");
		json_string(req, long_date(req->arena, m->date_of_birth));
		http_body_puts(req, ",\"outward_code\":");
		json_string(req, m->outward_code);
		http_body_puts(req, ",\"town\":");
		json_string(req, m->town);
		http_body_puts(req, m->visible ? ",\"visible\":true" : ",\"visible\":false");
		if (close) {
			http_body_puts(req, ",\"reason\":");
			json_string(req, reason_codes[m->reason]);
			http_body_puts(req, ",\"reason_text\":");
			json_string(req, m->reason_text);
		}
		http_body_puts(req, "}");
	}
	http_body_puts(req, "]");
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
		json_error(req, 400, !valid_required(first) ? "Enter the client’s first name" : message,
			   "first_name");
		return;
	}
	if ((message = valid_person_name(last ? last : "", last_name)) != NULL) {
		json_error(req, 400, !valid_required(last) ? "Enter the client’s last name" : message,
			   "last_name");
		return;
	}
	struct valid_date dob;
	if ((message = valid_date_of_birth(day ? day : "", month ? month : "", year ? year : "",
					   today(), &dob)) != NULL) {
		json_error(req, 400, message, "dob");
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
		json_database_failed(req, status);
		return;
	}
	json_begin(req, 200);
	http_body_puts(req, "{\"exact\":");
	json_matches(req, &exact, false);
	http_body_puts(req, ",\"close\":");
	json_matches(req, &close, true);
	http_body_puts(req, "}\n");
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
		json_error(req, 400, "first_name, last_name, date_of_birth and created_by are needed", NULL);
		return;
	}
	enum db_status status = db_transaction(req->arena, test_client_work, &work);
	if (status != DB_OK) {
		json_database_failed(req, status);
		return;
	}
	json_begin(req, 200);
	http_body_puts(req, arena_printf(req->arena, "{\"id\":%lld}\n", work.id));
}
