/* Organisations: the searchable list, and one form to add or edit an organisation's details,
 * what it accepts (issues, ages, genders, local authorities), its capacity and the directory
 * groups whose members are its staff. Saving audits each changed field. */
#include "admin_organisations.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../ldap_auth.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/org_role.h"
#include "../model/organisation.h"
#include "pages.h"

#define SEARCH_MAX 200
#define GROUPS_MAX 50

static const char no_such_organisation[] = "There is no such organisation.";

/* ---- the list ---- */

void page_admin_organisations(struct request *req)
{
	const char *search = http_query(req, "q");
	char query[SEARCH_MAX * 4 + 1];
	if (search == NULL || !valid_trim(search, query, sizeof query))
		query[0] = '\0';
	long long page = page_parse_id(http_query(req, "page"));
	struct organisation_page list;
	enum db_status status = organisation_search(req->arena, query, page, &list);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	view_set(req, "Search.Query", query);
	for (size_t i = 0; i < list.count; i++) {
		const struct organisation_summary *org = &list.items[i];
		const char *prefix = arena_printf(req->arena, "Organisations.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), org->id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), org->name);
		view_set_int(req, arena_printf(req->arena, "%s.Active", prefix), org->active);
		view_set_int(req, arena_printf(req->arena, "%s.Accepting", prefix), org->accepting);
		if (org->capacity != ORGANISATION_NO_LIMIT)
			view_set_int(req, arena_printf(req->arena, "%s.Capacity", prefix),
				     org->capacity);
	}
	view_set_int(req, "Paging.Total", list.total);
	view_set_int(req, "Paging.Page", list.page);
	view_set_int(req, "Paging.Pages", list.pages);
	/* the neighbouring pages as text: template arithmetic would make the link a number */
	if (list.page > 1)
		view_set_int(req, "Paging.PrevPage", list.page - 1);
	if (list.page < list.pages)
		view_set_int(req, "Paging.NextPage", list.page + 1);
	view_set_int(req, "Paging.First",
		     list.count ? (list.page - 1) * ORGANISATION_PAGE_SIZE + 1 : 0);
	view_set_int(req, "Paging.Last",
		     (list.page - 1) * ORGANISATION_PAGE_SIZE + (long long)list.count);
	view_render(req, 200, "pages/admin/organisations.cs", "Organisations");
}

/* ---- the form ---- */

/* What the form offers to tick. */
struct choices {
	struct organisation_options issues, genders, las;
	struct organisation_options others; /* parent and accepted senders (issue 13) */
};

static enum db_status load_choices(struct request *req, long long id, struct choices *choices)
{
	enum db_status status = organisation_issue_options(req->arena, id, &choices->issues);
	if (status == DB_OK)
		status = organisation_gender_options(req->arena, id, &choices->genders);
	if (status == DB_OK)
		status = organisation_local_authority_options(req->arena, id, &choices->las);
	if (status == DB_OK)
		status = organisation_other_options(req->arena, id, &choices->others);
	return status;
}

static bool has_id(const struct organisation_ids *ids, long long id)
{
	for (size_t i = 0; i < ids->count; i++)
		if (ids->ids[i] == id)
			return true;
	return false;
}

/* Issues.N / Genders.N: the checkbox items of the form macros, ticked from ticked. */
static void set_checkbox_items(struct request *req, const char *node,
			       const struct organisation_options *options,
			       const struct organisation_ids *ticked, const char *retired_hint)
{
	for (size_t i = 0; i < options->count; i++) {
		const struct organisation_option *option = &options->items[i];
		const char *prefix = arena_printf(req->arena, "%s.%zu", node, i);
		view_set_int(req, arena_printf(req->arena, "%s.Value", prefix), option->id);
		view_set(req, arena_printf(req->arena, "%s.Text", prefix), option->name);
		if (option->retired)
			view_set(req, arena_printf(req->arena, "%s.Hint", prefix), retired_hint);
		if (has_id(ticked, option->id))
			view_set_int(req, arena_printf(req->arena, "%s.Checked", prefix), 1);
	}
}

/* LocalAuthorities.N.{Letter, Items.M.{Id, Name, Retired, Checked, First}}: grouped by the
 * first letter of the name, so a long list can be scanned. */
static void set_local_authorities(struct request *req, const struct organisation_options *options,
				  const struct organisation_ids *ticked)
{
	long long group = -1;
	size_t in_group = 0;
	char letter = '\0';
	for (size_t i = 0; i < options->count; i++) {
		const struct organisation_option *option = &options->items[i];
		char first = (char)toupper((unsigned char)option->name[0]);
		if (!isalpha((unsigned char)first))
			first = '#';
		if (group < 0 || first != letter) {
			group++;
			in_group = 0;
			letter = first;
			view_set(req,
				 arena_printf(req->arena, "LocalAuthorities.%lld.Letter", group),
				 arena_printf(req->arena, "%c", first));
		}
		const char *prefix = arena_printf(req->arena, "LocalAuthorities.%lld.Items.%zu",
						  group, in_group++);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), option->id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), option->name);
		if (option->retired)
			view_set_int(req, arena_printf(req->arena, "%s.Retired", prefix), 1);
		if (has_id(ticked, option->id))
			view_set_int(req, arena_printf(req->arena, "%s.Checked", prefix), 1);
		if (i == 0)
			view_set_int(req, arena_printf(req->arena, "%s.First", prefix), 1);
	}
}

