/* The audit log page: every recorded change and sign-in, newest first, filtered by action,
 * person, organisation, dates and subject, a page at a time (cursor links both ways). */
#include "admin_audit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../render.h"
#include "../validate.h"
#include "../model/audit_log.h"
#include "list_filters.h"
#include "access.h"
#include "pages.h"

#define SEARCH_MAX 100

/* Words for what the log stores: actions, administration areas, subject types. */
struct label {
	const char *key;
	const char *text;
};

static const struct label action_labels[] = {
	{ "signin", "Signed in" },
	{ "signin_failed", "Sign-in failed" },
	{ "signin_refused_inactive", "Sign-in refused: account deactivated" },
	{ "signout", "Signed out" },
	{ "switch_org", "Switched organisation" },
	{ "admin.staff.add_membership", "Staff: manual membership added" },
	{ "admin.staff.remove_membership", "Staff: manual membership removed" },
	{ "admin.staff.deactivate", "Staff: deactivated" },
	{ "admin.staff.reactivate", "Staff: reactivated" },
	/* issue 13: organisation roles, staff managed by managers */
	{ "org.staff.add", "Organisation staff: member added" },
	{ "org.staff.add_pending", "Organisation staff: added, joins at first sign-in" },
	{ "org.staff.cancel_pending", "Organisation staff: addition cancelled" },
	{ "org.staff.role", "Organisation staff: role changed" },
	{ "org.staff.remove", "Organisation staff: membership removed" },
	{ "admin.directory_group.role", "Directory groups: role changed" },
	/* issue 13: an organisation's lead changing it (an administrator's: admin.organisation.*)
	 */
	{ "organisation.pause", "Organisation's own change: referrals paused" },
	{ "organisation.resume", "Organisation's own change: referrals resumed" },
	{ "organisation.banner", "Organisation's own change: banner alert" },
	{ "admin.organisation.pause", "Organisations: referrals paused" },
	{ "admin.organisation.resume", "Organisations: referrals resumed" },
	{ "admin.organisation.banner", "Organisations: banner alert changed" },
};

static const struct label area_labels[] = {
	{ "bank_holiday", "Bank holidays" },
	{ "closure_reason", "Closure reasons" },
	{ "issue", "Issues" },
	{ "list", "Titles, genders and pronouns" },
	{ "local_authority", "Local authorities" },
	{ "organisation", "Organisations" },
	{ "postcode", "Postcodes" },
	{ "question", "Questionnaires" },
	{ "reference", "Titles, genders and pronouns" },
	{ "reference_value", "Titles, genders and pronouns" },
	{ "setting", "Settings" },
	{ "settings", "Settings" },
	{ "staff", "Staff" },
	/* issue 13 */
	{ "directory_group", "Directory groups" },
};

static const struct label subject_labels[] = {
	{ "bank_holiday", "Bank holiday" },
	{ "closure_reason", "Closure reason" },
	{ "issue", "Issue" },
	{ "local_authority", "Local authority" },
	{ "organisation", "Organisation" },
	{ "postcode", "Postcode" },
	{ "question", "Question" },
	{ "reference_value", "List value" },
	{ "setting", "Setting" },
	{ "staff", "Staff member" },
	/* issue 13 */
	{ "directory_group", "Directory group" },
	{ "staff_pending", "Person to join" },
};

/* The action filter's fixed choices; the administration areas in the log are added to them. */
static const struct label fixed_action_choices[] = {
	{ "signin", "Sign-ins, including failed and refused ones" },
	{ "signin_failed", "Failed sign-ins" },
	{ "signout", "Sign-outs" },
	{ "switch_org", "Organisation switches" },
	{ "admin.", "Every administrative change" },
	/* issue 13 */
	{ "org.", "Every change by an organisation's manager" },
	{ "organisation.", "Every change by an organisation's lead to their organisation" },
};

static const char *label_of(const struct label *table, size_t count, const char *key,
			    size_t key_len)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(table[i].key) == key_len && strncmp(table[i].key, key, key_len) == 0)
			return table[i].text;
	return NULL;
}

