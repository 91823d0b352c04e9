/* The directory of organisations, an organisation's profile, and the lead's pause, resume and
 * banner forms on it (organisation_profile.h). The directory and profiles show organisation
 * data only: what it is, how to contact it, what it accepts and whether it is accepting. */
#include "organisation_profile.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../dates.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/org_role.h"
#include "../model/organisation.h"
#include "../model/organisation_directory.h"
#include "../model/organisation_pause.h"
#include "pages.h"

static const char no_such_organisation[] = "There is no such organisation.";
static const char leads_only[] = "Only the organisation’s leads and administrators can change it.";

/* ---- the directory ---- */

/* A select's options: "Any" then each option, selected_id chosen. */
static void set_filter(struct request *req, const char *name,
		       const struct organisation_options *choices, long long selected_id)
{
	struct view_option *options =
		arena_zalloc(req->arena, (choices->count + 2) * sizeof *options);
	options[0] = (struct view_option){ "", "Any" };
	for (size_t i = 0; i < choices->count; i++)
		options[i + 1] = (struct view_option){ arena_printf(req->arena, "%lld",
								    choices->items[i].id),
						       choices->items[i].name };
	view_set_options(req, name, options, choices->count + 1,
			 selected_id ? arena_printf(req->arena, "%lld", selected_id) : "");
}

/* Directory.N.*: one organisation of the page. */
static void set_entry(struct request *req, size_t i, const struct directory_entry *e)
{
	const char *p = arena_printf(req->arena, "Directory.%zu", i);
	view_set_int(req, arena_printf(req->arena, "%s.Id", p), e->id);
	view_set(req, arena_printf(req->arena, "%s.Name", p), e->name);
	view_set(req, arena_printf(req->arena, "%s.Description", p), e->description);
	if (e->parent_name != NULL)
		view_set(req, arena_printf(req->arena, "%s.Parent", p), e->parent_name);
	view_set_int(req, arena_printf(req->arena, "%s.Accepting", p), e->accepting);
	if (e->paused_reason != NULL)
		view_set(req, arena_printf(req->arena, "%s.Paused", p),
			 e->paused_until != NULL
				 ? arena_printf(req->arena, "Paused until %s: %s",
						dates_long(req->arena, e->paused_until),
						e->paused_reason)
				 : arena_printf(req->arena, "Paused: %s", e->paused_reason));
	view_set(req, arena_printf(req->arena, "%s.Phone", p), e->contact_phone);
	view_set(req, arena_printf(req->arena, "%s.Email", p), e->contact_email);
	view_set(req, arena_printf(req->arena, "%s.Website", p), e->website);
}

void page_organisations_directory(struct request *req)
{
	struct directory_search q = {
		.name = page_query_text(req, "q"),
		.issue_id = page_parse_id(page_query_text(req, "issue")),
		.local_authority_id = page_parse_id(page_query_text(req, "la")),
		.accepting_only = page_query_text(req, "accepting")[0] == '1',
		.page = page_parse_id(http_query(req, "page")),
	};
	if (strlen(q.name) > 200)
		q.name = "";
	struct organisation_options issues, las;
	struct directory_page list;
	enum db_status s = organisation_issue_options(req->arena, 0, &issues);
	if (s == DB_OK)
		s = organisation_local_authority_options(req->arena, 0, &las);
	if (s == DB_OK)
		s = directory_search(req->arena, &q, &list);
	if (s != DB_OK) {
		page_database_failed(req, s);
		return;
	}
	set_filter(req, "Filters.Issues", &issues, q.issue_id);
	set_filter(req, "Filters.Las", &las, q.local_authority_id);
	for (size_t i = 0; i < issues.count; i++)
		if (issues.items[i].id == q.issue_id)
			view_set(req, "Filters.IssueName", issues.items[i].name);
	for (size_t i = 0; i < list.count; i++)
		set_entry(req, i, &list.items[i]);
	/* the current search, for the pages' links */
	const char *query = page_query_add(req->arena, "", "q", q.name);
	query = page_query_add(req->arena, query, "issue", page_query_text(req, "issue"));
	query = page_query_add(req->arena, query, "la", page_query_text(req, "la"));
	query = page_query_add(req->arena, query, "accepting", q.accepting_only ? "1" : "");
	view_set(req, "Paging.Query", query);
	view_set_int(req, "Paging.Total", list.total);
	view_set_int(req, "Paging.Page", list.page);
	view_set_int(req, "Paging.Pages", list.pages);
	if (list.page > 1)
		view_set_int(req, "Paging.PrevPage", list.page - 1);
	if (list.page < list.pages)
		view_set_int(req, "Paging.NextPage", list.page + 1);
	view_render(req, 200, "pages/organisations/directory.cs", "Directory of organisations");
}