/* Parents: the select's options (every other organisation; "None" first), parent_id chosen. */
static void set_parents(struct request *req, const struct organisation_options *others,
			long long parent_id)
{
	struct view_option *options =
		arena_zalloc(req->arena, (others->count + 2) * sizeof *options);
	options[0] = (struct view_option){ "", "None" };
	for (size_t i = 0; i < others->count; i++)
		options[i + 1] =
			(struct view_option){ arena_printf(req->arena, "%lld", others->items[i].id),
					      others->items[i].name };
	view_set_options(req, "Parents", options, others->count + 1,
			 parent_id ? arena_printf(req->arena, "%lld", parent_id) : "");
}

/* Renders the form; org holds what to tick (stored or just submitted). lead: the lead's form
 * (/organisations/N/edit), without what only administrators set. */
static void show_form(struct request *req, int status, long long id, const char *stored_name,
		      const struct choices *choices, const struct organisation *org, bool lead)
{
	set_checkbox_items(req, "Senders", &choices->others, &org->senders, "Inactive");
	if (lead)
		view_set_int(req, "Org.Lead", 1);
	else
		set_parents(req, &choices->others, org->parent_id);
	set_checkbox_items(req, "Issues", &choices->issues, &org->issues, "No longer offered");
	set_checkbox_items(req, "Genders", &choices->genders, &org->genders,
			   "Retired from the gender list");
	set_local_authorities(req, &choices->las, &org->local_authorities);
	view_set_int(req, "Org.Id", id);
	if (id != 0) {
		view_set(req, "Org.Name", stored_name);
		long long open = 0;
		enum db_status db = organisation_open_referral_count(req->arena, id, &open);
		if (db != DB_OK) {
			page_database_failed(req, db);
			return;
		}
		view_set_int(req, "Org.OpenReferrals", open);
		const char *done = http_query(req, "done");
		if (status == 200 && done != NULL && strcmp(done, "created") == 0)
			view_set(req, "Success", "Organisation added");
		else if (status == 200 && done != NULL && strcmp(done, "saved") == 0)
			view_set(req, "Success", "Changes saved");
	}
	view_render(req, status, "pages/admin/organisation_edit.cs",
		    id != 0 ? "Edit organisation" : "Add an organisation");
}

static const char *limit_text(struct arena *arena, long long value)
{
	return value == ORGANISATION_NO_LIMIT ? "" : arena_printf(arena, "%lld", value);
}

/* Form.* from a stored organisation (or a new one's defaults). */
static void keep_stored(struct request *req, const struct organisation *org)
{
	form_keep(req, "name", org->name);
	form_keep(req, "description", org->description);
	form_keep(req, "contact_email", org->contact_email);
	form_keep(req, "contact_phone", org->contact_phone);
	form_keep(req, "address", org->address);
	form_keep(req, "website", org->website);
	form_keep(req, "active", org->active ? "1" : "0");
	form_keep(req, "accepting", org->accepting ? "1" : "0");
	form_keep(req, "capacity", limit_text(req->arena, org->capacity));
	form_keep(req, "min_age", limit_text(req->arena, org->min_age));
	form_keep(req, "max_age", limit_text(req->arena, org->max_age));
	form_keep(req, "genders_all", org->all_genders ? "all" : "some");
	form_keep(req, "senders_all", org->chosen_senders_only ? "some" : "all");
	form_keep(req, "parent",
		  org->parent_id ? arena_printf(req->arena, "%lld", org->parent_id) : "");
	/* covering no local authority at all is what an unconfigured organisation has: the
	 * administrator chooses, rather than being offered "some" with none ticked */
	if (org->all_local_authorities)
		form_keep(req, "las_all", "all");
	else if (org->local_authorities.count > 0)
		form_keep(req, "las_all", "some");
	size_t len = 1;
	for (size_t i = 0; i < org->group_count; i++)
		len += strlen(org->groups[i]) + 1;
	char *groups = arena_alloc(req->arena, len);
	groups[0] = '\0';
	for (size_t i = 0; i < org->group_count; i++) {
		strcat(groups, org->groups[i]);
		strcat(groups, "\n");
	}
	form_keep(req, "groups", groups);
}

