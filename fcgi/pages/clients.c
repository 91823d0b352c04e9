/* Clients: the client list (search, pages), the profile with its Details and Referrals tabs,
 * and the JSON client search of the find step. Edit details is in client_edit.c, Renew
 * consent in referral_consent.c, the Testing-only client creation in testing.c. */
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
#include "access.h"
#include "privacy.h"
#include "client_filters.h"
#include "pages.h"

/* ---- shared ---- */

static struct valid_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return (struct valid_date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

/* The client of the path's id, if the active organisation may see it (administrators see
 * every client). Otherwise the 404 page, exactly as for an id that does not exist, and false.
 * While consent has expired (client->consent_expired) only the profile and the Referrals tab
 * show the client, restricted (expired_ok); anything else gets the 403 page. */
bool clients_load_as(struct request *req, struct client *client, bool expired_ok)
{
	long long id = page_parse_id(req->captures[0]);
	bool found = false;
	enum db_status status = DB_OK;
	if (id > 0) {
		struct scope scope = page_scope(req);
		status = client_get_visible(req->arena, id, &scope, client, &found);
	}
	if (!page_found(req, status, found))
		return false;
	if (client->consent_expired && !expired_ok) {
		page_consent_expired(req, arena_printf(req->arena, "/clients/%lld", id));
		return false;
	}
	return true;
}

bool clients_load(struct request *req, struct client *client)
{
	return clients_load_as(req, client, false);
}

bool clients_load_for_change(struct request *req, struct client *client)
{
	if (!clients_load_as(req, client, true))
		return false;
	/* first: a redacted client's consent has usually expired too, and renewing it is
	 * refused as well, so the expired-consent page would send the user round in circles */
	if (client->redacted_at != NULL && client->redacted_at[0] != '\0') {
		page_client_removed(req, client->redacted_at, client->redaction_kind,
				    arena_printf(req->arena, "/clients/%lld", client->id));
		return false;
	}
	if (client->consent_expired) {
		page_consent_expired(req, arena_printf(req->arena, "/clients/%lld", client->id));
		return false;
	}
	return true;
}

static const char *full_name(struct arena *arena, const char *first, const char *last)
{
	return arena_printf(arena, "%s %s", first, last);
}

/* ---- the client list ---- */

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
				view_set_field_int(req, prefix, "Ellipsis", 1);
				n++;
			}
			in_gap = true;
			continue;
		}
		in_gap = false;
		view_set_field_int(req, prefix, "Number", p);
		view_set_field(req, prefix, "Href",
			       arena_printf(req->arena, "%s%s%spage=%lld", app, base, joiner, p));
		view_set_field_int(req, prefix, "Current", p == page);
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
	struct client_filter filter;
	if (!client_filters_read(req, &filter))
		return;
	int status_code = form_has_errors(req) ? 400 : 200;
	bool see_all = req->session->is_admin;
	struct client_page found;
	enum db_status status =
		client_list_visible(req->arena, req->session->org_id, see_all, &filter,
				    page_number(http_query(req, "page")), &found);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < found.count; i++) {
		const struct client_summary *c = &found.items[i];
		const char *prefix = arena_printf(req->arena, "Clients.%zu", i);
		view_set_field_int(req, prefix, "Id", c->id);
		view_set_field(req, prefix, "Name",
			       full_name(req->arena, c->first_name, c->last_name));
		view_set_field(req, prefix, "DateOfBirth",
			       page_long_date(req->arena, c->date_of_birth));
		view_set_field(req, prefix, "Email", c->email);
		view_set_field(req, prefix, "Postcode", c->postcode);
		view_set_field(req, prefix, "Town", c->town);
		view_set_field_int(req, prefix, "NoFixedAbode", c->no_fixed_abode);
		page_access(req, ACCESS_LIST_CLIENTS, c->id); /* issue 15: each client shown */
	}
	view_set(req, "Search.Query", filter.query);
	view_set_int(req, "Search.Total", found.total);
	if (found.total > (long long)CLIENT_PAGE_MAX * CLIENT_PAGE_SIZE)
		view_set(req, "Search.MoreThan",
			 page_thousands(req->arena, (long long)CLIENT_PAGE_MAX * CLIENT_PAGE_SIZE));
	view_set_int(req, "Search.Page", found.page);
	view_set_int(req, "Search.Pages", found.pages);
	view_set_int(req, "SeeAll", see_all);
	set_pagination(req, client_filters_show(req, &filter), found.page, found.pages);
	view_render(req, status_code, "pages/clients/list.cs", "Clients");
}