/* "closure_reason" → "Closure reason": for names the tables do not know yet. */
static const char *humanise(struct arena *arena, const char *text, size_t len)
{
	char *out = arena_strndup(arena, text, len);
	for (char *p = out; *p; p++)
		if (*p == '_' || *p == '.')
			*p = ' ';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

static const char *area_label(struct arena *arena, const char *area, size_t len)
{
	const char *known = label_of(area_labels, PAGE_COUNT_OF(area_labels), area, len);
	return known ? known : humanise(arena, area, len);
}

static const char *action_label(struct arena *arena, const char *action)
{
	const char *known =
		label_of(action_labels, PAGE_COUNT_OF(action_labels), action, strlen(action));
	if (known)
		return known;
	/* organisation.profile.<field>, the lead's edit: "Organisation's own change: capacity" */
	if (strncmp(action, "organisation.profile.", 21) == 0 && action[21] != '\0') {
		char *field = (char *)humanise(arena, action + 21, strlen(action + 21));
		field[0] = action[21];
		return arena_printf(arena, "Organisation's own change: %s", field);
	}
	/* admin.<area>.<verb>: "Closure reasons: rename" */
	if (strncmp(action, "admin.", 6) == 0) {
		const char *area = action + 6, *dot = strchr(area, '.');
		if (dot != NULL) {
			const char *verb = humanise(arena, dot + 1, strlen(dot + 1));
			char *lower = arena_strdup(arena, verb);
			lower[0] = dot[1];
			return arena_printf(arena, "%s: %s",
					    area_label(arena, area, (size_t)(dot - area)), lower);
		}
	}
	return humanise(arena, action, strlen(action));
}

static const char *subject_label(struct arena *arena, const char *type)
{
	const char *known =
		label_of(subject_labels, PAGE_COUNT_OF(subject_labels), type, strlen(type));
	return known ? known : humanise(arena, type, strlen(type));
}

/* The label of an action filter value (a prefix), whether or not the log has it yet. */
static const char *action_choice_label(struct arena *arena, const char *value)
{
	const char *known = label_of(fixed_action_choices, PAGE_COUNT_OF(fixed_action_choices),
				     value, strlen(value));
	if (known)
		return known;
	size_t len = strlen(value);
	if (strncmp(value, "admin.", 6) == 0 && len > 7 && value[len - 1] == '.' &&
	    memchr(value + 6, '.', len - 7) == NULL)
		return arena_printf(arena, "Administration: %s",
				    area_label(arena, value + 6, len - 7));
	if (len > 1 && value[len - 1] == '.')
		return arena_printf(arena, "%s: every action", humanise(arena, value, len - 1));
	return action_label(arena, value);
}

static bool name_shaped(const char *text, size_t max, const char *allowed)
{
	size_t len = strlen(text);
	return len > 0 && len <= max && strspn(text, allowed) == len;
}

#define ACTION_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_."
#define SUBJECT_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_"

/* The choices of a filter's select, without repeats, in the order added. */
struct choices {
	struct label *items;
	size_t count;
	size_t capacity;
};

static void choice_add(struct arena *arena, struct choices *list, const char *value,
		       const char *text)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].key, value) == 0)
			return;
	list->items = arena_grow(arena, list->items, list->count, &list->capacity,
				 sizeof *list->items, 32);
	list->items[list->count++] = (struct label){ value, text };
}

static void choices_set(struct request *req, const char *node, const struct choices *list)
{
	for (size_t i = 0; i < list->count; i++) {
		view_set(req, arena_printf(req->arena, "%s.%zu.Value", node, i),
			 list->items[i].key);
		view_set(req, arena_printf(req->arena, "%s.%zu.Text", node, i),
			 list->items[i].text);
	}
}

/* Date filter messages name their field: "Date must include a month" → "From date must ...". */
static const char *date_message(struct arena *arena, const char *message, const char *label)
{
	if (strncmp(message, "Date ", 5) == 0)
		return arena_printf(arena, "%s%s", label, message + 4);
	char *lower = arena_strdup(arena, label);
	lower[0] = (char)(lower[0] - 'A' + 'a');
	if (strncmp(message, "Enter a date", 12) == 0)
		return arena_printf(arena, "Enter the %s%s", lower, message + 12);
	if (strncmp(message, "Year ", 5) == 0)
		return arena_printf(arena, "The year of the %s%s", lower, message + 4);
	return message;
}

/* A date filter: the three GOV.UK boxes <name>_day, _month, _year, or <name>=YYYY-MM-DD (for
 * links and bookmarks). *present false when left empty; false after adding an error. */
