/* Staff: the list of everyone who has signed in, one person's page (memberships with their
 * source, manual memberships added and removed, deactivation). */
#include "admin_staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../config.h"
#include "../dates.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/audit_log.h"
#include "../model/org_role.h"
#include "../model/staff_admin.h"
#include "pages.h"

#define SEARCH_MAX 100

/* ---- the staff list ---- */

static void set_staff(struct request *req, const char *prefix, const struct staff_record *s)
{
	struct arena *a = req->arena;
	view_set_int(req, arena_printf(a, "%s.Id", prefix), s->id);
	view_set(req, arena_printf(a, "%s.Name", prefix), s->display_name);
	view_set(req, arena_printf(a, "%s.Username", prefix), s->username);
	view_set(req, arena_printf(a, "%s.Email", prefix), s->email);
	view_set(req, arena_printf(a, "%s.DirectoryDn", prefix), s->directory_dn);
	view_set_int(req, arena_printf(a, "%s.IsAdmin", prefix), s->is_admin);
	view_set_int(req, arena_printf(a, "%s.Active", prefix), s->active);
	view_set(req, arena_printf(a, "%s.LastSignIn", prefix),
		 page_local_time(a, s->last_signin_at));
	view_set(req, arena_printf(a, "%s.FirstSignIn", prefix), page_local_time(a, s->created_at));
	for (size_t m = 0; m < s->membership_count; m++) {
		const struct staff_membership *ms = &s->memberships[m];
		const char *at = arena_printf(a, "%s.Orgs.%zu", prefix, m);
		view_set_int(req, arena_printf(a, "%s.Id", at), ms->org_id);
		view_set(req, arena_printf(a, "%s.Name", at), ms->org_name);
		view_set_int(req, arena_printf(a, "%s.OrgActive", at), ms->org_active);
		view_set_int(req, arena_printf(a, "%s.Manual", at), ms->manual);
		view_set(req, arena_printf(a, "%s.GroupDn", at), ms->group_dn);
		view_set(req, arena_printf(a, "%s.AddedBy", at), ms->added_by);
		view_set(req, arena_printf(a, "%s.AddedAt", at), page_local_time(a, ms->added_at));
		view_set(req, arena_printf(a, "%s.Role", at), org_role_label(ms->role));
	}
}

static const char *staff_page_href(struct request *req, const char *search, long long page)
{
	const char *query = page_query_add(req->arena, "", "q", search);
	if (page > 1)
		query = page_query_add(req->arena, query, "page",
				       arena_printf(req->arena, "%lld", page));
	return arena_printf(req->arena, "%s/admin/staff%s%s", req->config->base_path,
			    query[0] ? "?" : "", query);
}

/* Numbered pages: the first, the last, and those next to the current one. */
static void set_pages(struct request *req, const char *search, long long page, long long last)
{
	size_t n = 0;
	bool gap = false;
	for (long long p = 1; p <= last; p++) {
		if (p != 1 && p != last && (p < page - 1 || p > page + 1)) {
			if (!gap)
				view_set_int(req,
					     arena_printf(req->arena, "Pages.%zu.Ellipsis", n++),
					     1);
			gap = true;
			continue;
		}
		gap = false;
		const char *at = arena_printf(req->arena, "Pages.%zu", n++);
		view_set_int(req, arena_printf(req->arena, "%s.Number", at), p);
		view_set(req, arena_printf(req->arena, "%s.Href", at),
			 staff_page_href(req, search, p));
		view_set_int(req, arena_printf(req->arena, "%s.Current", at), p == page);
	}
	if (page > 1)
		view_set(req, "Paging.Prev", staff_page_href(req, search, page - 1));
	if (page < last)
		view_set(req, "Paging.Next", staff_page_href(req, search, page + 1));
}

/* Bounded, whatever the URL says: not a number → the first page; too far → the last one the
 * list offers (and below, beyond the last page of results → that last page). */
