/* The organisation staff page and its changes. Who may: a manager of the organisation named
 * in the path, or an administrator (org_role_allows); anyone else gets 403, whatever their
 * role elsewhere. People are added by their directory username or email, looked up in the
 * directory as the service account. */
#include "org_staff.h"

#include <string.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../ldap_auth.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/catalog.h"
#include "../model/org_role.h"
#include "../model/org_staff.h"
#include "pages.h"

#define PERSON_MAX 320

static const char *const notices[][2] = {
	{ "added", "Added. They can work for the organisation from their next page." },
	{ "pending", "Added. They join the organisation when they first sign in." },
	{ "role", "Role changed. It applies from their next page." },
	{ "removed", "Removed. They lost access to the organisation at once." },
	{ "cancelled", "They will not join the organisation." },
	{ "group", "Directory group role changed. Its members have the new role from their next "
		   "page." },
};

/* The organisation of the path if the person may manage its staff (its name into *name);
 * otherwise answers 403 or 404 and returns 0. */
static long long managed_org(struct request *req, const char **name)
{
	long long org_id = page_parse_id(req->captures[0]);
	if (!org_role_allows(req, org_id, ORG_ROLE_MANAGER)) {
		view_error(req, 403,
			   "Only the organisation’s managers and system administrators can manage "
			   "its staff.");
		return 0;
	}
	const struct catalog *catalog;
	enum db_status status = catalog_get(req->arena, &catalog);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return 0;
	}
	const struct catalog_org *org = catalog_org(catalog, org_id);
	if (org == NULL || !org->active) {
		view_error(req, 404, "There is no such organisation.");
		return 0;
	}
	*name = org->name;
	return org_id;
}

static void set_role_choices(struct request *req, const char *prefix)
{
	for (int r = ORG_ROLE_STAFF; r <= ORG_ROLE_MANAGER; r++) {
		view_set(req, arena_printf(req->arena, "%s.%d.Value", prefix, r),
			 org_role_name((enum org_role)r));
		view_set(req, arena_printf(req->arena, "%s.%d.Text", prefix, r),
			 org_role_label((enum org_role)r));
	}
}

static void set_member(struct request *req, size_t i, const struct org_staff_member *m)
{
	struct arena *a = req->arena;
	const char *at = arena_printf(a, "Members.%zu", i);
	view_set_field_int(req, at, "Id", m->staff_id);
	view_set_field(req, at, "Name", m->display_name);
	view_set_field(req, at, "Username", m->username);
	view_set_field(req, at, "Email", m->email);
	view_set_field(req, at, "LastSignIn", page_local_time(a, m->last_signin_at));
	view_set_field(req, at, "Role", org_role_name(m->role));
	view_set_field(req, at, "RoleLabel", org_role_label(m->role));
	view_set_field_int(req, at, "Manual", m->manual);
	view_set_field_int(req, at, "Directory", m->directory);
	view_set_field_int(req, at, "IsSelf", m->staff_id == req->session->staff_id);
	if (m->directory) {
		view_set_field(req, at, "GroupDn", m->group_dn);
		view_set_field(req, at, "DirectoryRole", org_role_label(m->directory_role));
	}
	if (m->manual) {
		view_set_field(req, at, "ManualRole", org_role_label(m->manual_role));
		view_set_field(req, at, "SetBy", m->role_set_by);
	}
}

static void set_lists(struct request *req, const struct org_staff_list *list)
{
	struct arena *a = req->arena;
	for (size_t i = 0; i < list->count; i++)
		set_member(req, i, &list->members[i]);
	for (size_t i = 0; i < list->pending_count; i++) {
		const struct org_staff_pending *p = &list->pending[i];
		const char *at = arena_printf(a, "Pending.%zu", i);
		view_set_field_int(req, at, "Id", p->id);
		view_set_field(req, at, "Name", p->display_name);
		view_set_field(req, at, "Username", p->username);
		view_set_field(req, at, "Email", p->email);
		view_set_field(req, at, "RoleLabel", org_role_label(p->role));
		view_set_field(req, at, "AddedBy", p->added_by);
		view_set_field(req, at, "AddedAt", page_local_time(a, p->created_at));
	}
	for (size_t i = 0; i < list->group_count; i++) {
		const char *at = arena_printf(a, "Groups.%zu", i);
		view_set_field_int(req, at, "Id", list->groups[i].id);
		view_set_field(req, at, "Dn", list->groups[i].group_dn);
		view_set_field(req, at, "Role", org_role_name(list->groups[i].role));
	}
}

