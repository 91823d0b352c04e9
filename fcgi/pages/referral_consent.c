/* Renew consent (GET/POST /referrals/N/consent): the sender of a referral whose group's
 * consent has expired records it again, asked by the consent form (consent_form.c) as the
 * referral journey asks it. */
#include "referral_consent.h"

#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../model/client.h"
#include "../model/referral.h"
#include "../model/referral_access.h"
#include "../model/settings.h"
#include "access.h"
#include "consent_form.h"
#include "privacy.h"
#include "pages.h"

/* The referral of the path, its group's consent and whether the active organisation may renew
 * it: only the sender, and only once it has expired. Answers 404 (not party to it), 409 (not
 * the sender, or nothing to renew) or the failure page, and returns false, otherwise. */
static bool consent_load(struct request *req, struct referral *r, struct client_consent *consent)
{
	long long id = page_parse_id(req->captures[0]);
	/* the renewal is the one way out of an expired consent: it never asks consent_expired */
	struct scope scope = page_scope(req);
	struct referral_access access = { .role = REFERRAL_NONE };
	if (id > 0) {
		enum db_status status = referral_access_get(req->arena, id, &scope, &access);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return false;
		}
	}
	enum referral_role role = access.role;
	if (role == REFERRAL_NONE) {
		view_error(req, 404, NULL);
		return false;
	}
	if (access.redacted_at != NULL) { /* issue 15: no consent for a redacted client */
		page_client_removed(req, access.redacted_at, access.redaction_kind,
				    arena_printf(req->arena, "/referrals/%lld", id));
		return false;
	}
	bool found = false;
	enum db_status status = referral_get(req->arena, id, &scope, r, &found);
	struct settings_timeframes timeframes;
	if (status == DB_OK && found)
		status = settings_load_timeframes(req->arena, &timeframes);
	bool consent_found = false;
	if (status == DB_OK && found)
		status = client_group_consent(req->arena, r->group_id,
					      timeframes.consent_expiry_days, consent,
					      &consent_found);
	if (!page_found(req, status, found))
		return false;
	if (role != REFERRAL_SENDER) {
		view_error(req, 409,
			   arena_printf(req->arena,
					"Only the sending organisation can renew consent for "
					"referral %lld.",
					id));
		return false;
	}
	if (!consent_found || !consent->expired) {
		view_error(req, 409,
			   arena_printf(req->arena,
					"Consent for referral %lld has not expired, so there is "
					"nothing to renew.",
					id));
		return false;
	}
	return true;
}

static void consent_render(struct request *req, const struct referral *r,
			   const struct client_consent *consent, int status)
{
	view_set_int(req, "Referral.Id", r->id);
	view_set(req, "Referral.Issue", r->issue_name);
	view_set(req, "Consent.ExpiredOn", page_local_date_time(req->arena, consent->expires_at));
	consent_form_show_choices(req);
	view_render(req, status, "pages/referrals/consent.cs",
		    arena_printf(req->arena, "Renew consent – referral %lld", r->id));
}

void page_referral_consent(struct request *req)
{
	struct referral r;
	struct client_consent consent;
	if (!consent_load(req, &r, &consent))
		return;
	page_access(req, ACCESS_REFERRAL_CONSENT, r.id); /* issue 15: logged only if shown */
	consent_render(req, &r, &consent, 200);
}

void page_referral_consent_post(struct request *req)
{
	struct referral r;
	struct client_consent consent;
	if (!consent_load(req, &r, &consent))
		return;
	struct consent_answer answer;
	consent_form_read(req->arena, &req->form, &answer);
	if (!form_fields_show(req, &answer.read)) {
		consent_render(req, &r, &consent, 400);
		return;
	}
	const char **v = answer.read.values;
	struct client_consent_renewal renewal = {
		.group_id = r.group_id,
		.client_id = r.client_id,
		.old_consent_id = consent.consent_id,
		.org_id = req->session->org_id,
		.staff_id = req->session->staff_id,
		.given_by_client = answer.by_client,
		.consentor_name = v[CONSENT_CONSENTOR_NAME],
		.consentor_relationship = v[CONSENT_CONSENTOR_RELATIONSHIP],
		.remote_addr = req->remote_addr,
	};
	bool renewed = false;
	enum db_status status = client_consent_renew(req->arena, &renewal, &renewed);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (!renewed) {
		view_error(
			req, 409,
			arena_printf(
				req->arena,
				"Consent for referral %lld was renewed meanwhile by someone else.",
				r.id));
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/referrals/%lld?done=consent", r.id));
}
