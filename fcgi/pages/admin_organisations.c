/* Organisations: the searchable list, and one form to add or edit an organisation's details,
 * what it accepts (issues, ages, genders, local authorities), its capacity and the directory
 * groups whose members are its staff. Saving audits each changed field. */
#include "admin_organisations.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../arena.h"
#include "../form.h"
#include "../ldap_auth.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
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
			view_set_int(req, arena_printf(req->arena, "%s.Capacity", prefix), org->capacity);
	}
	view_set_int(req, "Paging.Total", list.total);
	view_set_int(req, "Paging.Page", list.page);
	view_set_int(req, "Paging.Pages", list.pages);
	/* the neighbouring pages as text: template arithmetic would make the link a number */
	if (list.page > 1)
		view_set_int(req, "Paging.PrevPage", list.page - 1);
	if (list.page < list.pages)
		view_set_int(req, "Paging.NextPage", list.page + 1);
	view_set_int(req, "Paging.First", list.count ? (list.page - 1) * ORGANISATION_PAGE_SIZE + 1 : 0);
	view_set_int(req, "Paging.Last", (list.page - 1) * ORGANISATION_PAGE_SIZE + (long long)list.count);
	view_render(req, 200, "pages/admin/organisations.cs", "Organisations");
}

/* ---- the form ---- */

/* What the form offers to tick. */
struct choices {
	struct organisation_options issues, genders, las;
};

static enum db_status load_choices(struct request *req, long long id, struct choices *choices)
{
	enum db_status status = organisation_issue_options(req->arena, id, &choices->issues);
	if (status == DB_OK)
		status = organisation_gender_options(req->arena, id, &choices->genders);
	if (status == DB_OK)
		status = organisation_local_authority_options(req->arena, id, &choices->las);
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
			view_set(req, arena_printf(req->arena, "LocalAuthorities.%lld.Letter", group),
				 arena_printf(req->arena, "%c", first));
		}
		const char *prefix = arena_printf(req->arena, "LocalAuthorities.%lld.Items.%zu", group, in_group++);
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