static void show(struct request *req, int status, long long org_id, const char *org_name)
{
	struct org_staff_list list;
	enum db_status db = org_staff_list(req->arena, org_id, &list);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	set_lists(req, &list);
	set_role_choices(req, "Roles");
	view_set_int(req, "Org.Id", org_id);
	view_set(req, "Org.Name", org_name);
	view_set_int(req, "CanSetGroups", req->session->is_admin);
	if (form_text(req, "role")[0] == '\0')
		view_set(req, "Form.role", "staff");
	if (status == 200)
		page_done_notice(req, notices, PAGE_COUNT_OF(notices));
	view_render(req, status, "pages/org_staff.cs",
		    arena_printf(req->arena, "Staff of %s", org_name));
}

void page_org_staff(struct request *req)
{
	const char *name;
	long long org_id = managed_org(req, &name);
	if (org_id)
		show(req, 200, org_id, name);
}

static struct org_staff_actor actor_of(const struct request *req)
{
	return (struct org_staff_actor){ req->session->staff_id, req->session->is_admin,
					 req->remote_addr };
}

static void redirect_done(struct request *req, long long org_id, const char *done)
{
	http_redirect(req,
		      arena_printf(req->arena, "/organisations/%lld/staff?done=%s", org_id, done));
}

/* The form's role; an error on field (and false) when it names none of the three. */
static bool form_role(struct request *req, const char *field, enum org_role *role)
{
	if (org_role_parse(form_text(req, "role"), role))
		return true;
	form_error(req, field, "Choose Staff, Organisation lead or Organisation manager");
	return false;
}

/* The person named in the form, found in the directory; answers the form and returns false
 * when there is no such one person. */
static bool look_up(struct request *req, long long org_id, const char *org_name,
		    struct ldap_user *person)
{
	const char *query = form_text(req, "person");
	const char *problem = NULL;
	if (query[0] == '\0')
		problem = "Enter their username or email address in the staff directory";
	else if (valid_utf8_length(query) > PERSON_MAX || valid_single_line(query) != NULL)
		problem = "Enter one username or email address, on one line";
	int status = 400;
	if (problem == NULL) {
		switch (ldap_find_person(req->arena, &req->config->ldap, query, person)) {
		case LDAP_AUTH_OK:
			return true;
		case LDAP_AUTH_UNAVAILABLE:
			problem = "The staff directory is not answering. Try again in a minute.";
			status = 503;
			break;
		default:
			problem =
				"There is nobody with that username or email address in the staff "
				"directory";
			status = 422;
		}
	}
	form_error(req, "person", problem);
	show(req, status, org_id, org_name);
	return false;
}

void page_org_staff_add(struct request *req)
{
	const char *org_name;
	long long org_id = managed_org(req, &org_name);
	if (!org_id)
		return;
	enum org_role role;
	if (!form_role(req, "role", &role)) {
		show(req, 400, org_id, org_name);
		return;
	}
	struct ldap_user person;
	if (!look_up(req, org_id, org_name, &person))
		return;
	struct org_staff_actor actor = actor_of(req);
	enum org_staff_result result;
	bool pending = false;
	enum db_status status =
		org_staff_add(req->arena, &actor, org_id, &person, role, &result, &pending);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	switch (result) {
	case ORG_STAFF_DONE:
		redirect_done(req, org_id, pending ? "pending" : "added");
		return;
	case ORG_STAFF_DEACTIVATED:
		form_error(req, "person",
			   arena_printf(req->arena,
					"%s’s account is deactivated: ask a system administrator",
					person.display_name));
		break;
	case ORG_STAFF_NO_SUCH_ORG:
		view_error(req, 404, "There is no such organisation.");
		return;
	default:
		form_error(req, "person",
			   arena_printf(req->arena, "%s is already in %s", person.display_name,
					org_name));
	}
	show(req, 409, org_id, org_name);
}