static long long page_number(const char *text)
{
	if (text == NULL || text[0] == '\0' || strspn(text, "0123456789") != strlen(text))
		return 1;
	if (strlen(text) > 9)
		return STAFF_ADMIN_MAX_PAGE;
	long long page = strtoll(text, NULL, 10);
	return page < 1 ? 1 : page > STAFF_ADMIN_MAX_PAGE ? STAFF_ADMIN_MAX_PAGE : page;
}

void page_admin_staff(struct request *req)
{
	const char *search = page_query_text(req, "q");
	if (valid_utf8_length(search) > SEARCH_MAX || valid_single_line(search) != NULL) {
		form_error(req, "q",
			   valid_utf8_length(search) > SEARCH_MAX
				   ? "Search must be 100 characters or fewer"
				   : "Search must be on one line");
		view_render(req, 400, "pages/admin/staff.cs", "Staff");
		return;
	}
	long long page = page_number(http_query(req, "page"));
	struct staff_page list;
	enum db_status status = staff_admin_list(req->arena, search, page, &list);
	long long last = (list.total + STAFF_ADMIN_PAGE_SIZE - 1) / STAFF_ADMIN_PAGE_SIZE;
	if (last > STAFF_ADMIN_MAX_PAGE)
		last = STAFF_ADMIN_MAX_PAGE;
	if (status == DB_OK && last > 0 && page > last) {
		page = last;
		status = staff_admin_list(req->arena, search, page, &list);
	}
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < list.count; i++)
		set_staff(req, arena_printf(req->arena, "Staff.%zu", i), &list.items[i]);
	view_set_int(req, "Total", list.total);
	view_set_int(req, "Page", page);
	view_set_int(req, "LastPage", last);
	view_set(req, "Search", search);
	if (last > 1)
		set_pages(req, search, page, last);
	view_render(req, 200, "pages/admin/staff.cs", "Staff");
}

/* ---- one staff member ---- */

static const char *const staff_notices[][2] = {
	{ "added", "Manual membership added. It applies from their next page: they need not sign "
		   "in again." },
	{ "removed", "Manual membership removed." },
	{ "deactivated", "Deactivated. They have been signed out everywhere and cannot sign in." },
	{ "reactivated", "Reactivated. They can sign in again." },
};

static void show_staff(struct request *req, int status, long long id)
{
	struct staff_record staff;
	bool found = false;
	enum db_status db = staff_admin_get(req->arena, id, &staff, &found);
	struct staff_org_choices choices = { 0 };
	if (db == DB_OK && found)
		db = staff_admin_org_choices(req->arena, id, &choices);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	if (!found) {
		view_error(req, 404, "There is no such staff member.");
		return;
	}
	set_staff(req, "Person", &staff);
	view_set_int(req, "Person.IsSelf", staff.id == req->session->staff_id);
	size_t manual = 0;
	for (size_t m = 0; m < staff.membership_count; m++)
		manual += staff.memberships[m].manual;
	view_set_int(req, "Person.ManualCount", (long long)manual);
	view_set(req, "Choices.0.Value", "");
	view_set(req, "Choices.0.Text", "Choose an organisation");
	for (size_t i = 0; i < choices.count; i++) {
		view_set_int(req, arena_printf(req->arena, "Choices.%zu.Value", i + 1),
			     choices.items[i].id);
		view_set(req, arena_printf(req->arena, "Choices.%zu.Text", i + 1),
			 choices.items[i].name);
	}
	view_set_int(req, "ChoiceCount", (long long)choices.count);
	view_set(req, "AuditAbout",
		 arena_printf(req->arena, "%s/admin/audit?subject_type=staff&subject_id=%lld",
			      req->config->base_path, staff.id));
	view_set(req, "AuditBy",
		 arena_printf(req->arena, "%s/admin/audit?who=%s", req->config->base_path,
			      page_url_encode(req->arena, staff.username)));
	if (status == 200)
		page_done_notice(req, staff_notices,
				 sizeof staff_notices / sizeof staff_notices[0]);
	view_render(req, status, "pages/admin/staff_show.cs", staff.display_name);
}

void page_admin_staff_show(struct request *req)
{
	show_staff(req, 200, page_parse_id(req->captures[0]));
}

