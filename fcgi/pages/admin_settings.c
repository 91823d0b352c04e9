/* Urgency and automation settings: one form, saved at once. */
#include "admin_settings.h"

#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/settings.h"
#include "pages.h"

/* ---- settings ---- */

/* How the page talks about each number it asks for: the message for an empty box, and the
 * subject the other messages start with. */
struct number_field {
	enum settings_key key;
	const char *empty;
	const char *subject;
	const char *unit;
};

static const struct number_field number_fields[] = {
	{ SETTING_UPDATE_WITHIN_DAYS,
	  "Enter how many working days normal referrals must be updated within",
	  "Update within for normal referrals", "working days" },
	{ SETTING_CLOSE_WITHIN_DAYS,
	  "Enter how many working days normal referrals must be closed within",
	  "Close within for normal referrals", "working days" },
	{ SETTING_URGENT_UPDATE_WITHIN_DAYS,
	  "Enter how many working days urgent referrals must be updated within",
	  "Update within for urgent referrals", "working days" },
	{ SETTING_URGENT_CLOSE_WITHIN_DAYS,
	  "Enter how many working days urgent referrals must be closed within",
	  "Close within for urgent referrals", "working days" },
	{ SETTING_AUTO_CLOSE_DAYS,
	  "Enter how many working days a New referral waits before it is closed automatically",
	  "Automatic closing", "working days" },
	{ SETTING_SESSION_TIMEOUT_MINUTES, "Enter the session timeout in minutes",
	  "Session timeout", "minutes" },
	{ SETTING_SESSION_LIFETIME_HOURS, "Enter the session lifetime in hours", "Session lifetime",
	  "hours" },
	{ SETTING_CONSENT_EXPIRY_DAYS, "Enter how many days consent lasts", "Consent expiry",
	  "days" },
};

static const char *days_text(struct arena *arena, long long n, const char *unit)
{
	/* "1 working day", "5 working days" */
	size_t len = strlen(unit);
	if (n == 1 && len > 0 && unit[len - 1] == 's')
		return arena_printf(arena, "%lld %.*s", n, (int)(len - 1), unit);
	return arena_printf(arena, "%lld %s", n, unit);
}

/* The form with the closure reasons to choose from. The stored reason may have been retired
 * behind the page's back: then nothing is selected and the administrator must choose. */
static void show_settings(struct request *req, int status, const char *chosen)
{
	struct settings_reason_list reasons;
	enum db_status db = settings_closure_reasons(req->arena, &reasons);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	bool listed = false;
	for (size_t i = 0; i < reasons.count; i++)
		if (chosen != NULL &&
		    strcmp(chosen, arena_printf(req->arena, "%lld", reasons.items[i].id)) == 0)
			listed = true;
	size_t at = 0;
	if (!listed) {
		view_set(req, "Reasons.0.Value", "");
		view_set(req, "Reasons.0.Text", "Select a closure reason");
		at = 1;
	}
	for (size_t i = 0; i < reasons.count; i++, at++) {
		view_set_int(req, arena_printf(req->arena, "Reasons.%zu.Value", at),
			     reasons.items[i].id);
		view_set(req, arena_printf(req->arena, "Reasons.%zu.Text", at),
			 reasons.items[i].name);
	}
	const char *saved = http_query(req, "saved");
	if (status == 200 && saved != NULL) {
		long long n = page_parse_id(saved);
		if (strcmp(saved, "0") == 0)
			view_set(req, "Success",
				 "Nothing changed: the settings were already as shown");
		else if (n > 0 && n <= SETTING__MAX)
			view_set(req, "Success",
				 n == 1 ? "Settings saved: 1 setting changed"
					: arena_printf(req->arena,
						       "Settings saved: %lld settings changed", n));
	}
	view_render(req, status, "pages/admin/settings.cs", "Urgency and automation settings");
}

void page_admin_settings(struct request *req)
{
	struct settings_values values;
	enum db_status status = settings_load(req->arena, &values);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (int k = 0; k < SETTING__MAX; k++)
		form_keep(req, settings_defs[k].name,
			  arena_printf(req->arena, "%lld", values.value[k]));
	show_settings(req, 200,
		      arena_printf(req->arena, "%lld", values.value[SETTING_AUTO_CLOSE_REASON_ID]));
}