void page_admin_organisation_new(struct request *req)
{
	struct choices choices;
	enum db_status status = load_choices(req, 0, &choices);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	struct organisation org;
	organisation_defaults(&org);
	keep_stored(req, &org);
	show_form(req, 200, 0, NULL, &choices, &org, false);
}

/* The organisation named by the path, or an error page (and false). */
static bool load_organisation(struct request *req, struct organisation *org)
{
	enum db_status status = organisation_get(req->arena, page_parse_id(req->captures[0]), org);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (org->id == 0)
		view_error(req, 404, no_such_organisation);
	return status == DB_OK && org->id != 0;
}

static void edit(struct request *req, bool lead)
{
	struct organisation org;
	if (!load_organisation(req, &org))
		return;
	if (lead && !org_role_allows(req, org.id, ORG_ROLE_LEAD)) {
		view_error(req, 403,
			   "Only the organisation’s leads and administrators can change it.");
		return;
	}
	struct choices choices;
	enum db_status status = load_choices(req, org.id, &choices);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	keep_stored(req, &org);
	show_form(req, 200, org.id, org.name, &choices, &org, lead);
}

void page_admin_organisation_edit(struct request *req)
{
	edit(req, false);
}

void page_organisation_profile_edit(struct request *req)
{
	edit(req, true);
}

/* ---- reading the submitted form (through organisation_fields, model/organisation.h) ---- */

/* The ids ticked in the checkboxes of entry i, each one of options (several of the same count
 * once); a problem for any other. The page ticks <node>.N.Checked from the result. */
static struct organisation_ids ticked_ids(struct form_read *r, size_t i,
					  const struct organisation_options *options)
{
	struct organisation_ids ids = {
		arena_alloc(r->arena, (r->list_counts[i] + 1) * sizeof(long long)), 0
	};
	bool unknown = false;
	for (size_t k = 0; k < r->list_counts[i]; k++) {
		long long id = page_parse_id(r->lists[i][k]);
		bool offered = false;
		for (size_t j = 0; j < options->count && !offered; j++)
			offered = options->items[j].id == id;
		if (!offered)
			unknown = true;
		else if (!has_id(&ids, id))
			ids.ids[ids.count++] = id;
	}
	if (unknown)
		form_fields_refuse(r, i, NULL, r->fields[i].invalid);
	return ids;
}

/* Whether a normalised DN looks like a group's: cn=value first, then at least one more
 * attribute=value, every part non-empty, printable ASCII (the column's character set), with
 * backslash escapes allowed inside values. */
static bool looks_like_group_dn(const char *dn)
{
	if (strncmp(dn, "cn=", 3) != 0 || strlen(dn) > ORGANISATION_GROUP_DN_MAX)
		return false;
	size_t parts = 0;
	const char *p = dn;
	while (*p != '\0') {
		/* attribute type: letters, digits, hyphens (or an OID's dots) */
		const char *type = p;
		while (isalnum((unsigned char)*p) || *p == '-' || *p == '.')
			p++;
		if (p == type || *p != '=')
			return false;
		p++;
		const char *value = p;
		while (*p != '\0' && *p != ',' && *p != '+') {
			if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e || *p == '=')
				return false;
			if (*p == '\\') {
				if (p[1] == '\0')
					return false;
				p++;
			}
			p++;
		}
		if (p == value)
			return false;
		parts++;
		if (*p != '\0') {
			p++;
			if (*p == '\0')
				return false;
		}
	}
	return parts >= 2;
}