static bool read_date(struct request *req, const char *name, const char *label,
		      struct valid_date *date, bool *present)
{
	struct arena *a = req->arena;
	const char *day = page_query_text(req, arena_printf(a, "%s_day", name));
	const char *month = page_query_text(req, arena_printf(a, "%s_month", name));
	const char *year = page_query_text(req, arena_printf(a, "%s_year", name));
	const char *iso = page_query_text(req, name);
	const char *message;
	*present = true;
	if (day[0] || month[0] || year[0]) {
		message = valid_date(day, month, year, date);
	} else if (iso[0]) {
		message = valid_date_parse_iso(iso, date);
		/* show it in the boxes: as the date, or as far as it splits into three parts */
		int y, m, d, end = 0;
		if (message == NULL) {
			form_keep(req, arena_printf(a, "%s_day", name),
				  arena_printf(a, "%d", date->day));
			form_keep(req, arena_printf(a, "%s_month", name),
				  arena_printf(a, "%d", date->month));
			form_keep(req, arena_printf(a, "%s_year", name),
				  arena_printf(a, "%d", date->year));
		} else if (sscanf(iso, "%d-%d-%d%n", &y, &m, &d, &end) == 3 && iso[end] == '\0') {
			form_keep(req, arena_printf(a, "%s_day", name), arena_printf(a, "%d", d));
			form_keep(req, arena_printf(a, "%s_month", name), arena_printf(a, "%d", m));
			form_keep(req, arena_printf(a, "%s_year", name), arena_printf(a, "%d", y));
		}
	} else {
		*present = false;
		return true;
	}
	if (message != NULL) {
		form_error(req, name, date_message(a, message, label));
		return false;
	}
	return true;
}

