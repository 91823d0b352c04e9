/* Reference data: local authorities (list, search, add, rename, change code, deactivate,
 * delete when unused), postcodes (lookup, counts per local authority, import from an ONSPD
 * CSV upload) and the title, gender and pronoun lists (add, rename, reorder, retire). */
#include "admin_reference.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../multipart.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/postcode.h"
#include "../model/reference.h"
#include "admin_list.h"
#include "pages.h"

/* ---- shared ---- */

static struct reference_actor actor_of(const struct request *req)
{
	return (struct reference_actor){ req->session->staff_id, req->remote_addr };
}

/* The page number of ?page= (1 when absent or not a number), at most most. */
static long long page_number(struct request *req, long long most)
{
	long long page = page_parse_id(http_query(req, "page"));
	if (page < 1)
		page = 1;
	return page > most ? most : page;
}

/* Numbered pagination for the pagination_pages macro: Pagination.{Prev,Next,Pages.N.*}.
 * base: the page's path with its query, to which "page=N" is added. */
static void set_pagination(struct request *req, const char *base, long long page, long long pages)
{
	if (pages <= 1)
		return;
	const char *joiner = strchr(base, '?') ? "&" : "?";
	const char *app = req->config->base_path;
	if (page > 1)
		view_set(req, "Pagination.Prev",
			 arena_printf(req->arena, "%s%s%spage=%lld", app, base, joiner, page - 1));
	if (page < pages)
		view_set(req, "Pagination.Next",
			 arena_printf(req->arena, "%s%s%spage=%lld", app, base, joiner, page + 1));
	int n = 0;
	bool gap = false;
	for (long long p = 1; p <= pages; p++) {
		bool shown = p == 1 || p == pages || (p >= page - 2 && p <= page + 2);
		const char *prefix = arena_printf(req->arena, "Pagination.Pages.%d", n);
		if (!shown) {
			if (!gap) {
				view_set_int(req, arena_printf(req->arena, "%s.Ellipsis", prefix),
					     1);
				n++;
			}
			gap = true;
			continue;
		}
		gap = false;
		view_set_int(req, arena_printf(req->arena, "%s.Number", prefix), p);
		view_set(req, arena_printf(req->arena, "%s.Href", prefix),
			 arena_printf(req->arena, "%s%s%spage=%lld", app, base, joiner, p));
		view_set_int(req, arena_printf(req->arena, "%s.Current", prefix), p == page);
		n++;
	}
}

/* The checks a one-line name gets: present, one line, at most max characters. `what` starts
 * the messages: "Name", "Title". */
static bool check_name(struct request *req, const char *field, const char *value, const char *what,
		       const char *enter_message, size_t max)
{
	const char *line = valid_single_line(value);
	if (value[0] == '\0')
		form_error(req, field, enter_message);
	else if (line != NULL)
		form_error(req, field, arena_printf(req->arena, "%s must be on one line", what));
	else if (valid_text_length(value, 1, max) != VALID_LENGTH_OK)
		form_error(
			req, field,
			arena_printf(req->arena, "%s must be %zu characters or fewer", what, max));
	else
		return true;
	return false;
}

/* ---- local authorities ---- */

static const char *const local_authority_notices[][2] = {
	{ "added", "Local authority added" },
	{ "saved", "Local authority saved" },
	{ "deactivated", "Local authority deactivated" },
	{ "activated", "Local authority made active again" },
	{ "deleted", "Local authority deleted" },
};

#define SEARCH_MAX 100 /* characters of a search that are used */