/* One DN a line; blank lines skipped, repeats kept once, each stored normalised. */
static void groups_field(struct form_read *r, struct organisation *org)
{
	struct arena *arena = r->arena;
	const char *text = r->typed[ORG_GROUPS];
	org->groups = arena_alloc(arena, (GROUPS_MAX + 1) * sizeof *org->groups);
	org->group_count = 0;
	size_t line_number = 0;
	const char *line = text;
	while (*line != '\0') {
		line_number++;
		size_t len = strcspn(line, "\r\n");
		char *raw = arena_strndup(arena, line, len);
		line += len;
		if (*line == '\r' && line[1] == '\n')
			line += 2;
		else if (*line != '\0')
			line++;
		char *dn = ldap_dn_normalise(arena, valid_trim_in_place(raw));
		if (dn[0] == '\0')
			continue;
		if (!looks_like_group_dn(dn)) {
			form_fields_refuse(
				r, ORG_GROUPS, NULL,
				arena_printf(
					arena,
					"Enter each directory group as a distinguished name, like "
					"cn=foodbank,ou=groups,dc=example,dc=org (line %zu is not "
					"one)",
					line_number));
			return;
		}
		bool repeated = false;
		for (size_t i = 0; i < org->group_count && !repeated; i++)
			repeated = strcmp(org->groups[i], dn) == 0;
		if (repeated)
			continue;
		if (org->group_count == GROUPS_MAX) {
			form_fields_refuse(r, ORG_GROUPS, NULL,
					   "Enter 50 directory groups or fewer");
			return;
		}
		org->groups[org->group_count++] = dn;
	}
}

static long long limit_value(const struct form_read *r, size_t i)
{
	return r->values[i][0] != '\0' ? strtoll(r->values[i], NULL, 10) : ORGANISATION_NO_LIMIT;
}

/* The parent chosen (administrators only): "" for none, or one of others. */
static long long parent_field(struct form_read *r, const struct organisation_options *others)
{
	const char *text = r->typed[ORG_PARENT];
	if (text[0] == '\0')
		return 0;
	long long id = page_parse_id(text);
	for (size_t i = 0; i < others->count; i++)
		if (others->items[i].id == id)
			return id;
	form_fields_refuse(r, ORG_PARENT, NULL, r->fields[ORG_PARENT].invalid);
	return 0;
}

/* Accepted senders: all, or the ones ticked (at least one). */
static void senders_field(struct form_read *r, const struct choices *choices,
			  struct organisation *org)
{
	const char *all = r->values[ORG_SENDERS_ALL];
	org->chosen_senders_only = strcmp(all, "some") == 0;
	org->senders = ticked_ids(r, ORG_SENDERS, &choices->others);
	if (!org->chosen_senders_only)
		form_fields_drop(r, ORG_SENDERS);
	else if (!form_fields_refused(r, ORG_SENDERS) && org->senders.count == 0)
		form_fields_require(r, ORG_SENDERS);
}

/* Reads and checks every field into org; false when the form has errors (already added).
 * stored: for the lead's form, what only administrators set (kept as stored); else NULL. */