/* Midnight at the start of a local day (plus days), as UTC for the database. */
static const char *utc_midnight(struct arena *arena, struct valid_date date, int days)
{
	struct tm tm = { .tm_year = date.year - 1900,
			 .tm_mon = date.month - 1,
			 .tm_mday = date.day + days,
			 .tm_isdst = -1 };
	time_t when = mktime(&tm);
	struct tm utc;
	gmtime_r(&when, &utc);
	return arena_printf(arena, "%04d-%02d-%02d %02d:%02d:%02d", utc.tm_year + 1900,
			    utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

/* The filters as the page reads them from the URL. */
struct audit_view {
	struct audit_filter filter;
	const char *action;
	const char *who;
	const char *organisation;
	const char *from_iso;
	const char *to_iso;
	const char *subject_type;
	const char *subject_id;
	long long before;
	long long after;
	bool bad_cursor;
};

static void read_audit_filters(struct request *req, struct audit_view *v)
{
	struct arena *a = req->arena;
	memset(v, 0, sizeof *v);
	v->action = page_query_text(req, "action");
	if (v->action[0] && !name_shaped(v->action, 64, ACTION_CHARS))
		form_error(req, "action", "Choose an action from the list");
	v->filter.action_prefix = v->action;

	v->who = page_query_text(req, "who");
	if (valid_utf8_length(v->who) > SEARCH_MAX || valid_single_line(v->who) != NULL)
		form_error(req, "who", "Username must be on one line and 100 characters or fewer");

	v->organisation = page_query_text(req, "organisation");
	v->filter.organisation_id = page_parse_id(v->organisation);
	if (v->organisation[0] && v->filter.organisation_id == 0)
		form_error(req, "organisation", "Choose an organisation from the list");

	struct valid_date from, to;
	bool has_from = false, has_to = false;
	bool from_ok = read_date(req, "from", "From date", &from, &has_from);
	bool to_ok = read_date(req, "to", "To date", &to, &has_to);
	v->from_iso = v->to_iso = "";
	if (from_ok && to_ok && has_from && has_to && valid_date_compare(to, from) < 0)
		form_error(req, "to", "To date must be the same as or after the from date");
	if (from_ok && has_from) {
		char iso[VALID_DATE_ISO_SIZE];
		valid_date_to_iso(from, iso);
		v->from_iso = arena_strdup(a, iso);
		v->filter.from_utc = utc_midnight(a, from, 0);
	}
	if (to_ok && has_to) {
		char iso[VALID_DATE_ISO_SIZE];
		valid_date_to_iso(to, iso);
		v->to_iso = arena_strdup(a, iso);
		/* the whole of the last day */
		v->filter.to_utc = utc_midnight(a, to, 1);
	}

	v->subject_type = page_query_text(req, "subject_type");
	v->subject_id = page_query_text(req, "subject_id");
	if (v->subject_type[0] && !name_shaped(v->subject_type, 32, SUBJECT_CHARS))
		form_error(req, "subject_type", "Choose a kind of subject from the list");
	if (v->subject_id[0] && valid_int_range(v->subject_id, 1, 999999999999999999LL,
						&v->filter.subject_id) != VALID_INT_OK)
		form_error(req, "subject_id", "Subject number must be a whole number, like 42");
	else if (v->subject_id[0] && !v->subject_type[0])
		form_error(req, "subject_type", "Choose the kind of subject the number belongs to");
	v->filter.subject_type = v->subject_type;

	const char *before = http_query(req, "before"), *after = http_query(req, "after");
	v->before = page_parse_id(before);
	v->after = page_parse_id(after);
	v->bad_cursor = (before && before[0] && v->before == 0) ||
			(after && after[0] && v->after == 0) || (v->before && v->after);
}

/* The URL of the audit page with these filters (and a cursor: "before=12" or ""). */
static const char *audit_href(struct request *req, const struct audit_view *v, const char *cursor)
{
	struct arena *a = req->arena;
	const char *q = "";
	q = page_query_add(a, q, "action", v->action);
	q = page_query_add(a, q, "who", v->who);
	q = page_query_add(a, q, "organisation", v->organisation);
	q = page_query_add(a, q, "from", v->from_iso);
	q = page_query_add(a, q, "to", v->to_iso);
	q = page_query_add(a, q, "subject_type", v->subject_type);
	q = page_query_add(a, q, "subject_id", v->subject_id);
	if (cursor[0])
		q = arena_printf(a, "%s%s%s", q, q[0] ? "&" : "", cursor);
	return arena_printf(a, "%s/admin/audit%s%s", req->config->base_path, q[0] ? "?" : "", q);
}

/* The filter form's choices: actions and subject types found in the log, organisations. */
static enum db_status set_audit_choices(struct request *req, const struct audit_view *v)
{
	struct arena *a = req->arena;
	struct audit_names actions, types;
	struct audit_orgs orgs;
	enum db_status status = audit_log_actions(a, &actions);
	if (status == DB_OK)
		status = audit_log_subject_types(a, &types);
	if (status == DB_OK)
		status = audit_log_organisations(a, &orgs);
	if (status != DB_OK)
		return status;

	struct choices list = { 0 };
	choice_add(a, &list, "", "Any action");
	for (size_t i = 0; i < PAGE_COUNT_OF(fixed_action_choices); i++)
		choice_add(a, &list, fixed_action_choices[i].key, fixed_action_choices[i].text);
	for (size_t i = 0; i < actions.count; i++) {
		const char *action = actions.items[i], *dot;
		if (strncmp(action, "admin.", 6) == 0 && (dot = strchr(action + 6, '.')) != NULL) {
			const char *prefix = arena_strndup(a, action, (size_t)(dot - action) + 1);
			choice_add(a, &list, prefix, action_choice_label(a, prefix));
		} else if ((dot = strchr(action, '.')) != NULL) {
			const char *prefix = arena_strndup(a, action, (size_t)(dot - action) + 1);
			choice_add(a, &list, prefix, action_choice_label(a, prefix));
		} else if (strncmp(action, "signin", 6) != 0) {
			choice_add(a, &list, action, action_label(a, action));
		}
	}
	/* a bookmarked choice the log has no rows for (yet) */
	if (v->action[0] && name_shaped(v->action, 64, ACTION_CHARS))
		choice_add(a, &list, v->action, action_choice_label(a, v->action));
	choices_set(req, "ActionChoices", &list);

	struct choices org_list = { 0 };
	choice_add(a, &org_list, "", "Any organisation");
	for (size_t i = 0; i < orgs.count; i++)
		choice_add(a, &org_list, arena_printf(a, "%lld", orgs.items[i].id),
			   orgs.items[i].active
				   ? orgs.items[i].name
				   : arena_printf(a, "%s (deactivated)", orgs.items[i].name));
	choices_set(req, "OrgChoices", &org_list);

	struct choices type_list = { 0 };
	choice_add(a, &type_list, "", "Any subject");
	for (size_t i = 0; i < types.count; i++)
		choice_add(a, &type_list, types.items[i], subject_label(a, types.items[i]));
	if (v->subject_type[0] && name_shaped(v->subject_type, 32, SUBJECT_CHARS))
		choice_add(a, &type_list, v->subject_type, subject_label(a, v->subject_type));
	choices_set(req, "SubjectChoices", &type_list);
	return DB_OK;
}

static void set_event(struct request *req, size_t i, const struct audit_event *e)
{
	struct arena *a = req->arena;
	const char *at = arena_printf(a, "Events.%zu", i);
	view_set_int(req, arena_printf(a, "%s.Id", at), e->id);
	view_set(req, arena_printf(a, "%s.When", at), page_local_time(a, e->occurred_at));
	view_set(req, arena_printf(a, "%s.WhoName", at), e->staff_name);
	view_set(req, arena_printf(a, "%s.WhoUsername", at), e->staff_username);
	view_set(req, arena_printf(a, "%s.Org", at), e->organisation_name);
	view_set(req, arena_printf(a, "%s.Action", at), action_label(a, e->action));
	view_set(req, arena_printf(a, "%s.ActionCode", at), e->action);
	if (e->subject_type != NULL) {
		view_set(req, arena_printf(a, "%s.SubjectType", at),
			 subject_label(a, e->subject_type));
		if (e->subject_id)
			view_set_int(req, arena_printf(a, "%s.SubjectId", at), e->subject_id);
		view_set(req, arena_printf(a, "%s.SubjectName", at), e->subject_name);
		/* issue 15: the event may show a client's details: who looked */
		if (strcmp(e->subject_type, "client") == 0)
			page_access(req, ACCESS_AUDIT_CLIENT, e->subject_id);
		else if (strcmp(e->subject_type, "referral") == 0)
			page_access(req, ACCESS_AUDIT_REFERRAL, e->subject_id);
		if (strcmp(e->subject_type, "staff") == 0 && e->subject_id)
			view_set(req, arena_printf(a, "%s.SubjectHref", at),
				 arena_printf(a, "%s/admin/staff/%lld", req->config->base_path,
					      e->subject_id));
	}
	view_set(req, arena_printf(a, "%s.Old", at), e->old_value);
	view_set(req, arena_printf(a, "%s.New", at), e->new_value);
	view_set(req, arena_printf(a, "%s.Detail", at), e->detail);
	view_set(req, arena_printf(a, "%s.Address", at), e->remote_addr);
}

/* The chosen filters as removable tags above the events (components/filter_list.cs). */
static void set_audit_tags(struct request *req, const struct audit_view *v)
{
	static const char *const params[] = { "action",	      "who",	   "from_day",
					      "from_month",   "from_year", "to_day",
					      "to_month",     "to_year",   "organisation",
					      "subject_type", "subject_id" };
	struct arena *a = req->arena;
	struct filter_tags t;
	filter_tags_begin(&t, req, "/admin/audit", params, PAGE_COUNT_OF(params));
	filter_tag(&t, "action", "Action",
		   list_filter_choice_text(req, "ActionChoices", v->action));
	filter_tag(&t, "who", "Username", v->who);
	filter_tag(&t, "from", "From", page_long_date(a, v->from_iso));
	filter_tag(&t, "to", "To", page_long_date(a, v->to_iso));
	filter_tag(&t, "organisation", "Organisation",
		   list_filter_choice_text(req, "OrgChoices", v->organisation));
	filter_tag(&t, "subject_type", "Subject",
		   list_filter_choice_text(req, "SubjectChoices", v->subject_type));
	filter_tag(&t, "subject_id", "Subject number", v->subject_id);
}

static void render_audit(struct request *req, int status)
{
	view_set(req, "TimeZone", req->config->time_zone);
	view_render(req, status, "pages/admin/audit.cs", "Audit log");
}

/* The who filter: one person by username, or (true: the page is answered) a choice when
 * several usernames start that way. */
static bool choose_who(struct request *req, struct audit_view *v, enum db_status *status)
{
	struct arena *a = req->arena;
	struct audit_people people;
	*status = audit_log_find_staff(a, v->who, 20, &people);
	if (*status != DB_OK)
		return true;
	if (people.count == 1) {
		v->filter.staff_id = people.items[0].id;
		view_set(req, "WhoName", people.items[0].display_name);
		return false;
	}
	for (size_t i = 0; i < people.count; i++) {
		struct audit_view one = *v;
		one.who = people.items[i].username;
		const char *at = arena_printf(a, "WhoChoices.%zu", i);
		view_set(req, arena_printf(a, "%s.Username", at), people.items[i].username);
		view_set(req, arena_printf(a, "%s.Name", at), people.items[i].display_name);
		view_set(req, arena_printf(a, "%s.Href", at), audit_href(req, &one, ""));
	}
	view_set_int(req, "WhoMatches", (long long)people.count);
	render_audit(req, 200);
	return true;
}

/* One page of events at the view's cursor, and whether there are newer and older ones. */
struct audit_window {
	struct audit_page page;
	bool newest, has_newer, has_older;
};

static enum db_status read_window(struct arena *a, const struct audit_view *v,
				  struct audit_window *w)
{
	struct audit_page *page = &w->page;
	enum db_status status;
	w->newest = v->before == 0 && v->after == 0;
	if (v->after) {
		status = audit_log_list(a, &v->filter, v->after, AUDIT_NEWER, AUDIT_LOG_PAGE_SIZE,
					page);
		/* fewer than a page newer than the cursor: that is the newest page */
		if (status == DB_OK && page->cursor_found && !page->more) {
			w->newest = true;
			status = audit_log_list(a, &v->filter, 0, AUDIT_OLDER, AUDIT_LOG_PAGE_SIZE,
						page);
		}
	} else {
		status = audit_log_list(a, &v->filter, v->before, AUDIT_OLDER, AUDIT_LOG_PAGE_SIZE,
					page);
	}
	if (status != DB_OK || !page->cursor_found)
		return status;
	w->has_older = !v->after || w->newest ? page->more : false;
	w->has_newer = v->after && !w->newest;
	if (page->count > 0 && !w->newest && !w->has_newer) {
		struct audit_page probe;
		status = audit_log_list(a, &v->filter, page->items[0].id, AUDIT_NEWER, 0, &probe);
		w->has_newer = status == DB_OK && probe.more;
	}
	if (page->count > 0 && v->after && !w->newest) {
		struct audit_page probe;
		status = audit_log_list(a, &v->filter, page->items[page->count - 1].id, AUDIT_OLDER,
					0, &probe);
		w->has_older = status == DB_OK && probe.more;
	}
	return status;
}

void page_admin_audit(struct request *req)
{
	struct arena *a = req->arena;
	struct audit_view v;
	read_audit_filters(req, &v);
	enum db_status status = set_audit_choices(req, &v);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	view_set(req, "ClearHref", arena_printf(a, "%s/admin/audit", req->config->base_path));
	if (form_has_errors(req)) {
		render_audit(req, 400);
		return;
	}
	set_audit_tags(req, &v);
	struct audit_window w = { 0 };
	if (!v.bad_cursor && v.who[0] && choose_who(req, &v, &status)) {
		if (status != DB_OK)
			page_database_failed(req, status);
		return;
	}
	if (!v.bad_cursor)
		status = read_window(a, &v, &w);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (v.bad_cursor || !w.page.cursor_found) {
		view_error(req, 400,
			   "This page link is not valid. Go back to the audit log and try again.");
		return;
	}
	const struct audit_page *page = &w.page;
	for (size_t i = 0; i < page->count; i++)
		set_event(req, i, &page->items[i]);
	view_set_int(req, "EventCount", (long long)page->count);
	view_set_int(req, "Newest", w.newest);
	if (!w.newest)
		view_set(req, "NewestHref", audit_href(req, &v, ""));
	if (w.has_newer && page->count > 0)
		view_set(req, "Paging.Prev",
			 audit_href(req, &v, arena_printf(a, "after=%lld", page->items[0].id)));
	if (w.has_older && page->count > 0)
		view_set(req, "Paging.Next",
			 audit_href(
				 req, &v,
				 arena_printf(a, "before=%lld", page->items[page->count - 1].id)));
	render_audit(req, 200);
}