static void show_local_authorities(struct request *req, int status)
{
	const char *query = http_query(req, "q");
	char search[SEARCH_MAX * 4 + 1];
	if (query == NULL || !valid_trim(query, search, sizeof search))
		search[0] = '\0';
	long long page = page_number(req, LOCAL_AUTHORITY_PAGE_MAX);
	struct local_authority_page found;
	enum db_status db = local_authority_search(req->arena, search, page, &found);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	for (size_t i = 0; i < found.count; i++) {
		const struct local_authority *la = &found.items[i];
		const char *prefix = arena_printf(req->arena, "LocalAuthorities.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), la->id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), la->name);
		view_set(req, arena_printf(req->arena, "%s.Code", prefix), la->code);
		view_set_int(req, arena_printf(req->arena, "%s.Active", prefix), la->active);
	}
	view_set(req, "Search.Query", search);
	view_set_int(req, "Search.Total", found.total);
	view_set_int(req, "Search.Page", page);
	long long pages = (found.total + LOCAL_AUTHORITY_PAGE_SIZE - 1) / LOCAL_AUTHORITY_PAGE_SIZE;
	if (pages > LOCAL_AUTHORITY_PAGE_MAX)
		pages = LOCAL_AUTHORITY_PAGE_MAX;
	view_set_int(req, "Search.Pages", pages);
	const char *base = search[0] ? arena_printf(req->arena, "/admin/local-authorities?q=%s",
						    page_url_encode(req->arena, search))
				     : "/admin/local-authorities";
	set_pagination(req, base, page, pages);
	if (status == 200)
		page_done_notice(req, local_authority_notices,
				 sizeof local_authority_notices /
					 sizeof local_authority_notices[0]);
	view_render(req, status, "pages/admin/local_authorities.cs", "Local authorities");
}

void page_local_authorities(struct request *req)
{
	show_local_authorities(req, 200);
}

/* Name and code from the form, checked; code receives the code in its normal form. */
static bool read_local_authority(struct request *req, const char **name,
				 char code[VALID_LA_CODE_SIZE])
{
	*name = form_text(req, "name");
	const char *code_text = form_text(req, "code");
	check_name(req, "name", *name, "Name", "Enter the local authority’s name",
		   LOCAL_AUTHORITY_NAME_MAX);
	const char *code_message = valid_la_code(code_text, code);
	if (code_message != NULL)
		form_error(req, "code", code_message);
	return !form_has_errors(req);
}

/* The message for a clash with another local authority, beside the field it concerns. */
static void clash_error(struct request *req, const struct local_authority_result *result)
{
	if (result->change == LOCAL_AUTHORITY_NAME_TAKEN)
		form_error(req, "name",
			   arena_printf(req->arena,
					"There is already a local authority called ‘%s’ (code %s)",
					result->clash.name, result->clash.code));
	else
		form_error(req, "code",
			   arena_printf(req->arena, "The code %s is already used by ‘%s’",
					result->clash.code, result->clash.name));
}

void page_local_authority_add(struct request *req)
{
	const char *name;
	char code[VALID_LA_CODE_SIZE];
	if (!read_local_authority(req, &name, code)) {
		show_local_authorities(req, 400);
		return;
	}
	struct reference_actor actor = actor_of(req);
	struct local_authority_result result;
	enum db_status status = local_authority_add(req->arena, &actor, name, code, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (result.change != LOCAL_AUTHORITY_DONE) {
		clash_error(req, &result);
		show_local_authorities(req, 400);
		return;
	}
	http_redirect(req,
		      arena_printf(req->arena, "/admin/local-authorities?q=%s&done=added", code));
}

/* The local authority named by the path, or an error page (and false). */
static bool load_local_authority(struct request *req, struct local_authority *la)
{
	bool found = false;
	enum db_status status =
		local_authority_get(req->arena, page_parse_id(req->captures[0]), la, &found);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (!found)
		view_error(req, 404, "There is no such local authority.");
	return status == DB_OK && found;
}

static void show_local_authority(struct request *req, int status, const struct local_authority *la)
{
	struct local_authority_usage usage;
	enum db_status db = local_authority_usage(req->arena, la->id, &usage);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	view_set_int(req, "LocalAuthority.Id", la->id);
	view_set(req, "LocalAuthority.Name", la->name);
	view_set(req, "LocalAuthority.Code", la->code);
	view_set_int(req, "LocalAuthority.Active", la->active);
	view_set_int(req, "Usage.Organisations", usage.organisations);
	view_set_int(req, "Usage.Postcodes", usage.postcodes);
	if (status == 200)
		page_done_notice(req, local_authority_notices,
				 sizeof local_authority_notices /
					 sizeof local_authority_notices[0]);
	view_render(req, status, "pages/admin/local_authority_edit.cs", la->name);
}

void page_local_authority_edit(struct request *req)
{
	struct local_authority la;
	if (!load_local_authority(req, &la))
		return;
	form_keep(req, "name", la.name);
	form_keep(req, "code", la.code);
	show_local_authority(req, 200, &la);
}

void page_local_authority_save(struct request *req)
{
	struct local_authority la;
	if (!load_local_authority(req, &la))
		return;
	const char *name;
	char code[VALID_LA_CODE_SIZE];
	if (!read_local_authority(req, &name, code)) {
		show_local_authority(req, 400, &la);
		return;
	}
	struct reference_actor actor = actor_of(req);
	struct local_authority_result result;
	enum db_status status =
		local_authority_update(req->arena, &actor, la.id, name, code, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
	} else if (result.change == LOCAL_AUTHORITY_NOT_FOUND) {
		view_error(req, 404, "There is no such local authority.");
	} else if (result.change != LOCAL_AUTHORITY_DONE) {
		clash_error(req, &result);
		show_local_authority(req, 400, &la);
	} else {
		http_redirect(req, arena_printf(req->arena,
						"/admin/local-authorities/%lld?done=saved", la.id));
	}
}

static void set_local_authority_active(struct request *req, bool active)
{
	struct reference_actor actor = actor_of(req);
	struct local_authority_result result;
	long long id = page_parse_id(req->captures[0]);
	enum db_status status = local_authority_set_active(req->arena, &actor, id, active, &result);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result.change == LOCAL_AUTHORITY_NOT_FOUND)
		view_error(req, 404, "There is no such local authority.");
	else
		http_redirect(req, arena_printf(req->arena, "/admin/local-authorities/%lld?done=%s",
						id, active ? "activated" : "deactivated"));
}

void page_local_authority_deactivate(struct request *req)
{
	set_local_authority_active(req, false);
}

void page_local_authority_activate(struct request *req)
{
	set_local_authority_active(req, true);
}

static const char *counted(struct arena *arena, long long n, const char *one, const char *many)
{
	return arena_printf(arena, "%lld %s", n, n == 1 ? one : many);
}

void page_local_authority_delete(struct request *req)
{
	struct local_authority la;
	if (!load_local_authority(req, &la))
		return;
	struct reference_actor actor = actor_of(req);
	struct local_authority_result result;
	enum db_status status = local_authority_delete(req->arena, &actor, la.id, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
	} else if (result.change == LOCAL_AUTHORITY_NOT_FOUND) {
		view_error(req, 404, "There is no such local authority.");
	} else if (result.change == LOCAL_AUTHORITY_IN_USE) {
		const char *users;
		if (result.usage.organisations > 0 && result.usage.postcodes > 0)
			users = arena_printf(req->arena, "%s and %s",
					     counted(req->arena, result.usage.organisations,
						     "organisation", "organisations"),
					     counted(req->arena, result.usage.postcodes, "postcode",
						     "postcodes"));
		else if (result.usage.organisations > 0)
			users = counted(req->arena, result.usage.organisations, "organisation",
					"organisations");
		else
			users = counted(req->arena, result.usage.postcodes, "postcode",
					"postcodes");
		form_error(
			req, "delete",
			arena_printf(
				req->arena,
				"%s cannot be deleted because %s use%s it. Deactivate it instead: "
				"it is then no longer offered, and what uses it keeps it.",
				la.name, users,
				result.usage.organisations + result.usage.postcodes == 1 ? "s"
											 : ""));
		form_keep(req, "name", la.name);
		form_keep(req, "code", la.code);
		show_local_authority(req, 409, &la);
	} else {
		http_redirect(req, "/admin/local-authorities?done=deleted");
	}
}

/* ---- postcodes ---- */

void page_postcodes(struct request *req)
{
	int status = 200;
	const char *typed = http_query(req, "postcode");
	if (typed != NULL) {
		form_keep(req, "postcode", typed);
		char key[VALID_POSTCODE_KEY_SIZE];
		const char *message = valid_postcode_key(typed, key);
		if (message != NULL) {
			form_error(req, "postcode", message);
			status = 400;
		} else {
			struct postcode_lookup found;
			bool exists = false;
			enum db_status db = postcode_lookup(req->arena, key, &found, &exists);
			if (db != DB_OK) {
				page_database_failed(req, db);
				return;
			}
			char shown[VALID_POSTCODE_SIZE];
			valid_postcode(key, shown);
			view_set(req, "Lookup.Postcode", shown);
			view_set_int(req, "Lookup.Found", exists);
			if (exists) {
				view_set_int(req, "Lookup.LocalAuthorityId",
					     found.local_authority_id);
				view_set(req, "Lookup.LocalAuthority", found.local_authority);
				view_set(req, "Lookup.Code", found.local_authority_code);
				view_set_int(req, "Lookup.Active", found.local_authority_active);
				view_set(req, "Lookup.Town", found.town ? found.town : "");
				view_set_int(req, "Lookup.Terminated", found.terminated);
			}
		}
	}
	long long page = page_number(req, POSTCODE_COUNT_PAGE_MAX);
	struct postcode_counts counts;
	enum db_status db = postcode_counts(req->arena, page, &counts);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	for (size_t i = 0; i < counts.count; i++) {
		const struct postcode_count *c = &counts.items[i];
		const char *prefix = arena_printf(req->arena, "Counts.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), c->local_authority_id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), c->name);
		view_set(req, arena_printf(req->arena, "%s.Code", prefix), c->code);
		view_set_int(req, arena_printf(req->arena, "%s.Active", prefix), c->active);
		view_set_int(req, arena_printf(req->arena, "%s.Postcodes", prefix), c->postcodes);
	}
	view_set_int(req, "Totals.Postcodes", counts.postcodes);
	view_set_int(req, "Totals.LocalAuthorities", counts.local_authorities);
	view_set_int(req, "Totals.Page", page);
	long long pages = (counts.local_authorities + POSTCODE_COUNT_PAGE_SIZE - 1) /
			  POSTCODE_COUNT_PAGE_SIZE;
	if (pages > POSTCODE_COUNT_PAGE_MAX)
		pages = POSTCODE_COUNT_PAGE_MAX;
	set_pagination(req, "/admin/postcodes", page, pages);
	view_render(req, status, "pages/admin/postcodes.cs", "Postcodes");
}

static void show_import_form(struct request *req, int status)
{
	view_render(req, status, "pages/admin/postcode_import.cs", "Import postcodes");
}

void page_postcode_import_form(struct request *req)
{
	show_import_form(req, 200);
}

static const char *outcome_error(enum postcode_import_outcome outcome)
{
	switch (outcome) {
	case POSTCODE_IMPORT_EMPTY:
		return "The selected file is empty";
	case POSTCODE_IMPORT_BAD_HEADER:
		return "The first row of the file must be a header row of column names";
	case POSTCODE_IMPORT_NO_POSTCODE_COLUMN:
		return "The file must have a postcode column named pcds (or pcd, pcd7 or pcd8)";
	case POSTCODE_IMPORT_NO_LOCAL_AUTHORITY_COLUMN:
		return "The file must have a local authority code column named oslaua or lad25cd "
		       "(or another year’s, such as lad24cd)";
	case POSTCODE_IMPORT_READ_ERROR:
		return "The selected file could not be read";
	case POSTCODE_IMPORT_DONE:
		break;
	}
	return NULL;
}

static void set_import_result(struct request *req, const char *filename,
			      const struct postcode_import *r)
{
	view_set(req, "Import.Filename", filename);
	view_set_int(req, "Import.Read", (long long)r->read);
	view_set_int(req, "Import.Taken", (long long)(r->added + r->updated + r->unchanged));
	view_set_int(req, "Import.Added", (long long)r->added);
	view_set_int(req, "Import.Updated", (long long)r->updated);
	view_set_int(req, "Import.Unchanged", (long long)r->unchanged);
	view_set_int(req, "Import.Refused", (long long)r->refused);
	view_set(req, "Import.Columns.Postcode", r->postcode_column);
	view_set(req, "Import.Columns.LocalAuthority", r->local_authority_column);
	view_set(req, "Import.Columns.Terminated",
		 r->terminated_column ? r->terminated_column : "");
	view_set(req, "Import.Columns.Town", r->town_column ? r->town_column : "");
	int n = 0;
	for (int i = 0; i < POSTCODE_REFUSED__MAX; i++) {
		if (r->refused_by[i] == 0)
			continue;
		view_set(req, arena_printf(req->arena, "Import.Reasons.%d.Reason", n),
			 postcode_refusal_names[i]);
		view_set_int(req, arena_printf(req->arena, "Import.Reasons.%d.Count", n),
			     (long long)r->refused_by[i]);
		n++;
	}
	for (size_t i = 0; i < r->sample_count; i++) {
		const char *prefix = arena_printf(req->arena, "Import.Lines.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Line", prefix),
			     (long long)r->samples[i].line);
		view_set(req, arena_printf(req->arena, "%s.Reason", prefix),
			 postcode_refusal_names[r->samples[i].reason]);
		view_set(req, arena_printf(req->arena, "%s.Text", prefix), r->samples[i].text);
	}
}

void page_postcode_import(struct request *req)
{
	const struct multipart_file *file = multipart_file_get(&req->files, "file");
	if (file == NULL || file->filename[0] == '\0') {
		form_error(req, "file", "Select a CSV file of postcodes");
		show_import_form(req, 400);
		return;
	}
	if (file->len == 0) {
		form_error(req, "file", "The selected file is empty");
		show_import_form(req, 400);
		return;
	}
	struct reference_actor actor = actor_of(req);
	struct postcode_import result;
	enum db_status status = postcode_import_csv(req->arena, &actor, file->filename, file->data,
						    file->len, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	const char *problem = outcome_error(result.outcome);
	if (problem != NULL) {
		form_error(req, "file", problem);
		show_import_form(req, 400);
		return;
	}
	set_import_result(req, file->filename, &result);
	view_render(req, 200, "pages/admin/postcode_import_result.cs", "Postcodes imported");
}

/* ---- the title, gender and pronoun lists ---- */

void page_reference_lists(struct request *req)
{
	long long active[REFERENCE_LIST__MAX], retired[REFERENCE_LIST__MAX];
	enum db_status status = reference_value_counts(req->arena, active, retired);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (int i = 0; i < REFERENCE_LIST__MAX; i++) {
		const char *prefix = arena_printf(req->arena, "Lists.%d", i);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), reference_list_names[i]);
		view_set(req, arena_printf(req->arena, "%s.Title", prefix),
			 reference_list_titles[i]);
		view_set_int(req, arena_printf(req->arena, "%s.Active", prefix), active[i]);
		view_set_int(req, arena_printf(req->arena, "%s.Retired", prefix), retired[i]);
	}
	view_render(req, 200, "pages/admin/reference_lists.cs", "Titles, genders and pronouns");
}