/* ---- the profile ---- */

/* The parts of the profile both tabs show: name, date of birth, the tab links. */
void clients_heading(struct request *req, const struct client *c)
{
	view_set_field_int(req, "Client", "Id", c->id);
	page_redaction_notice(req, c->redacted_at, c->redaction_kind); /* hides New referral */
	view_set_field(req, "Client", "Name", full_name(req->arena, c->first_name, c->last_name));
	view_set_field(req, "Client", "DateOfBirth", page_long_date(req->arena, c->date_of_birth));
	struct valid_date dob;
	if (valid_date_parse_iso(c->date_of_birth, &dob) == NULL) {
		int age = valid_age_years(dob, today());
		if (age >= 0)
			view_set_field_int(req, "Client", "Age", age);
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
	if (!clients_load_as(req, &c, true))
		return;
	/* issue 15: who looked, the access and sharing histories, a redaction's notice */
	page_access(req, ACCESS_CLIENT, c.id);
	if (!page_access_sections(req, c.id))
		return;
	page_redaction_notice(req, c.redacted_at, c.redaction_kind);
	clients_heading(req, &c);
	view_set_field(req, "Client", "Title", c.title);
	view_set_field(req, "Client", "FirstName", c.first_name);
	view_set_field(req, "Client", "LastName", c.last_name);
	view_set_field(req, "Client", "Pronoun", c.pronoun);
	const char *gender = c.gender;
	if (c.gender_description[0] != '\0')
		gender = c.gender[0] ? arena_printf(req->arena, "%s: %s", c.gender,
						    c.gender_description)
				     : c.gender_description;
	view_set_field(req, "Client", "Gender", gender);
	if (c.consent_expired) {
		view_set_field(req, "Client", "LocalAuthority", c.local_authority);
		view_set_int(req, "Consent.Expired", 1);
		view_render(req, 200, "pages/clients/show.cs",
			    full_name(req->arena, c.first_name, c.last_name));
		return;
	}
	view_set_field(req, "Client", "Email", c.email);
	view_set_field(req, "Client", "Phone", c.phone);
	view_set_field(req, "Client", "AltPhone", c.alt_phone);
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
	view_set_field(req, "Client", "NhsNumber", nhs_number_text(req->arena, c.nhs_number));
	view_set_field(req, "Client", "GpPracticeName", c.gp_practice_name);
	view_set_field(req, "Client", "GpOdsCode", c.gp_ods_code);
	view_set_field_int(req, "Client", "NoFixedAbode", c.no_fixed_abode);
	const char *lines[] = { c.address_line1, c.address_line2, c.town, c.postcode };
	int n = 0;
	for (size_t i = 0; !c.no_fixed_abode && i < sizeof lines / sizeof lines[0]; i++)
		if (lines[i][0] != '\0')
			view_set(req, arena_printf(req->arena, "Client.Address.%d", n++), lines[i]);
	view_set_field(req, "Client", "LocalAuthority", c.local_authority);
	view_set_field(req, "Client", "LocalAuthorityCode", c.local_authority_code);
	view_set_field(req, "Client", "CreatedAt", page_local_date(req->arena, c.created_at));
	view_set_field(req, "Client", "CreatedBy", c.created_by_name);
	struct client_history history;
	enum db_status status = client_history(req->arena, c.id, &history);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < history.count; i++) {
		const struct client_history_item *h = &history.items[i];
		const char *prefix = arena_printf(req->arena, "Changes.%zu", i);
		view_set_field(req, prefix, "Field", h->label);
		view_set_field(req, prefix, "Old", h->old_value);
		view_set_field(req, prefix, "New", h->new_value);
		view_set_field(req, prefix, "By", h->staff_name);
		view_set_field(req, prefix, "Organisation", h->organisation);
		view_set_field(req, prefix, "When",
			       page_local_date_time(req->arena, h->occurred_at));
	}
	const char *saved = http_query(req, "saved");
	if (saved != NULL && saved[0] >= '0' && saved[0] <= '9') {
		view_set_int(req, "Saved", 1);
		view_set_int(req, "SavedCount", page_parse_id(saved));
	}
	/* client notes: seen by every organisation that can see the client (checked above) */
	if (!notes_set_client(req, c.id, arena_printf(req->arena, "/clients/%lld", c.id)))
		return;
	if (c.redacted_at[0] != '\0') /* issue 15: nothing more is added about them */
		view_set(req, "NoteForm.ReadOnly", PAGE_CLIENT_REMOVED_READ_ONLY);
	if (http_query(req, "added") != NULL)
		view_set(req, "NoteAdded", "1");
	view_render(req, 200, "pages/clients/show.cs",
		    full_name(req->arena, c.first_name, c.last_name));
}

