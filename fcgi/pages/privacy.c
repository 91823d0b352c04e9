/* Privacy administration: the retention and inactivity settings, erasure on request, and the
 * redaction notice. */
#include "privacy.h"

#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/privacy_settings.h"
#include "../model/redaction.h"
#include "access.h"
#include "clients.h"
#include "pages.h"

#define ERASE_REASON_MAX 1000

/* ---- settings ---- */

/* The messages of each box, in privacy_setting_keys' order. */
static const struct {
	const char *empty, *subject, *unit;
} setting_words[2] = {
	{ "Enter how many months client details are kept after their last referral closed",
	  "Client details kept for", "months" },
	{ "Enter after how many days without signing in staff are deactivated",
	  "Inactive staff deactivated after", "days" },
};

static void show_privacy(struct request *req, int status)
{
	const char *saved = http_query(req, "saved");
	if (status == 200 && saved != NULL)
		view_set(req, "Success",
			 strcmp(saved, "0") == 0
				 ? "Nothing changed: the settings were already as shown"
				 : "Privacy settings saved");
	view_render(req, status, "pages/privacy/settings.cs", "Privacy settings");
}

void page_admin_privacy(struct request *req)
{
	for (size_t i = 0; i < 2; i++) {
		long long value = 0;
		enum db_status status = settings_get(req->arena, privacy_setting_keys[i], &value);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
		form_keep(req, settings_defs[privacy_setting_keys[i]].name,
			  arena_printf(req->arena, "%lld", value));
	}
	show_privacy(req, 200);
}

void page_admin_privacy_save(struct request *req)
{
	long long values[2] = { 0, 0 };
	for (size_t i = 0; i < 2; i++) {
		const struct settings_def *def = &settings_defs[privacy_setting_keys[i]];
		switch (valid_int_range(form_text(req, def->name), def->min, def->max,
					&values[i])) {
		case VALID_INT_OK:
			break;
		case VALID_INT_EMPTY:
			form_error(req, def->name, setting_words[i].empty);
			break;
		case VALID_INT_NOT_WHOLE:
			form_error(req, def->name,
				   arena_printf(req->arena,
						"%s must be a whole number of %s, like %lld",
						setting_words[i].subject, setting_words[i].unit,
						def->fallback));
			break;
		case VALID_INT_TOO_SMALL:
		case VALID_INT_TOO_LARGE:
			form_error(req, def->name,
				   arena_printf(req->arena, "%s must be between %lld and %lld %s",
						setting_words[i].subject, def->min, def->max,
						setting_words[i].unit));
			break;
		}
	}
	if (form_has_errors(req)) {
		show_privacy(req, 400);
		return;
	}
	size_t changed = 0;
	enum db_status status = privacy_settings_save(req->arena, req->session->staff_id,
						      req->remote_addr, values, &changed);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/admin/privacy?saved=%zu", changed));
}

/* ---- erasure ---- */

void page_redaction_notice(struct request *req, const char *redacted_at, const char *kind)
{
	if (redacted_at == NULL || redacted_at[0] == '\0')
		return;
	view_set(req, "Redacted.On", page_local_date(req->arena, redacted_at));
	view_set(req, "Redacted.Kind", kind ? kind : "");
}

void page_client_removed(struct request *req, const char *redacted_at, const char *kind,
			 const char *back)
{
	const char *on = page_local_date(req->arena, redacted_at);
	bool erased = kind != NULL && strcmp(kind, "erasure") == 0;
	view_set(req, "Error.Heading", "Client details removed");
	view_set(req, "Error.Link", back);
	view_set(req, "Error.LinkText", "Back");
	view_error(req, 410,
		   arena_printf(req->arena,
				"This client’s details were %s on %s, so nothing more can be "
				"recorded about them: their details cannot be edited, and no "
				"notes, files, consent or new referrals can be added. The "
				"referrals stay for statistics.",
				erased ? "erased on request" : "removed under the retention policy",
				on));
}

static void count_row(struct request *req, size_t *n, long long count, const char *one,
		      const char *many)
{
	if (count <= 0)
		return;
	view_set(req, arena_printf(req->arena, "Erase.Items.%zu", (*n)++),
		 arena_printf(req->arena, "%lld %s", count, count == 1 ? one : many));
}

static void show_erase(struct request *req, const struct client *c, int status_code)
{
	struct redaction_preview p;
	enum db_status status = redaction_preview(req->arena, c->id, &p);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	clients_heading(req, c);
	page_redaction_notice(req, c->redacted_at, c->redaction_kind);
	size_t n = 0;
	count_row(req, &n, p.answers, "questionnaire answer", "questionnaire answers");
	count_row(req, &n, p.notes, "note", "notes");
	count_row(req, &n, p.files, "file", "files");
	count_row(req, &n, p.history, "change in the edit history (old and new values)",
		  "changes in the edit history (old and new values)");
	count_row(req, &n, p.consents, "consent’s ‘given by’ name", "consents’ ‘given by’ names");
	count_row(req, &n, p.drafts, "draft referral (what was typed in the referral journey)",
		  "draft referrals (what was typed in the referral journey)");
	count_row(req, &n, p.messages, "inbox message about the client’s referrals",
		  "inbox messages about the client’s referrals");
	view_set_int(req, "Erase.Referrals", p.referrals);
	view_render(req, status_code, "pages/privacy/erase.cs", "Erase client details");
}

void page_client_erase_form(struct request *req)
{
	struct client c;
	if (!clients_load_as(req, &c, true))
		return;
	page_access(req, ACCESS_CLIENT, c.id); /* the page names the client */
	show_erase(req, &c, 200);
}

void page_client_erase(struct request *req)
{
	struct client c;
	if (!clients_load_as(req, &c, true))
		return;
	const char *reason = form_text(req, "reason");
	if (reason[0] == '\0')
		form_error(req, "reason", "Enter the reason for erasing this client’s details");
	else if (valid_text_length(reason, 1, ERASE_REASON_MAX) != VALID_LENGTH_OK)
		form_error(req, "reason", "The reason must be 1000 characters or fewer");
	if (!form_checked(req, "confirm"))
		form_error(req, "confirm", "Confirm that these details are to be erased");
	if (form_has_errors(req)) {
		show_erase(req, &c, 400);
		return;
	}
	struct redaction_actor actor = { req->session->staff_id, req->remote_addr, reason };
	bool done = false;
	enum db_status status = redaction_erase(req->arena, c.id, &actor, &done);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/clients/%lld?erased=%d", c.id, done));
}