/* Checks every field, adding errors beside them; fills values. */
static void read_settings(struct request *req, struct settings_values *values,
			  const struct settings_reason_list *reasons)
{
	bool ok[SETTING__MAX] = { false };
	for (size_t i = 0; i < sizeof number_fields / sizeof number_fields[0]; i++) {
		const struct number_field *field = &number_fields[i];
		const struct settings_def *def = &settings_defs[field->key];
		const char *text = form_text(req, def->name);
		long long value = 0;
		switch (valid_int_range(text, def->min, def->max, &value)) {
		case VALID_INT_OK:
			values->value[field->key] = value;
			ok[field->key] = true;
			break;
		case VALID_INT_EMPTY:
			form_error(req, def->name, field->empty);
			break;
		case VALID_INT_NOT_WHOLE:
			form_error(req, def->name,
				   arena_printf(req->arena,
						"%s must be a whole number of %s, like %lld",
						field->subject, field->unit, def->fallback));
			break;
		case VALID_INT_TOO_SMALL:
		case VALID_INT_TOO_LARGE:
			form_error(req, def->name,
				   arena_printf(req->arena, "%s must be between %lld and %lld %s",
						field->subject, def->min, def->max, field->unit));
			break;
		}
	}

	/* urgency tightens the timeframes: never longer than a normal referral's */
	static const enum settings_key pairs[][2] = {
		{ SETTING_URGENT_UPDATE_WITHIN_DAYS, SETTING_UPDATE_WITHIN_DAYS },
		{ SETTING_URGENT_CLOSE_WITHIN_DAYS, SETTING_CLOSE_WITHIN_DAYS },
	};
	static const char *const pair_words[] = { "Update within", "Close within" };
	for (size_t i = 0; i < 2; i++) {
		enum settings_key urgent = pairs[i][0], normal = pairs[i][1];
		if (!ok[urgent] || !ok[normal] || values->value[urgent] <= values->value[normal])
			continue;
		form_error(
			req, settings_defs[urgent].name,
			arena_printf(
				req->arena,
				"%s for urgent referrals (%s) must not be longer than for normal "
				"referrals (%s)",
				pair_words[i],
				days_text(req->arena, values->value[urgent], "working days"),
				days_text(req->arena, values->value[normal], "working days")));
	}

	const char *reason_field = settings_defs[SETTING_AUTO_CLOSE_REASON_ID].name;
	long long reason = page_parse_id(form_text(req, reason_field));
	bool offered = false;
	for (size_t i = 0; i < reasons->count; i++)
		if (reasons->items[i].id == reason)
			offered = true;
	if (reason == 0)
		form_error(req, reason_field,
			   "Select the closure reason for referrals closed automatically");
	else if (!offered)
		form_error(req, reason_field,
			   "That closure reason has been retired or removed. "
			   "Select one from the list");
	values->value[SETTING_AUTO_CLOSE_REASON_ID] = reason;

	const char *gender_field = settings_defs[SETTING_GENDER_PREFER_NOT_TO_SAY].name;
	const char *gender = form_text(req, gender_field);
	if (strcmp(gender, "1") == 0 || strcmp(gender, "0") == 0)
		values->value[SETTING_GENDER_PREFER_NOT_TO_SAY] = gender[0] == '1';
	else
		form_error(req, gender_field,
			   "Select whether the gender list offers ‘Prefer not to say’");
}

void page_admin_settings_save(struct request *req)
{
	struct settings_reason_list reasons;
	enum db_status status = settings_closure_reasons(req->arena, &reasons);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	struct settings_values values = { { 0 } };
	read_settings(req, &values, &reasons);
	const char *chosen = http_form(req, settings_defs[SETTING_AUTO_CLOSE_REASON_ID].name);
	if (form_has_errors(req)) {
		show_settings(req, 400, chosen);
		return;
	}
	struct settings_actor actor = { req->session->staff_id, req->remote_addr };
	enum settings_save_result result;
	size_t changed = 0;
	status = settings_save(req->arena, &actor, &values, &result, &changed);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (result == SETTINGS_REASON_UNAVAILABLE) {
		/* retired by another administrator between the check above and the save */
		form_error(req, settings_defs[SETTING_AUTO_CLOSE_REASON_ID].name,
			   "That closure reason has been retired or removed. Select one from the "
			   "list");
		show_settings(req, 400, chosen);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/admin/settings?saved=%zu", changed));
}
