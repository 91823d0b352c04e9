/* Switching the active organisation, for staff of several. */
#include "../arena.h"
#include "../log.h"
#include "../render.h"
#include "../session.h"
#include "../model/audit.h"
#include "pages.h"

void page_switch_organisation(struct request *req)
{
	long long org_id = page_parse_id(http_form(req, "organisation_id"));
	if (org_id == 0) {
		view_error(req, 400, "Choose an organisation from the list.");
		return;
	}
	long long previous = req->session->org_id;
	bool allowed = false;
	enum db_status status = sess_switch_org(req, org_id, &allowed);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (!allowed) {
		view_error(req, 403, "You are not a member of that organisation.");
		return;
	}
	struct audit_entry entry = { .staff_id = req->session->staff_id,
				     .organisation_id = org_id,
				     .action = "switch_org",
				     .subject_type = "staff",
				     .subject_id = req->session->staff_id,
				     .old_value = arena_printf(req->arena, "%lld", previous),
				     .new_value = arena_printf(req->arena, "%lld", org_id),
				     .remote_addr = req->remote_addr };
	if (audit_record(req->arena, &entry) != DB_OK)
		log_error("could not record switch_org");
	http_redirect(req, http_safe_next(http_form(req, "next")));
}