/* ---- the profile ---- */

/* <node>.N: the names of the ids among options. */
static void set_names(struct request *req, const char *node,
		      const struct organisation_options *options,
		      const struct organisation_ids *ids)
{
	size_t n = 0;
	for (size_t i = 0; i < options->count; i++)
		for (size_t k = 0; k < ids->count; k++)
			if (options->items[i].id == ids->ids[k])
				view_set(req, arena_printf(req->arena, "%s.%zu", node, n++),
					 options->items[i].name);
}

/* Org.*: the profile's facts. */
static void set_facts(struct request *req, const struct organisation *org, long long open)
{
	view_set_int(req, "Org.Id", org->id);
	view_set(req, "Org.Name", org->name);
	view_set(req, "Org.Description", org->description);
	view_set(req, "Org.Address", org->address);
	view_set(req, "Org.Phone", org->contact_phone);
	view_set(req, "Org.Email", org->contact_email);
	view_set(req, "Org.Website", org->website);
	view_set(req, "Org.Banner", org->banner);
	view_set_int(req, "Org.Active", org->active);
	view_set_int(req, "Org.Accepting", org->accepting);
	if (org->paused_reason != NULL) {
		view_set(req, "Org.PausedReason", org->paused_reason);
		if (org->paused_until != NULL)
			view_set(req, "Org.PausedUntil", dates_long(req->arena, org->paused_until));
	}
	view_set_int(req, "Org.OpenReferrals", open);
	if (org->capacity != ORGANISATION_NO_LIMIT)
		view_set_int(req, "Org.Capacity", org->capacity);
	const char *ages = "Any age";
	if (org->min_age != ORGANISATION_NO_LIMIT && org->max_age != ORGANISATION_NO_LIMIT)
		ages = arena_printf(req->arena, "%lld to %lld", org->min_age, org->max_age);
	else if (org->min_age != ORGANISATION_NO_LIMIT)
		ages = arena_printf(req->arena, "%lld and over", org->min_age);
	else if (org->max_age != ORGANISATION_NO_LIMIT)
		ages = arena_printf(req->arena, "Up to %lld", org->max_age);
	view_set(req, "Org.Ages", ages);
	view_set_int(req, "Org.AllGenders", org->all_genders);
	view_set_int(req, "Org.AllLas", org->all_local_authorities);
	view_set_int(req, "Org.AllSenders", !org->chosen_senders_only);
}

/* The profile page, with status (400: a form of it came back with errors). */
static void show_profile(struct request *req, int status, const struct organisation *org)
{
	struct organisation_options issues, genders, las, others;
	struct directory_relations relations;
	long long open = 0;
	enum db_status s = organisation_issue_options(req->arena, org->id, &issues);
	if (s == DB_OK)
		s = organisation_gender_options(req->arena, org->id, &genders);
	if (s == DB_OK)
		s = organisation_local_authority_options(req->arena, org->id, &las);
	if (s == DB_OK)
		s = organisation_other_options(req->arena, org->id, &others);
	if (s == DB_OK)
		s = directory_relations(req->arena, org->id, &relations);
	if (s == DB_OK)
		s = organisation_open_referral_count(req->arena, org->id, &open);
	if (s != DB_OK) {
		page_database_failed(req, s);
		return;
	}
	set_facts(req, org, open);
	set_names(req, "Org.Issues", &issues, &org->issues);
	set_names(req, "Org.Genders", &genders, &org->genders);
	set_names(req, "Org.Las", &las, &org->local_authorities);
	set_names(req, "Org.Senders", &others, &org->senders);
	if (relations.parent_name != NULL) {
		view_set_int(req, "Org.ParentId", relations.parent_id);
		view_set(req, "Org.Parent", relations.parent_name);
	}
	for (size_t i = 0; i < relations.team_count; i++) {
		view_set_int(req, arena_printf(req->arena, "Org.Teams.%zu.Id", i),
			     relations.teams[i].id);
		view_set(req, arena_printf(req->arena, "Org.Teams.%zu.Name", i),
			 relations.teams[i].name);
	}
	if (org_role_allows(req, org->id, ORG_ROLE_LEAD))
		view_set_int(req, "Org.CanEdit", 1);
	static const char *const notices[][2] = {
		{ "paused", "Referrals paused" },
		{ "resumed", "Accepting referrals again" },
		{ "banner", "Banner alert saved" },
	};
	if (status == 200)
		page_done_notice(req, notices, PAGE_COUNT_OF(notices));
	view_render(req, status, "pages/organisations/profile.cs", org->name);
}