/* The list named by the path (the route's pattern allows only the three). */
static enum reference_list list_of(const struct request *req)
{
	enum reference_list list = REFERENCE_TITLE;
	reference_list_parse(req->captures[0], &list);
	return list;
}

static void set_list(struct request *req, enum reference_list list)
{
	view_set(req, "List.Name", reference_list_names[list]);
	view_set(req, "List.Title", reference_list_titles[list]);
	view_set(req, "List.Singular", reference_list_singular[list]);
}

static const char *const value_notices[][2] = {
	{ "added", "Added to the list" }, { "renamed", "Renamed" },	{ "retired", "Retired" },
	{ "restored", "Restored" },	  { "moved", "Order changed" },
};

static void show_list(struct request *req, int status, enum reference_list list)
{
	struct reference_value_list values;
	enum db_status db = reference_value_list(req->arena, list, &values);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	for (size_t i = 0; i < values.count; i++) {
		const struct reference_value *v = &values.items[i];
		const char *prefix = arena_printf(req->arena, "Values.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), v->id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), v->name);
		view_set_int(req, arena_printf(req->arena, "%s.Retired", prefix), v->retired);
		view_set_int(req, arena_printf(req->arena, "%s.Fixed", prefix), v->fixed);
	}
	set_list(req, list);
	if (status == 200)
		page_done_notice(req, value_notices,
				 sizeof value_notices / sizeof value_notices[0]);
	view_render(req, status, "pages/admin/reference_list.cs", reference_list_titles[list]);
}

void page_reference_list(struct request *req)
{
	show_list(req, 200, list_of(req));
}

/* "Title", "Gender", "Pronouns": what starts the list's messages. */
static const char *const value_what[REFERENCE_LIST__MAX] = { "Title", "Gender", "Pronouns" };
static const char *const value_enter[REFERENCE_LIST__MAX] = { "Enter a title", "Enter a gender",
							      "Enter the pronouns" };

static bool check_value(struct request *req, enum reference_list list, const char *name)
{
	return check_name(req, "name", name, value_what[list], value_enter[list],
			  REFERENCE_VALUE_MAX);
}

static void duplicate_value(struct request *req, enum reference_list list, const char *name)
{
	form_error(req, "name",
		   arena_printf(req->arena, "‘%s’ is already in the %s list", name,
				reference_list_names[list]));
}

/* Where a change to the list sends the administrator back to. */
static const char *list_page(struct request *req, enum reference_list list, const char *done)
{
	return arena_printf(req->arena, "/admin/lists/%s?done=%s", reference_list_names[list],
			    done);
}

static void redirect_to_list(struct request *req, enum reference_list list, const char *done)
{
	http_redirect(req, list_page(req, list, done));
}

void page_reference_value_add(struct request *req)
{
	enum reference_list list = list_of(req);
	const char *name = form_text(req, "name");
	if (!check_value(req, list, name)) {
		show_list(req, 400, list);
		return;
	}
	struct reference_actor actor = actor_of(req);
	enum reference_change result = REFERENCE_NOT_FOUND;
	enum db_status status = reference_value_add(req->arena, &actor, list, name, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
	} else if (result == REFERENCE_DUPLICATE) {
		duplicate_value(req, list, name);
		show_list(req, 400, list);
	} else {
		redirect_to_list(req, list, "added");
	}
}

/* The value named by the path, or an error page (and false). */
static bool load_value(struct request *req, enum reference_list list, struct reference_value *value)
{
	bool found = false;
	enum db_status status = reference_value_get(req->arena, list,
						    page_parse_id(req->captures[1]), value, &found);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (!found)
		view_error(req, 404, "There is no such value in this list.");
	return status == DB_OK && found;
}

static const char fixed_message[] =
	"‘" REFERENCE_PREFER_NOT_TO_SAY
	"’ stays in the gender list as it is: whether it is offered is a setting "
	"(Urgency and automation settings), not a change to the list";

static void show_value(struct request *req, int status, enum reference_list list,
		       const struct reference_value *value)
{
	set_list(req, list);
	view_set_int(req, "Value.Id", value->id);
	view_set(req, "Value.Name", value->name);
	view_set_int(req, "Value.Fixed", value->fixed);
	if (value->fixed)
		view_set(req, "Value.FixedMessage", fixed_message);
	view_render(req, status, "pages/admin/reference_value_edit.cs",
		    arena_printf(req->arena, "Rename %s", value->name));
}

void page_reference_value_edit(struct request *req)
{
	enum reference_list list = list_of(req);
	struct reference_value value;
	if (!load_value(req, list, &value))
		return;
	form_keep(req, "name", value.name);
	show_value(req, 200, list, &value);
}

void page_reference_value_save(struct request *req)
{
	enum reference_list list = list_of(req);
	struct reference_value value;
	if (!load_value(req, list, &value))
		return;
	const char *name = form_text(req, "name");
	if (!check_value(req, list, name)) {
		show_value(req, 400, list, &value);
		return;
	}
	struct reference_actor actor = actor_of(req);
	enum reference_change result = REFERENCE_NOT_FOUND;
	enum db_status status =
		reference_value_rename(req->arena, &actor, list, value.id, name, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
	} else if (result == REFERENCE_NOT_FOUND) {
		view_error(req, 404, "There is no such value in this list.");
	} else if (result == REFERENCE_DUPLICATE) {
		duplicate_value(req, list, name);
		show_value(req, 400, list, &value);
	} else if (result == REFERENCE_FIXED) {
		form_error(req, "fixed", fixed_message);
		show_value(req, 409, list, &value);
	} else {
		redirect_to_list(req, list, "renamed");
	}
}

static void set_value_retired(struct request *req, bool retired)
{
	enum reference_list list = list_of(req);
	struct reference_actor actor = actor_of(req);
	enum reference_change result = REFERENCE_NOT_FOUND;
	enum db_status status = reference_value_set_retired(
		req->arena, &actor, list, page_parse_id(req->captures[1]), retired, &result);
	if (status == DB_OK && result == REFERENCE_FIXED) {
		form_error(req, "values", fixed_message);
		show_list(req, 409, list);
		return;
	}
	admin_list_answer(req, status, result != REFERENCE_NOT_FOUND,
			  "There is no such value in this list.",
			  list_page(req, list, retired ? "retired" : "restored"));
}

void page_reference_value_retire(struct request *req)
{
	set_value_retired(req, true);
}

void page_reference_value_restore(struct request *req)
{
	set_value_retired(req, false);
}

void page_reference_value_move(struct request *req)
{
	enum reference_list list = list_of(req);
	bool up;
	if (!admin_list_direction(req, "the value", &up))
		return;
	struct reference_actor actor = actor_of(req);
	enum reference_change result = REFERENCE_NOT_FOUND;
	enum db_status status = reference_value_move(req->arena, &actor, list,
						     page_parse_id(req->captures[1]), up, &result);
	admin_list_answer(req, status, result != REFERENCE_NOT_FOUND,
			  "There is no such value among the active ones of this list.",
			  list_page(req, list, "moved"));
}