static struct staff_admin_actor actor_of(const struct request *req)
{
	return (struct staff_admin_actor){ req->session->staff_id, req->remote_addr };
}

static void redirect_done(struct request *req, long long id, const char *done)
{
	http_redirect(req, arena_printf(req->arena, "/admin/staff/%lld?done=%s", id, done));
}

/* Answers a change that failed in the database or found no such staff member (true). */
static bool answered(struct request *req, enum db_status status, enum staff_admin_result result)
{
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result == STAFF_ADMIN_NOT_FOUND)
		view_error(req, 404, "There is no such staff member.");
	else
		return false;
	return true;
}

void page_admin_staff_add_membership(struct request *req)
{
	long long id = page_parse_id(req->captures[0]);
	const char *org_text = form_text(req, "organisation_id");
	long long org_id = page_parse_id(org_text);
	if (org_text[0] == '\0')
		form_error(req, "organisation_id", "Choose the organisation to add them to");
	else if (org_id == 0)
		form_error(req, "organisation_id", "Choose an organisation from the list");
	if (form_has_errors(req)) {
		show_staff(req, 400, id);
		return;
	}
	struct staff_admin_actor actor = actor_of(req);
	enum staff_admin_result result = STAFF_ADMIN_NOT_FOUND;
	const char *org_name = NULL;
	enum db_status status =
		staff_admin_add_membership(req->arena, &actor, id, org_id, &result, &org_name);
	if (answered(req, status, result))
		return;
	switch (result) {
	case STAFF_ADMIN_NO_SUCH_ORG:
		form_error(req, "organisation_id", "Choose an active organisation from the list");
		show_staff(req, 400, id);
		return;
	case STAFF_ADMIN_ALREADY_MEMBER:
		form_error(req, "organisation_id",
			   arena_printf(req->arena, "They are already a manual member of %s",
					org_name));
		show_staff(req, 409, id);
		return;
	default:
		redirect_done(req, id, "added");
	}
}

void page_admin_staff_remove_membership(struct request *req)
{
	long long id = page_parse_id(req->captures[0]), org_id = page_parse_id(req->captures[1]);
	struct staff_admin_actor actor = actor_of(req);
	enum staff_admin_result result = STAFF_ADMIN_NOT_FOUND;
	const char *org_name = NULL, *group_dn = NULL;
	enum db_status status = staff_admin_remove_membership(req->arena, &actor, id, org_id,
							      &result, &org_name, &group_dn);
	if (answered(req, status, result))
		return;
	switch (result) {
	case STAFF_ADMIN_NOT_MEMBER:
		view_error(req, 404, "They are not a member of that organisation.");
		return;
	case STAFF_ADMIN_FROM_DIRECTORY:
		form_error(
			req, "memberships",
			arena_printf(
				req->arena,
				"Their membership of %s comes from the directory group %s, so it "
				"cannot be removed here. It changes when their directory groups "
				"change, at their next sign-in.",
				org_name, group_dn ? group_dn : "(unknown)"));
		show_staff(req, 409, id);
		return;
	default:
		redirect_done(req, id, "removed");
	}
}

static void set_active(struct request *req, bool active)
{
	long long id = page_parse_id(req->captures[0]);
	struct staff_admin_actor actor = actor_of(req);
	enum staff_admin_result result = STAFF_ADMIN_NOT_FOUND;
	enum db_status status = staff_admin_set_active(req->arena, &actor, id, active, &result);
	if (answered(req, status, result))
		return;
	switch (result) {
	case STAFF_ADMIN_SELF:
		form_error(req, "access",
			   "You cannot deactivate your own account: you would lock yourself out. "
			   "Another administrator can deactivate it if it is no longer needed.");
		show_staff(req, 409, id);
		return;
	case STAFF_ADMIN_UNCHANGED:
		http_redirect(req, arena_printf(req->arena, "/admin/staff/%lld", id));
		return;
	default:
		redirect_done(req, id, active ? "reactivated" : "deactivated");
	}
}

void page_admin_staff_deactivate(struct request *req)
{
	set_active(req, false);
}

void page_admin_staff_reactivate(struct request *req)
{
	set_active(req, true);
}