/* ---- the Referrals tab ---- */

static void set_referral(struct request *req, const char *prefix, const struct client_referral *r)
{
	enum referral_status state = status_from_name(r->status);
	const struct vocab_term *term = status_term(state);
	view_set_field_int(req, prefix, "Id", r->id);
	view_set_field(req, prefix, "Status", r->status);
	view_set_field(req, prefix, "StatusLabel", term->label);
	view_set_field(req, prefix, "StatusColour", term->colour);
	view_set_field(req, prefix, "Issue", r->issue);
	view_set_field(req, prefix, "SendingOrg", r->sending_org);
	view_set_field(req, prefix, "ReceivingOrg", r->receiving_org);
	view_set_field_int(req, prefix, "Urgent", r->urgent);
	view_set_field(req, prefix, "Sent", page_local_date(req->arena, r->created_at));
	view_set_field(req, prefix, "UpdateDue", page_long_date(req->arena, r->update_due));
	view_set_field(req, prefix, "CloseDue", page_long_date(req->arena, r->close_due));
	const char *due = referral_current_due(state, r->update_due, r->close_due);
	if (due != NULL) /* the due date of its state: an open one's */
		view_set_field(req, prefix, state == STATUS_NEW ? "UpdateDueNow" : "CloseDueNow",
			       page_long_date(req->arena, due));
	view_set_field(req, prefix, "Closed", page_local_date(req->arena, r->closed_at));
	const char *direction = r->sending_org_id == req->session->org_id     ? "Sent"
				: r->receiving_org_id == req->session->org_id ? "Received"
									      : "";
	view_set_field(req, prefix, "Direction", direction);
}

void page_client_referrals(struct request *req)
{
	struct client c;
	if (!clients_load_as(req, &c, true))
		return;
	page_access(req, ACCESS_CLIENT_REFERRALS, c.id); /* issue 15: who looked */
	clients_heading(req, &c);
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
		    arena_printf(req->arena, "Referrals – %s",
				 full_name(req->arena, c.first_name, c.last_name)));
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

static void json_matches(struct request *req, struct json *json,
			 const struct client_match_list *list, bool close)
{
	json_array_begin(json);
	for (size_t i = 0; i < list->count; i++) {
		const struct client_match *m = &list->items[i];
		json_object_begin(json);
		json_member_int(json, "id", m->id);
		json_member_string(json, "first_name", m->first_name ? m->first_name : "");
		json_member_string(json, "last_name", m->last_name ? m->last_name : "");
		json_member_string(json, "date_of_birth", m->date_of_birth ? m->date_of_birth : "");
		json_member_string(json, "date_of_birth_text",
				   page_long_date(req->arena, m->date_of_birth));
		json_member_string(json, "outward_code", m->outward_code ? m->outward_code : "");
		json_member_string(json, "town", m->town ? m->town : "");
		json_member_bool(json, "visible", m->visible);
		if (close) {
			json_member_string(json, "reason", reason_codes[m->reason]);
			json_member_string(json, "reason_text",
					   m->reason_text ? m->reason_text : "");
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
				!valid_required(first) ? "Enter the client’s first name" : message,
				"first_name");
		return;
	}
	if ((message = valid_person_name(last ? last : "", last_name)) != NULL) {
		http_json_error(req, 400, "invalid",
				!valid_required(last) ? "Enter the client’s last name" : message,
				"last_name");
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
	enum db_status status =
		client_find_exact(req->arena, org_id, first_name, last_name, dob_iso, &exact);
	if (status == DB_OK)
		status = client_find_close(req->arena, org_id, first_name, last_name, dob, &close);
	struct json json;
	if (!page_json_begin(req, status, &json))
		return;
	json_key(&json, "exact");
	json_matches(req, &json, &exact, false);
	for (size_t i = 0; i < exact.count + close.count; i++) /* issue 15: who looked */
		page_access(req, ACCESS_FIND,
			    i < exact.count ? exact.items[i].id : close.items[i - exact.count].id);
	json_key(&json, "close");
	json_matches(req, &json, &close, true);
	json_object_end(&json);
	http_json(req, 200, &json);
}
