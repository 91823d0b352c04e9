/* The access log's hook for pages and the profile's access and sharing histories. */
#include "access.h"

#include "../arena.h"
#include "../config.h"
#include "../log.h"
#include "../render.h"
#include "../session.h"
#include "pages.h"

void page_access(struct request *req, enum access_kind kind, long long subject_id)
{
	if (req->session != NULL)
		access_log_note(req->id, req->session->staff_id, req->session->org_id, kind,
				subject_id);
}

void page_access_flush(struct request *req)
{
	enum db_status status =
		access_log_flush(req->arena, req->id, req->status, req->config->access_log);
	if (status != DB_OK)
		log_error("the access log could not be written (status %d)", (int)status);
}

static void set_access(struct request *req, const struct access_history *h)
{
	for (size_t i = 0; i < h->count; i++) {
		const struct access_entry *e = &h->items[i];
		const char *prefix = arena_printf(req->arena, "Access.%zu", i);
		view_set_field(req, prefix, "When",
			       page_local_date_time(req->arena, e->occurred_at));
		view_set_field(req, prefix, "What", access_kind_label(e->kind));
		view_set_field(req, prefix, "Organisation", e->organisation);
		if (e->staff_name != NULL)
			view_set_field(req, prefix, "Staff", e->staff_name);
		if (e->request_id != NULL)
			view_set_field(req, prefix, "RequestId", e->request_id);
	}
	view_set_int(req, "AccessCount", (long long)h->count);
}

static void set_sharing(struct request *req, const struct share_history *h)
{
	for (size_t i = 0; i < h->count; i++) {
		const struct share_entry *e = &h->items[i];
		const char *prefix = arena_printf(req->arena, "Sharing.%zu", i);
		view_set_field_int(req, prefix, "ReferralId", e->referral_id);
		view_set_field(req, prefix, "When", page_local_date_time(req->arena, e->sent_at));
		view_set_field(req, prefix, "To", e->to_organisation);
		view_set_field(req, prefix, "From", e->from_organisation);
		/* a sender's name for administrators and the sending organisation's own staff */
		if (req->session->is_admin || e->sending_org_id == req->session->org_id)
			view_set_field(req, prefix, "By", e->sent_by);
		view_set_field(req, prefix, "Issue", e->issue);
		view_set_field_int(req, prefix, "ConsentId", e->consent_id);
		view_set_field(req, prefix, "ConsentAt",
			       page_local_date_time(req->arena, e->consent_at));
		view_set_field(req, prefix, "ConsentFrom", e->consent_from);
	}
	view_set_int(req, "SharingCount", (long long)h->count);
}

bool page_access_sections(struct request *req, long long client_id)
{
	struct access_history access;
	struct share_history sharing;
	enum db_status status = access_histories(req->arena, client_id, req->session->org_id,
						 req->session->is_admin, &access, &sharing);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	set_access(req, &access);
	set_sharing(req, &sharing);
	return true;
}
