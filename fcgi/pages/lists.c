/* The Sent and Received lists. Every filter travels in the query string
 * (a GET form), so a list can be bookmarked and shared; a value that makes no sense answers
 * 400 with the form, the values kept and a message beside the field. */
#include "lists.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../config.h"
#include "../dates.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../vocabulary.h"
#include "../model/catalog.h"
#include "../model/closure_reason.h"
#include "../model/issue.h"
#include "../model/referral_list.h"
#include "../model/settings.h"
#include "access.h"
#include "list_filters.h"
#include "pages.h"

static const char *const month_short[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static const char *const sort_names[REFERRAL_SORT__MAX] = { "newest", "oldest", "due", "name" };
static const char *const sort_texts[REFERRAL_SORT__MAX] = { "Newest first", "Oldest first",
							    "Due date", "Client name" };

/* The query parameters of the filter form, in the order of the form. */
static const char *const params[] = {
	"q",	      "id",	"from",	   "to",	 "sending_org", "receiving_org",
	"created_by", "status", "state",   "reason",	 "age_from",	"age_to",
	"issue",      "urgent", "overdue", "unresolved", "sort"
};

/* "2026-11-23" → "23 Nov 2026". */
static const char *short_date(struct arena *arena, const char *iso)
{
	struct valid_date d;
	if (valid_date_parse_iso(iso, &d) != NULL)
		return iso;
	return arena_printf(arena, "%d %s %d", d.day, month_short[d.month - 1], d.year);
}

/* Local midnight of date (plus days) as UTC "YYYY-MM-DD HH:MM:SS". */
static const char *local_midnight_utc(struct arena *arena, struct valid_date date, int days)
{
	struct tm tm = { 0 };
	tm.tm_year = date.year - 1900;
	tm.tm_mon = date.month - 1;
	tm.tm_mday = date.day + days;
	tm.tm_isdst = -1;
	time_t when = mktime(&tm);
	struct tm utc;
	gmtime_r(&when, &utc);
	return arena_printf(arena, "%04d-%02d-%02d %02d:%02d:%02d", utc.tm_year + 1900,
			    utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

static const char *iso_of(struct arena *arena, struct valid_date d)
{
	return arena_printf(arena, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* A query parameter trimmed of surrounding spaces ("" when absent), kept as Form.<name> so
 * the filter form shows it again (form_text reads only a POST body). */
static const char *q_text(struct request *req, const char *name)
{
	const char *value = http_query(req, name);
	if (value == NULL)
		return "";
	while (*value == ' ' || *value == '\t')
		value++;
	size_t len = strlen(value);
	while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t'))
		len--;
	char *copy = arena_alloc(req->arena, len + 1);
	memcpy(copy, value, len);
	copy[len] = '\0';
	form_keep(req, name, copy);
	return copy;
}

/* A checkbox of the filter form: any non-empty value. */
static bool q_checked(struct request *req, const char *name)
{
	const char *value = http_query(req, name);
	if (value == NULL || value[0] == '\0')
		return false;
	form_keep(req, name, "1");
	return true;
}

/* An optional id parameter: "" → 0; anything but a positive whole number is an error. */
static long long id_param(struct request *req, const char *name, const char *message)
{
	const char *text = q_text(req, name);
	if (text[0] == '\0')
		return 0;
	long long id;
	if (valid_int_range(text, 1, 999999999999LL, &id) != VALID_INT_OK) {
		form_error(req, name, message);
		return 0;
	}
	return id;
}

/* The organisation and staff selects, as HTML (view_set_options): 500 organisations twice
 * would otherwise be 2,000 template nodes a page. Each starts with "Any". */
static void set_option_html(struct request *req, const char *node, const char *param,
			    const struct view_option *options, size_t count)
{
	view_set_options(req, node, options, count, q_text(req, param));
}

/* The choices of the form's selects (each starts with an "any" choice). */
/* One choice of a filter's select: <node>.<i>.{Value,Text}. */
static void set_choice(struct request *req, const char *node, size_t i, long long id,
		       const char *text)
{
	view_set_int(req, arena_printf(req->arena, "%s.%zu.Value", node, i), id);
	view_set(req, arena_printf(req->arena, "%s.%zu.Text", node, i), text);
}

/* The names behind the form's choices, for the chosen filters' tags. */
struct list_choices {
	struct view_option *orgs, *people;
	size_t org_count, people_count;
	struct issue_list issues;
	struct closure_reason_list reasons;
};

/* The organisation selects offer every organisation (500 at the design scale, 28 kB of
 * options each): only where the choice can narrow the list. An organisation's own side of its
 * list is always itself (the receiver of Received, the sender of Sent), so that select is not
 * offered there; an administrator's lists have both. A bookmarked value still filters and
 * shows as a removable tag. */
static enum db_status set_form_choices(struct request *req, enum referral_list_scope scope,
				       struct list_choices *c)
{
	struct arena *a = req->arena;
	enum db_status st;
	const char *const anys[] = { "Statuses", "Issues", "Reasons" };
	for (size_t i = 0; i < sizeof anys / sizeof *anys; i++) {
		view_set(req, arena_printf(a, "%s.0.Value", anys[i]), "");
		view_set(req, arena_printf(a, "%s.0.Text", anys[i]), "Any");
	}
	struct catalog_org *orgs;
	size_t org_count;
	if ((st = catalog_organisations(a, false, &orgs, &org_count)) != DB_OK)
		return st;
	struct view_option *choices = arena_alloc(a, (org_count + 1) * sizeof *choices);
	choices[0] = (struct view_option){ "", "Any" };
	for (size_t i = 0; i < org_count; i++)
		choices[i + 1] =
			(struct view_option){ arena_printf(a, "%lld", orgs[i].id), orgs[i].name };
	if (scope != REFERRAL_LIST_SENT)
		set_option_html(req, "OrgOptions.Sending", "sending_org", choices, org_count + 1);
	if (scope != REFERRAL_LIST_RECEIVED)
		set_option_html(req, "OrgOptions.Receiving", "receiving_org", choices,
				org_count + 1);
	c->orgs = choices;
	c->org_count = org_count + 1;
	struct referral_list_options staff;
	if ((st = referral_list_staff(a, req->session->org_id, &req->session->staff_generation,
				      &staff)) != DB_OK)
		return st;
	struct view_option *people = arena_alloc(a, (staff.count + 1) * sizeof *people);
	people[0] = (struct view_option){ "", "Any" };
	for (size_t i = 0; i < staff.count; i++)
		people[i + 1] = (struct view_option){ arena_printf(a, "%lld", staff.items[i].id),
						      staff.items[i].name };
	set_option_html(req, "StaffOptions", "created_by", people, staff.count + 1);
	c->people = people;
	c->people_count = staff.count + 1;
	for (int i = 0; i < STATUS__COUNT; i++) {
		const struct vocab_term *term = status_term((enum referral_status)i);
		view_set(req, arena_printf(a, "Statuses.%d.Value", i + 1), term->name);
		view_set(req, arena_printf(a, "Statuses.%d.Text", i + 1), term->label);
	}
	if ((st = issue_list_all(a, &c->issues)) != DB_OK)
		return st;
	for (size_t i = 0; i < c->issues.count; i++)
		set_choice(req, "Issues", i + 1, c->issues.items[i].id, c->issues.items[i].name);
	if ((st = closure_reason_list(a, &c->reasons)) != DB_OK)
		return st;
	for (size_t i = 0; i < c->reasons.count; i++)
		set_choice(req, "Reasons", i + 1, c->reasons.items[i].id, c->reasons.items[i].name);
	for (int i = 0; i < REFERRAL_SORT__MAX; i++) {
		view_set(req, arena_printf(a, "Sorts.%d.Value", i), sort_names[i]);
		view_set(req, arena_printf(a, "Sorts.%d.Text", i), sort_texts[i]);
	}
	return DB_OK;
}

/* The created from / to filters: local days as UTC times. */
static void read_created(struct request *req, struct referral_filter *f)
{
	struct arena *a = req->arena;
	struct valid_date from = { 0 }, to = { 0 };
	const char *from_text = q_text(req, "from"), *to_text = q_text(req, "to");
	if (from_text[0] != '\0') {
		if (valid_date_parse_iso(from_text, &from) != NULL)
			form_error(req, "from",
				   "Created from must be a real date, like 2026-11-23");
		else
			f->created_from = local_midnight_utc(a, from, 0);
	}
	if (to_text[0] != '\0') {
		if (valid_date_parse_iso(to_text, &to) != NULL)
			form_error(req, "to", "Created to must be a real date, like 2026-11-23");
		else
			f->created_before = local_midnight_utc(a, to, 1);
	}
	if (f->created_from != NULL && f->created_before != NULL && strcmp(from_text, to_text) > 0)
		form_error(req, "to", "Created to must be the same as or after created from");
}

/* The status (one of the vocabulary's) and open / closed filters. */
static void read_status(struct request *req, struct referral_filter *f)
{
	const char *status = q_text(req, "status");
	if (status[0] != '\0') {
		if (status_from_name(status) != STATUS_UNKNOWN)
			f->status = status;
		else
			form_error(req, "status", "Choose a status from the list");
	}
	const char *state = q_text(req, "state");
	f->state = REFERRAL_STATE__MAX;
	for (int i = 0; i < REFERRAL_STATE__MAX; i++)
		if (strcmp(referral_state_names[i], state) == 0)
			f->state = (enum referral_state)i;
	if (f->state == REFERRAL_STATE__MAX) {
		f->state = REFERRAL_STATE_ANY;
		form_error(req, "state", "Choose open, closed or either");
	}
}

static void read_sort_and_page(struct request *req, struct referral_filter *f)
{
	const char *sort = q_text(req, "sort");
	f->sort = REFERRAL_SORT_NEWEST;
	if (sort[0] != '\0') {
		int found = -1;
		for (int i = 0; i < REFERRAL_SORT__MAX; i++)
			if (strcmp(sort_names[i], sort) == 0)
				found = i;
		if (found < 0)
			form_error(req, "sort", "Choose how to sort from the list");
		else
			f->sort = (enum referral_list_sort)found;
	}
	const char *page_text = http_query(req, "page");
	f->page = 1;
	if (page_text != NULL && page_text[0] != '\0' &&
	    valid_int_range(page_text, 1, 1000000, &f->page) != VALID_INT_OK) {
		form_error(req, "page", "Page must be a whole number from 1");
		f->page = 1;
	}
}

/* Every filter of the query string into f, with an error beside each field that makes no
 * sense. */
static void read_filter(struct request *req, bool sent, struct valid_date today,
			struct referral_filter *f)
{
	struct session *s = req->session;
	f->scope = s->is_admin ? REFERRAL_LIST_ALL
		   : sent      ? REFERRAL_LIST_SENT
			       : REFERRAL_LIST_RECEIVED;
	f->org_id = s->org_id;
	f->generation = &s->referral_generation; /* the counts' copies */
	f->today = iso_of(req->arena, today);
	f->query = q_text(req, "q");
	if (strlen(f->query) > 200)
		form_error(req, "q", "Search must be 200 characters or fewer");
	f->referral_id = id_param(req, "id", "Referral ID must be a number, like 1234");
	read_created(req, f);
	f->sending_org_id =
		id_param(req, "sending_org", "Choose a sending organisation from the list");
	f->receiving_org_id =
		id_param(req, "receiving_org", "Choose a receiving organisation from the list");
	f->created_by = id_param(req, "created_by", "Choose a member of staff from the list");
	read_status(req, f);
	f->closure_reason_id = id_param(req, "reason", "Choose a closure reason from the list");
	list_filter_ages(req, today, &f->born_on_or_before, &f->born_after);
	f->issue_id = id_param(req, "issue", "Choose an issue from the list");
	f->urgent = q_checked(req, "urgent");
	f->overdue = q_checked(req, "overdue");
	f->unresolved = q_checked(req, "unresolved");
	read_sort_and_page(req, f);
}

/* The table's rows: each status tag from the vocabulary, the due date of its state and the
 * attention marks. */
static void set_rows(struct request *req, const struct referral_page *result, const char *today,
		     bool sent)
{
	struct arena *a = req->arena;
	if (result->count == 0)
		return; /* no Rows node at all: the template tells an empty list by that */
	struct _hdf *rows = view_node(req, "Rows");
	for (size_t i = 0; i < result->count; i++) {
		const struct referral_row *r = &result->items[i];
		enum referral_status state = status_from_name(r->status);
		const struct vocab_term *term = status_term(state);
		struct _hdf *row = view_item(rows, i);
		view_node_set_int(row, "Id", r->id);
		view_node_set(row, "Client", arena_printf(a, "%s %s", r->first_name, r->last_name));
		view_node_set(row, "Born", short_date(a, r->date_of_birth));
		view_node_set(row, "Issue", r->issue);
		view_node_set(row, "Sending", r->sending_org);
		view_node_set(row, "Receiving", r->receiving_org);
		view_node_set(row, "Status", r->status);
		view_node_set(row, "StatusText", term->label);
		view_node_set(row, "StatusColour", term->colour);
		view_node_set(row, "Reason", r->closure_reason);
		view_node_set(row, "Created", page_short_local_date(a, r->created_at));
		const char *due = referral_current_due(state, r->update_due, r->close_due);
		if (due != NULL) {
			view_node_set(row, "Due", short_date(a, due));
			view_node_set_int(
				row, "Overdue",
				referral_is_overdue(state, r->update_due, r->close_due, today));
		}
		view_node_set_int(row, "Urgent", r->urgent);
		view_node_set_int(row, "Unresolved", r->unresolved);
		view_node_set_int(row, "ConsentExpired", r->consent_expired);
		/* issue 15: the row names the client; one entry per client shown, written with
		 * the others in one INSERT after the answer, and only if the list was shown */
		page_access(req, sent ? ACCESS_LIST_SENT : ACCESS_LIST_RECEIVED, r->client_id);
	}
}

/* The count and the links to other pages, each keeping every filter. */
static void set_pages(struct request *req, const char *path, const struct referral_page *result)
{
	struct arena *a = req->arena;
	view_set_int(req, "List.Total", result->total);
	view_set(req, "List.MoreThan",
		 page_thousands(a, (long long)REFERRAL_LIST_PAGE_MAX * REFERRAL_LIST_PAGE_SIZE));
	view_set_int(req, "List.NameSortRefused", result->name_sort_refused);
	view_set_int(req, "List.More",
		     result->total > (long long)REFERRAL_LIST_PAGE_MAX * REFERRAL_LIST_PAGE_SIZE);
	view_set_int(req, "List.Page", result->page);
	view_set_int(req, "List.Pages", result->pages);
	const char *base = arena_printf(a, "%s%s?", req->config->base_path, path);
	for (size_t i = 0; i < sizeof params / sizeof *params; i++) {
		const char *v = http_query(req, params[i]);
		if (v != NULL && v[0] != '\0')
			base = arena_printf(a, "%s%s=%s&", base, params[i], page_url_encode(a, v));
	}
	int item = 0;
	for (long long p = 1; p <= result->pages; p++) {
		bool near = p == 1 || p == result->pages ||
			    (p >= result->page - 2 && p <= result->page + 2);
		if (!near) {
			if (p == 2 || p == result->pages - 1) {
				view_set_int(req, arena_printf(a, "Pages.%d.Ellipsis", item++), 1);
			}
			continue;
		}
		view_set_int(req, arena_printf(a, "Pages.%d.Number", item), p);
		view_set(req, arena_printf(a, "Pages.%d.Href", item),
			 arena_printf(a, "%spage=%lld", base, p));
		view_set_int(req, arena_printf(a, "Pages.%d.Current", item), p == result->page);
		item++;
	}
	if (result->page > 1)
		view_set(req, "List.Prev", arena_printf(a, "%spage=%lld", base, result->page - 1));
	if (result->page < result->pages)
		view_set(req, "List.Next", arena_printf(a, "%spage=%lld", base, result->page + 1));
}

/* The text of the option whose value is the query parameter's ("" when none is). */
static const char *option_text(struct request *req, const char *param,
			       const struct view_option *options, size_t count)
{
	const char *value = http_query(req, param);
	for (size_t i = 0; value != NULL && value[0] != '\0' && i < count; i++)
		if (strcmp(options[i].value, value) == 0)
			return options[i].text;
	return "";
}

/* The chosen filters as removable tags above the table (components/filter_list.cs). */
static void set_filter_tags(struct request *req, const char *path, const struct referral_filter *f,
			    const struct list_choices *c)
{
	struct arena *a = req->arena;
	struct filter_tags t;
	filter_tags_begin(&t, req, path, params, sizeof params / sizeof *params);
	filter_tag(&t, "q", "Search", f->query);
	filter_tag(&t, "id", "Referral", arena_printf(a, "#%lld", f->referral_id));
	filter_tag(&t, "from", "Created from", page_long_date(a, http_query(req, "from")));
	filter_tag(&t, "to", "Created to", page_long_date(a, http_query(req, "to")));
	filter_tag(&t, "sending_org", "From",
		   option_text(req, "sending_org", c->orgs, c->org_count));
	filter_tag(&t, "receiving_org", "To",
		   option_text(req, "receiving_org", c->orgs, c->org_count));
	filter_tag(&t, "created_by", "Created by",
		   option_text(req, "created_by", c->people, c->people_count));
	if (f->status != NULL)
		filter_tag(&t, "status", "Status", status_term(status_from_name(f->status))->label);
	filter_tag(&t, "state", NULL, f->state == REFERRAL_STATE_OPEN ? "Open" : "Closed");
	for (size_t i = 0; i < c->reasons.count; i++)
		if (c->reasons.items[i].id == f->closure_reason_id)
			filter_tag(&t, "reason", "Closure reason", c->reasons.items[i].name);
	filter_tag(&t, "age_from", "Age from", http_query(req, "age_from"));
	filter_tag(&t, "age_to", "Age to", http_query(req, "age_to"));
	for (size_t i = 0; i < c->issues.count; i++)
		if (c->issues.items[i].id == f->issue_id)
			filter_tag(&t, "issue", "Issue", c->issues.items[i].name);
	filter_tag(&t, "urgent", NULL, "Urgent");
	filter_tag(&t, "overdue", NULL, "Overdue");
	filter_tag(&t, "unresolved", NULL, "Unresolved");
}

static void list_page(struct request *req, bool sent)
{
	struct arena *a = req->arena;
	struct session *s = req->session;
	const char *path = sent ? "/referrals/sent" : "/referrals/received";
	struct referral_filter f = { 0 };
	read_filter(req, sent, page_today(), &f);

	struct list_choices choices;
	enum db_status st = set_form_choices(req, f.scope, &choices);
	if (st != DB_OK) {
		page_database_failed(req, st);
		return;
	}
	view_set(req, "List.Path", path);
	view_set(req, "List.Title", sent ? "Sent referrals" : "Received referrals");
	view_set_int(req, "List.Sent", sent);
	view_set_int(req, "List.AllOrganisations", s->is_admin);
	const char *title = sent ? "Sent referrals" : "Received referrals";
	if (form_has_errors(req)) {
		view_render(req, 400, "pages/lists/list.cs", title);
		return;
	}

	struct settings_timeframes timeframes;
	struct referral_page result;
	if ((st = settings_load_timeframes(a, &timeframes)) == DB_OK) {
		f.consent_expiry_days = timeframes.consent_expiry_days;
		st = referral_list(a, &f, &result);
	}
	if (st != DB_OK) {
		page_database_failed(req, st);
		return;
	}
	set_rows(req, &result, f.today, sent);
	set_pages(req, path, &result);
	set_filter_tags(req, path, &f, &choices);
	view_render(req, 200, "pages/lists/list.cs", title);
}

void page_referrals_sent(struct request *req)
{
	list_page(req, true);
}

void page_referrals_received(struct request *req)
{
	list_page(req, false);
}
