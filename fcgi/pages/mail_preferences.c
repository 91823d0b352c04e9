/* The e-mail preferences page. */
#include "mail_preferences.h"

#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../model/mail_prefs.h"
#include "../render.h"
#include "../session.h"
#include "pages.h"

static void show(struct request *req, const struct mail_prefs *prefs, int status)
{
	for (size_t i = 0; i < prefs->count; i++) {
		const char *prefix = arena_printf(req->arena, "Prefs.%zu", i);
		view_set(req, arena_printf(req->arena, "%s.Kind", prefix), prefs->items[i].kind);
		view_set(req, arena_printf(req->arena, "%s.Label", prefix), prefs->items[i].label);
		view_set(req, arena_printf(req->arena, "%s.Mode", prefix), prefs->items[i].mode);
	}
	view_set(req, "Mail.Email", prefs->email != NULL ? prefs->email : "");
	view_set_int(req, "Mail.DigestHour", prefs->digest_hour);
	for (int h = 0; h < 24; h++)
		view_set(req, arena_printf(req->arena, "Hours.%d", h),
			 arena_printf(req->arena, "%02d:00", h));
	http_header_add(req, "Cache-Control", "no-store");
	view_render(req, status, "pages/mail_preferences.cs", "E-mail notifications");
}

void page_mail_preferences(struct request *req)
{
	struct mail_prefs prefs;
	enum db_status status = mail_prefs_get(req->arena, req->session->staff_id, &prefs);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (http_query(req, "saved") != NULL)
		view_set(req, "Notice.Done", "Your e-mail choices are saved.");
	show(req, &prefs, 200);
}

void page_mail_preferences_save(struct request *req)
{
	struct mail_prefs prefs;
	enum db_status status = mail_prefs_get(req->arena, req->session->staff_id, &prefs);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	const char **modes = arena_alloc(req->arena, (prefs.count + 1) * sizeof *modes);
	bool valid = true;
	for (size_t i = 0; i < prefs.count; i++) {
		const char *mode =
			http_form(req, arena_printf(req->arena, "mode_%s", prefs.items[i].kind));
		modes[i] = mode != NULL ? mode : prefs.items[i].mode;
		valid = valid && mail_prefs_valid_mode(modes[i]);
		prefs.items[i].mode = modes[i];
	}
	const char *hour_text = http_form(req, "digest_hour");
	char *end = NULL;
	long hour = hour_text != NULL ? strtol(hour_text, &end, 10) : prefs.digest_hour;
	if (hour_text != NULL && (end == hour_text || *end != '\0' || hour < 0 || hour > 23))
		valid = false;
	if (!valid) {
		view_set(req, "Errors.0.Field", "digest_hour");
		view_set(req, "Errors.0.Message", "Choose one of the offered options");
		show(req, &prefs, 400);
		return;
	}
	status = mail_prefs_save(req->arena, req->session->staff_id, modes, prefs.count, (int)hour);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	http_redirect(req, "/preferences?saved=1");
}