/* Renders the form; org holds what to tick (stored or just submitted). */
static void show_form(struct request *req, int status, long long id, const char *stored_name,
		      const struct choices *choices, const struct organisation *org)
{
	set_checkbox_items(req, "Issues", &choices->issues, &org->issues, "No longer offered");
	set_checkbox_items(req, "Genders", &choices->genders, &org->genders, "Retired from the gender list");
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
	struct organisation org = {.name = "", .description = "", .contact_email = "",
				   .contact_phone = "", .address = "", .website = "",
				   .active = true, .accepting = true, .capacity = ORGANISATION_NO_LIMIT,
				   .min_age = ORGANISATION_NO_LIMIT, .max_age = ORGANISATION_NO_LIMIT,
				   .all_genders = true};
	keep_stored(req, &org);
	show_form(req, 200, 0, NULL, &choices, &org);
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

void page_admin_organisation_edit(struct request *req)
{
	struct organisation org;
	if (!load_organisation(req, &org))
		return;
	struct choices choices;
	enum db_status status = load_choices(req, org.id, &choices);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	keep_stored(req, &org);
	show_form(req, 200, org.id, org.name, &choices, &org);
}

/* ---- reading the submitted form ---- */

/* A text field of at most max characters; multiline allows line breaks. */
/* A text field of at most max characters; multiline allows line breaks. ok (may be NULL):
 * false when the field was refused. */
static const char *text_field(struct request *req, const char *field, const char *label, size_t max,
			      bool multiline, bool *ok)
{
	const char *value = form_text(req, field);
	const char *problem = multiline ? valid_multiline(value) : valid_single_line(value);
	bool too_long = valid_text_length(value, 0, max) == VALID_LENGTH_TOO_LONG;
	if (too_long)
		form_error(req, field, arena_printf(req->arena, "%s must be %zu characters or fewer", label, max));
	else if (problem != NULL)
		form_error(req, field,
			   arena_printf(req->arena, multiline ? "%s must not contain special characters"
							      : "%s must be on one line, without special characters",
					label));
	if (ok != NULL)
		*ok = !too_long && problem == NULL;
	return value;
}

/* A blank (no limit) or whole number from min to max. */
static long long number_field(struct request *req, const char *field, const char *label, long long min,
			      long long max, const char *example)
{
	const char *text = form_text(req, field);
	if (text[0] == '\0')
		return ORGANISATION_NO_LIMIT;
	long long value = ORGANISATION_NO_LIMIT;
	switch (valid_int_range(text, min, max, &value)) {
	case VALID_INT_OK:
		return value;
	case VALID_INT_EMPTY:
		return ORGANISATION_NO_LIMIT;
	case VALID_INT_NOT_WHOLE:
		form_error(req, field, arena_printf(req->arena, "%s must be a whole number, like %s", label, example));
		break;
	case VALID_INT_TOO_SMALL:
		form_error(req, field, arena_printf(req->arena, "%s must be %lld or more", label, min));
		break;
	case VALID_INT_TOO_LARGE:
		form_error(req, field, arena_printf(req->arena, "%s must be %lld or less", label, max));
		break;
	}
	return ORGANISATION_NO_LIMIT;
}

/* A yes/no radio sent as "1" or "0". */
static bool yes_no_field(struct request *req, const char *field, const char *message)
{
	const char *value = form_text(req, field);
	if (strcmp(value, "1") != 0 && strcmp(value, "0") != 0)
		form_error(req, field, message);
	return strcmp(value, "1") == 0;
}

/* "all" or "some" from radios; false (and an error) for anything else. */
static bool all_or_some(struct request *req, const char *field, const char *message, bool *all)
{
	const char *value = form_text(req, field);
	*all = strcmp(value, "all") == 0;
	if (!*all && strcmp(value, "some") != 0) {
		form_error(req, field, message);
		return false;
	}
	return true;
}

/* The ids ticked in the checkboxes called field, each one of options (several of the same
 * count once). Not through form_values: the checkbox macros are ticked from
 * <node>.N.Checked, set from the result. */
static struct organisation_ids ticked_ids(struct request *req, const char *field,
					  const struct organisation_options *options, bool *unknown)
{
	struct organisation_ids ids = {arena_alloc(req->arena, (req->form.count + 1) * sizeof(long long)), 0};
	for (size_t i = 0; i < req->form.count; i++) {
		if (strcmp(req->form.items[i].name, field) != 0)
			continue;
		long long id = page_parse_id(req->form.items[i].value);
		bool offered = false;
		for (size_t j = 0; j < options->count && !offered; j++)
			offered = options->items[j].id == id;
		if (!offered)
			*unknown = true;
		else if (!has_id(&ids, id))
			ids.ids[ids.count++] = id;
	}
	return ids;
}

/* A website address as people paste it from a browser. */
static void website_field(struct request *req, const char *website)
{
	if (website[0] == '\0')
		return;
	size_t scheme = strncasecmp(website, "https://", 8) == 0  ? 8
			: strncasecmp(website, "http://", 7) == 0 ? 7
								  : 0;
	if (scheme == 0 || website[scheme] == '\0' || strchr(website, ' ') != NULL)
		form_error(req, "website", "Enter a website address starting https:// or http://, like "
					   "https://www.example.org");
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
static void groups_field(struct request *req, struct organisation *org)
{
	const char *text = form_text(req, "groups");
	org->groups = arena_alloc(req->arena, (GROUPS_MAX + 1) * sizeof *org->groups);
	org->group_count = 0;
	size_t line_number = 0;
	const char *line = text;
	while (*line != '\0') {
		line_number++;
		size_t len = strcspn(line, "\r\n");
		char *raw = arena_strndup(req->arena, line, len);
		line += len;
		if (*line == '\r' && line[1] == '\n')
			line += 2;
		else if (*line != '\0')
			line++;
		char *dn = ldap_dn_normalise(req->arena, valid_trim_in_place(raw));
		if (dn[0] == '\0')
			continue;
		if (!looks_like_group_dn(dn)) {
			form_error(req, "groups",
				   arena_printf(req->arena,
						"Enter each directory group as a distinguished name, like "
						"cn=foodbank,ou=groups,dc=example,dc=org (line %zu is not one)",
						line_number));
			return;
		}
		bool repeated = false;
		for (size_t i = 0; i < org->group_count && !repeated; i++)
			repeated = strcmp(org->groups[i], dn) == 0;
		if (repeated)
			continue;
		if (org->group_count == GROUPS_MAX) {
			form_error(req, "groups", "Enter 50 directory groups or fewer");
			return;
		}
		org->groups[org->group_count++] = dn;
	}
}

/* Reads and checks every field into org; false when the form has errors (already added). */
static bool read_form(struct request *req, const struct choices *choices, struct organisation *org)
{
	const char *name = form_text(req, "name");
	if (name[0] == '\0')
		form_error(req, "name", "Enter the organisation’s name");
	else
		name = text_field(req, "name", "Name", ORGANISATION_NAME_MAX, false, NULL);
	org->name = name;
	org->description = text_field(req, "description", "Description", ORGANISATION_DESCRIPTION_MAX, true, NULL);

	const char *email = form_text(req, "contact_email");
	org->contact_email = email;
	if (email[0] != '\0') {
		char normal[VALID_EMAIL_SIZE];
		const char *problem = valid_email(email, normal);
		if (problem != NULL)
			form_error(req, "contact_email", problem);
		else
			org->contact_email = arena_strdup(req->arena, normal);
	}
	const char *phone = form_text(req, "contact_phone");
	org->contact_phone = phone;
	if (phone[0] != '\0') {
		char normal[VALID_PHONE_SIZE];
		const char *problem = valid_uk_phone(phone, normal);
		if (problem != NULL)
			form_error(req, "contact_phone", problem);
		else
			org->contact_phone = arena_strdup(req->arena, normal);
	}
	org->address = text_field(req, "address", "Address", ORGANISATION_ADDRESS_MAX, true, NULL);
	bool website_ok = true;
	org->website = text_field(req, "website", "Website", ORGANISATION_WEBSITE_MAX, false, &website_ok);
	if (website_ok)
		website_field(req, org->website);

	org->active = yes_no_field(req, "active", "Choose whether the organisation is active");
	org->accepting = yes_no_field(req, "accepting", "Choose whether the organisation is accepting referrals");
	org->capacity = number_field(req, "capacity", "Capacity", 1, ORGANISATION_CAPACITY_MAX, "25");

	bool unknown = false;
	org->issues = ticked_ids(req, "issues", &choices->issues, &unknown);
	if (unknown)
		form_error(req, "issues", "Choose issues from the list");

	org->min_age = number_field(req, "min_age", "Minimum age", 0, ORGANISATION_AGE_MAX, "18");
	org->max_age = number_field(req, "max_age", "Maximum age", 0, ORGANISATION_AGE_MAX, "65");
	if (org->min_age != ORGANISATION_NO_LIMIT && org->max_age != ORGANISATION_NO_LIMIT &&
	    org->min_age > org->max_age)
		form_error(req, "min_age",
			   arena_printf(req->arena,
					"Minimum age must be the same as or less than the maximum age (%lld)",
					org->max_age));

	unknown = false;
	org->genders = ticked_ids(req, "genders", &choices->genders, &unknown);
	if (all_or_some(req, "genders_all", "Choose whether the organisation accepts all genders",
			&org->all_genders) &&
	    !org->all_genders) {
		if (unknown)
			form_error(req, "genders", "Choose genders from the list");
		else if (org->genders.count == 0)
			form_error(req, "genders", "Choose at least one gender, or choose ‘All genders’");
	}

	unknown = false;
	org->local_authorities = ticked_ids(req, "las", &choices->las, &unknown);
	if (all_or_some(req, "las_all",
			"Choose whether the organisation covers all local authorities or only some",
			&org->all_local_authorities) &&
	    !org->all_local_authorities) {
		if (unknown)
			form_error(req, "las", "Choose local authorities from the list");
		else if (org->local_authorities.count == 0)
			form_error(req, "las",
				   "Choose at least one local authority, or choose ‘All local authorities’");
	}

	groups_field(req, org);
	return !form_has_errors(req);
}

/* Saves the submitted form for id (0: a new organisation); stored_name names the page. */
static void save(struct request *req, long long id, const char *stored_name)
{
	struct choices choices;
	enum db_status status = load_choices(req, id, &choices);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	struct organisation org;
	memset(&org, 0, sizeof org);
	org.id = id;
	if (!read_form(req, &choices, &org)) {
		show_form(req, 400, id, stored_name, &choices, &org);
		return;
	}
	struct organisation_saved saved;
	status = organisation_save(req->arena, req->session->staff_id, req->remote_addr, &org, &saved);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (saved.result == ORGANISATION_NOT_FOUND) {
		view_error(req, 404, no_such_organisation);
		return;
	}
	if (saved.result == ORGANISATION_DUPLICATE) {
		form_error(req, "name",
			   arena_printf(req->arena, "There is already an organisation called ‘%s’: choose another name",
					saved.clash));
		show_form(req, 400, id, stored_name, &choices, &org);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/admin/organisations/%lld?done=%s", saved.id,
					id == 0 ? "created" : "saved"));
}

void page_admin_organisation_create(struct request *req)
{
	save(req, 0, NULL);
}

void page_admin_organisation_save(struct request *req)
{
	struct organisation current;
	if (!load_organisation(req, &current))
		return;
	save(req, current.id, current.name);
}