static bool read_form(struct request *req, const struct choices *choices, struct organisation *org,
		      const struct organisation *stored)
{
	struct form_read r;
	form_fields_read(req->arena, &req->form, organisation_fields, ORG_FIELD_COUNT, &r);
	senders_field(&r, choices, org);
	const char **v = r.values;
	/* refused values are shown as typed; org's text is not saved then */
	org->name = v[ORG_NAME][0] ? v[ORG_NAME] : r.typed[ORG_NAME];
	org->description = r.typed[ORG_DESCRIPTION];
	org->contact_email =
		v[ORG_CONTACT_EMAIL][0] ? v[ORG_CONTACT_EMAIL] : r.typed[ORG_CONTACT_EMAIL];
	org->contact_phone =
		v[ORG_CONTACT_PHONE][0] ? v[ORG_CONTACT_PHONE] : r.typed[ORG_CONTACT_PHONE];
	org->address = r.typed[ORG_ADDRESS];
	org->website = r.typed[ORG_WEBSITE];
	org->active = strcmp(v[ORG_ACTIVE], "1") == 0;
	org->accepting = strcmp(v[ORG_ACCEPTING], "1") == 0;
	org->capacity = limit_value(&r, ORG_CAPACITY);
	org->issues = ticked_ids(&r, ORG_ISSUES, &choices->issues);
	org->min_age = limit_value(&r, ORG_MIN_AGE);
	org->max_age = limit_value(&r, ORG_MAX_AGE);
	if (org->min_age != ORGANISATION_NO_LIMIT && org->max_age != ORGANISATION_NO_LIMIT &&
	    org->min_age > org->max_age)
		form_fields_refuse(&r, ORG_MIN_AGE, NULL,
				   arena_printf(req->arena,
						"Minimum age must be the same as or less than the "
						"maximum age (%lld)",
						org->max_age));
	org->all_genders = strcmp(v[ORG_GENDERS_ALL], "all") == 0;
	org->genders = ticked_ids(&r, ORG_GENDERS, &choices->genders);
	/* the ticks count only for "some" (all, or not said: the radios' own message) */
	if (strcmp(v[ORG_GENDERS_ALL], "some") != 0)
		form_fields_drop(&r, ORG_GENDERS);
	else if (!form_fields_refused(&r, ORG_GENDERS) && org->genders.count == 0)
		form_fields_require(&r, ORG_GENDERS);
	org->all_local_authorities = strcmp(v[ORG_LAS_ALL], "all") == 0;
	org->local_authorities = ticked_ids(&r, ORG_LAS, &choices->las);
	if (strcmp(v[ORG_LAS_ALL], "some") != 0)
		form_fields_drop(&r, ORG_LAS);
	else if (!form_fields_refused(&r, ORG_LAS) && org->local_authorities.count == 0)
		form_fields_require(&r, ORG_LAS);
	if (stored != NULL) {
		/* the lead's form has no status, groups or parent: they stay as they are */
		form_fields_drop(&r, ORG_ACTIVE);
		form_fields_drop(&r, ORG_GROUPS);
		form_fields_drop(&r, ORG_PARENT);
		org->active = stored->active;
		org->groups = stored->groups;
		org->group_count = stored->group_count;
		org->parent_id = stored->parent_id;
	} else {
		groups_field(&r, org);
		org->parent_id = parent_field(&r, &choices->others);
	}
	return form_fields_show(req, &r);
}

/* Saves the submitted form for id (0: a new organisation); stored: the organisation as stored
 * (NULL for a new one); lead: the lead's form. */
static void save(struct request *req, long long id, const struct organisation *stored, bool lead)
{
	const char *stored_name = stored ? stored->name : NULL;
	struct choices choices;
	enum db_status status = load_choices(req, id, &choices);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	struct organisation org;
	memset(&org, 0, sizeof org);
	org.id = id;
	if (!read_form(req, &choices, &org, lead ? stored : NULL)) {
		show_form(req, 400, id, stored_name, &choices, &org, lead);
		return;
	}
	struct organisation_saved saved;
	/* the lead's form used by an administrator who is not its lead is an administrator's edit
	 */
	struct organisation_change_by by = { req->session->staff_id, req->remote_addr,
					     !lead || !org_role_held(req, id, ORG_ROLE_LEAD) };
	status = organisation_save(req->arena, &by, &org, &saved);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (saved.result == ORGANISATION_NOT_FOUND) {
		view_error(req, 404, no_such_organisation);
		return;
	}
	if (saved.result == ORGANISATION_DUPLICATE || saved.result == ORGANISATION_BAD_PARENT) {
		if (saved.result == ORGANISATION_DUPLICATE)
			form_error(req, "name",
				   arena_printf(req->arena,
						"There is already an organisation called ‘%s’: "
						"choose another name",
						saved.clash));
		else
			form_error(req, "parent",
				   "Choose a parent organisation that is not a team itself (and "
				   "an organisation with teams cannot be a team)");
		show_form(req, 400, id, stored_name, &choices, &org, lead);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "%s/%lld%s?done=%s",
					lead ? "/organisations" : "/admin/organisations", saved.id,
					lead ? "/edit" : "", id == 0 ? "created" : "saved"));
}

void page_admin_organisation_create(struct request *req)
{
	save(req, 0, NULL, false);
}

void page_admin_organisation_save(struct request *req)
{
	struct organisation current;
	if (!load_organisation(req, &current))
		return;
	save(req, current.id, &current, false);
}

void page_organisation_profile_save(struct request *req)
{
	struct organisation current;
	if (!load_organisation(req, &current))
		return;
	if (!org_role_allows(req, current.id, ORG_ROLE_LEAD)) {
		view_error(req, 403,
			   "Only the organisation’s leads and administrators can change it.");
		return;
	}
	save(req, current.id, &current, true);
}