/* The organisation of the path, active (inactive ones only for administrators), or an error
 * page and false. */
static bool load(struct request *req, struct organisation *org)
{
	enum db_status s = organisation_get(req->arena, page_parse_id(req->captures[0]), org);
	if (s != DB_OK) {
		page_database_failed(req, s);
		return false;
	}
	if (org->id == 0 || (!org->active && !req->session->is_admin)) {
		view_error(req, 404, no_such_organisation);
		return false;
	}
	return true;
}

void page_organisation_profile(struct request *req)
{
	struct organisation org;
	if (load(req, &org))
		show_profile(req, 200, &org);
}

/* ---- the lead's forms ---- */

/* The organisation of the path when the person may lead it; else an error page and false. */
static bool load_for_lead(struct request *req, struct organisation *org)
{
	if (!load(req, org))
		return false;
	if (!org_role_allows(req, org->id, ORG_ROLE_LEAD)) {
		view_error(req, 403, leads_only);
		return false;
	}
	return true;
}

/* The optional resume date of the pause form: NULL when not given, else "YYYY-MM-DD" after
 * today; a problem is added to r. */
static const char *resume_date(struct request *req, struct form_read *r)
{
	const char *day = r->typed[PAUSE_DAY], *month = r->typed[PAUSE_MONTH],
		   *year = r->typed[PAUSE_YEAR];
	if (day[0] == '\0' && month[0] == '\0' && year[0] == '\0')
		return NULL;
	struct valid_date date;
	const char *problem = valid_date(day, month, year, &date);
	if (problem == NULL && valid_date_compare(date, page_today()) <= 0)
		problem = "The date to resume must be after today";
	if (problem != NULL) {
		form_fields_refuse(r, PAUSE_DAY, "resume", problem);
		return NULL;
	}
	char *iso = arena_alloc(req->arena, VALID_DATE_ISO_SIZE);
	valid_date_to_iso(date, iso);
	return iso;
}

/* Who acts: the organisation's own lead, or an administrator who is not one (audited apart). */
static struct organisation_change_by changed_by(const struct request *req, long long org_id)
{
	return (struct organisation_change_by){ req->session->staff_id, req->remote_addr,
						!org_role_held(req, org_id, ORG_ROLE_LEAD) };
}

static void done(struct request *req, long long id, const char *what)
{
	http_redirect(req, arena_printf(req->arena, "/organisations/%lld?done=%s", id, what));
}

void page_organisation_pause(struct request *req)
{
	struct organisation org;
	if (!load_for_lead(req, &org))
		return;
	struct form_read r;
	form_fields_read(req->arena, &req->form, organisation_pause_fields, PAUSE_FIELD_COUNT, &r);
	const char *until = resume_date(req, &r);
	if (!form_fields_show(req, &r)) {
		show_profile(req, 400, &org);
		return;
	}
	struct organisation_change_by by = changed_by(req, org.id);
	bool found = false;
	enum db_status s =
		organisation_pause(req->arena, &by, org.id, r.values[PAUSE_REASON], until, &found);
	if (page_found(req, s, found))
		done(req, org.id, "paused");
}

void page_organisation_resume(struct request *req)
{
	struct organisation org;
	if (!load_for_lead(req, &org))
		return;
	struct organisation_change_by by = changed_by(req, org.id);
	bool found = false;
	enum db_status s = organisation_resume(req->arena, &by, org.id, &found);
	if (page_found(req, s, found))
		done(req, org.id, "resumed");
}

void page_organisation_banner(struct request *req)
{
	struct organisation org;
	if (!load_for_lead(req, &org))
		return;
	struct form_read r;
	form_fields_read(req->arena, &req->form, organisation_banner_field, 1, &r);
	if (!form_fields_show(req, &r)) {
		show_profile(req, 400, &org);
		return;
	}
	struct organisation_change_by by = changed_by(req, org.id);
	bool found = false;
	enum db_status s = organisation_banner_set(req->arena, &by, org.id, r.values[0], &found);
	if (page_found(req, s, found))
		done(req, org.id, "banner");
}