/* Answers a refused role change or removal on the staff page (409). */
static void refuse(struct request *req, long long org_id, const char *org_name,
		   enum org_staff_result result, const char *group_dn)
{
	const char *message;
	switch (result) {
	case ORG_STAFF_LAST_MANAGER:
		message = "The organisation must keep at least one Organisation manager: make "
			  "someone else a manager first.";
		break;
	case ORG_STAFF_FROM_DIRECTORY:
		message = arena_printf(req->arena,
				       "Their membership comes from the directory group %s, so it "
				       "cannot be removed here: ask whoever manages the directory.",
				       group_dn ? group_dn : "(unknown)");
		break;
	case ORG_STAFF_BELOW_DIRECTORY:
		message = arena_printf(
			req->arena,
			"Their directory group %s gives them a higher role, and the "
			"higher role applies: ask a system administrator to change the "
			"group’s role.",
			group_dn ? group_dn : "(unknown)");
		break;
	default:
		message = "That did not change anything.";
	}
	form_error(req, "members", message);
	show(req, 409, org_id, org_name);
}

void page_org_staff_role(struct request *req)
{
	const char *org_name;
	long long org_id = managed_org(req, &org_name);
	if (!org_id)
		return;
	enum org_role role;
	if (!form_role(req, "members", &role)) {
		show(req, 400, org_id, org_name);
		return;
	}
	struct org_staff_actor actor = actor_of(req);
	enum org_staff_result result;
	const char *group_dn = NULL;
	enum db_status status =
		org_staff_set_role(req->arena, &actor, org_id, page_parse_id(req->captures[1]),
				   role, &result, &group_dn);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result == ORG_STAFF_NOT_MEMBER)
		view_error(req, 404, "They are not a member of this organisation.");
	else if (result == ORG_STAFF_DONE || result == ORG_STAFF_UNCHANGED)
		redirect_done(req, org_id, "role");
	else
		refuse(req, org_id, org_name, result, group_dn);
}

void page_org_staff_remove(struct request *req)
{
	const char *org_name;
	long long org_id = managed_org(req, &org_name);
	if (!org_id)
		return;
	struct org_staff_actor actor = actor_of(req);
	enum org_staff_result result;
	const char *group_dn = NULL;
	enum db_status status = org_staff_remove(
		req->arena, &actor, org_id, page_parse_id(req->captures[1]), &result, &group_dn);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result == ORG_STAFF_NOT_MEMBER)
		view_error(req, 404, "They are not a member of this organisation.");
	else if (result == ORG_STAFF_DONE)
		redirect_done(req, org_id, "removed");
	else
		refuse(req, org_id, org_name, result, group_dn);
}

void page_org_staff_cancel(struct request *req)
{
	const char *org_name;
	long long org_id = managed_org(req, &org_name);
	if (!org_id)
		return;
	struct org_staff_actor actor = actor_of(req);
	enum org_staff_result result;
	enum db_status status = org_staff_cancel_pending(req->arena, &actor, org_id,
							 page_parse_id(req->captures[1]), &result);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result != ORG_STAFF_DONE)
		view_error(req, 404, "Nobody is waiting to join with that number.");
	else
		redirect_done(req, org_id, "cancelled");
}

void page_org_staff_group_role(struct request *req)
{
	const char *org_name;
	long long org_id = managed_org(req, &org_name);
	if (!org_id)
		return;
	enum org_role role;
	if (!form_role(req, "groups", &role)) {
		show(req, 400, org_id, org_name);
		return;
	}
	struct org_staff_actor actor = actor_of(req);
	enum org_staff_result result;
	enum db_status status = org_staff_set_group_role(
		req->arena, &actor, org_id, page_parse_id(req->captures[1]), role, &result);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result == ORG_STAFF_NOT_MEMBER)
		view_error(req, 404, "That directory group does not belong to this organisation.");
	else
		redirect_done(req, org_id, "group");
}
