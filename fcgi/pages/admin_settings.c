/* Urgency and automation settings (one form, saved at once), and bank holidays (list by
 * year, add, remove, import a pasted list). */
#include "admin_settings.h"

#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/bank_holiday.h"
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
	{SETTING_UPDATE_WITHIN_DAYS,
	 "Enter how many working days normal referrals must be updated within",
	 "Update within for normal referrals", "working days"},
	{SETTING_CLOSE_WITHIN_DAYS,
	 "Enter how many working days normal referrals must be closed within",
	 "Close within for normal referrals", "working days"},
	{SETTING_URGENT_UPDATE_WITHIN_DAYS,
	 "Enter how many working days urgent referrals must be updated within",
	 "Update within for urgent referrals", "working days"},
	{SETTING_URGENT_CLOSE_WITHIN_DAYS,
	 "Enter how many working days urgent referrals must be closed within",
	 "Close within for urgent referrals", "working days"},
	{SETTING_AUTO_CLOSE_DAYS,
	 "Enter how many working days a New referral waits before it is closed automatically",
	 "Automatic closing", "working days"},
	{SETTING_SESSION_TIMEOUT_MINUTES, "Enter the session timeout in minutes", "Session timeout",
	 "minutes"},
	{SETTING_SESSION_LIFETIME_HOURS, "Enter the session lifetime in hours", "Session lifetime",
	 "hours"},
	{SETTING_CONSENT_EXPIRY_DAYS, "Enter how many days consent lasts", "Consent expiry",
	 "days"},
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
	bool ok[SETTING__MAX] = {false};
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
		{SETTING_URGENT_UPDATE_WITHIN_DAYS, SETTING_UPDATE_WITHIN_DAYS},
		{SETTING_URGENT_CLOSE_WITHIN_DAYS, SETTING_CLOSE_WITHIN_DAYS},
	};
	static const char *const pair_words[] = {"Update within", "Close within"};
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
	struct settings_values values = {{0}};
	read_settings(req, &values, &reasons);
	const char *chosen = http_form(req, settings_defs[SETTING_AUTO_CLOSE_REASON_ID].name);
	if (form_has_errors(req)) {
		show_settings(req, 400, chosen);
		return;
	}
	struct settings_actor actor = {req->session->staff_id, req->remote_addr};
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

/* ---- bank holidays ---- */

#define YEAR_MIN 1900
#define YEAR_MAX 2100
#define IMPORT_MAX_LINES 1000
#define IMPORT_SHOWN_REFUSALS 100

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* The year filter: a year from 1900 to 2100, or 0 for the default (this year and next). */
static int year_filter(const char *text)
{
	long long year = page_parse_id(text);
	return year >= YEAR_MIN && year <= YEAR_MAX ? (int)year : 0;
}

static void set_year_options(struct request *req, int from, int to, int chosen)
{
	int *years;
	size_t count;
	enum db_status status = bank_holiday_years(req->arena, &years, &count);
	if (status != DB_OK)
		count = 0;
	int current = this_year();
	view_set(req, "YearOptions.0.Value", "");
	view_set(req, "YearOptions.0.Text",
		 arena_printf(req->arena, "%d and %d", current, current + 1));
	size_t at = 1;
	bool chosen_listed = chosen == 0;
	for (size_t i = 0; i < count; i++) {
		view_set_int(req, arena_printf(req->arena, "YearOptions.%zu.Value", at), years[i]);
		view_set_int(req, arena_printf(req->arena, "YearOptions.%zu.Text", at), years[i]);
		at++;
		if (years[i] == chosen)
			chosen_listed = true;
	}
	if (!chosen_listed) {
		view_set_int(req, arena_printf(req->arena, "YearOptions.%zu.Value", at), chosen);
		view_set_int(req, arena_printf(req->arena, "YearOptions.%zu.Text", at), chosen);
	}
	view_set(req, "Year.Chosen", chosen ? arena_printf(req->arena, "%d", chosen) : "");
	view_set(req, "Year.Heading",
		 from == to ? arena_printf(req->arena, "%d", from)
			    : arena_printf(req->arena, "%d and %d", from, to));
}

static const char *const holiday_notices[][2] = {
	{"added", "Bank holiday added"},
	{"removed", "Bank holiday removed"},
};

/* The list for the chosen year(s), one table a year, and the add form. */
static void show_holidays(struct request *req, int status)
{
	int chosen = year_filter(http_query(req, "year"));
	int from = chosen ? chosen : this_year(), to = chosen ? chosen : from + 1;
	struct bank_holiday_list list;
	enum db_status db = bank_holiday_list_years(req->arena, from, to, &list);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	size_t next = 0;
	for (int year = from; year <= to; year++) {
		const char *group = arena_printf(req->arena, "Groups.%d", year - from);
		view_set_int(req, arena_printf(req->arena, "%s.Year", group), year);
		size_t n = 0;
		for (; next < list.count && list.items[next].year == year; next++, n++) {
			const struct bank_holiday *h = &list.items[next];
			const char *item = arena_printf(req->arena, "%s.Items.%zu", group, n);
			view_set(req, arena_printf(req->arena, "%s.Date", item), h->date);
			view_set(req, arena_printf(req->arena, "%s.Display", item), h->display);
			view_set(req, arena_printf(req->arena, "%s.Name", item), h->name);
		}
		view_set_int(req, arena_printf(req->arena, "%s.Count", group), (long long)n);
	}
	set_year_options(req, from, to, chosen);

	const char *done = http_query(req, "done");
	if (status == 200 && done != NULL) {
		for (size_t i = 0; i < sizeof holiday_notices / sizeof holiday_notices[0]; i++)
			if (strcmp(done, holiday_notices[i][0]) == 0)
				view_set(req, "Success", holiday_notices[i][1]);
		if (strcmp(done, "imported") == 0) {
			long long added = page_parse_id(http_query(req, "added"));
			long long existing = page_parse_id(http_query(req, "existing"));
			view_set(req, "Success",
				 arena_printf(req->arena,
					      "Import finished: %lld added, %lld already existed",
					      added, existing));
		}
	}
	view_render(req, status, "pages/admin/bank_holidays.cs", "Bank holidays");
}

void page_bank_holidays(struct request *req)
{
	show_holidays(req, 200);
}

void page_bank_holiday_add(struct request *req)
{
	const char *day = form_text(req, "holiday_day");
	const char *month = form_text(req, "holiday_month");
	const char *year = form_text(req, "holiday_year");
	const char *name = form_text(req, "name");
	struct valid_date date;
	const char *problem = valid_date(day, month, year, &date);
	if (problem != NULL)
		form_error(req, "holiday", problem);
	if (name[0] == '\0')
		form_error(req, "name", "Enter the name of the bank holiday");
	else if (valid_single_line(name) != NULL)
		form_error(req, "name", "Name must be on one line, without special characters");
	else if (valid_text_length(name, 1, BANK_HOLIDAY_NAME_MAX) != VALID_LENGTH_OK)
		form_error(req, "name", "Name must be 200 characters or fewer");
	if (form_has_errors(req)) {
		show_holidays(req, 400);
		return;
	}
	char iso[VALID_DATE_ISO_SIZE];
	valid_date_to_iso(date, iso);
	struct bank_holiday_actor actor = {req->session->staff_id, req->remote_addr};
	enum bank_holiday_change result;
	const char *existing = NULL;
	enum db_status status = bank_holiday_add(req->arena, &actor, iso, name, &result, &existing);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (result == BANK_HOLIDAY_DUPLICATE) {
		form_error(req, "holiday",
			   existing ? arena_printf(req->arena,
						   "There is already a bank holiday on %s: %s. "
						   "Remove it first to change its name",
						   iso, existing)
				    : arena_printf(req->arena,
						   "There is already a bank holiday on %s", iso));
		show_holidays(req, 400);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/admin/bank-holidays?year=%d&done=added",
					date.year));
}

void page_bank_holiday_remove(struct request *req)
{
	struct valid_date date;
	if (valid_date_parse_iso(req->captures[0], &date) != NULL) {
		view_error(req, 404, "There is no bank holiday on that date.");
		return;
	}
	struct bank_holiday_actor actor = {req->session->staff_id, req->remote_addr};
	enum bank_holiday_change result;
	const char *removed = NULL;
	enum db_status status =
		bank_holiday_remove(req->arena, &actor, req->captures[0], &result, &removed);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (result == BANK_HOLIDAY_NOT_FOUND)
		view_error(req, 404, "There is no bank holiday on that date.");
	else
		http_redirect(req,
			      arena_printf(req->arena, "/admin/bank-holidays?year=%d&done=removed",
					   date.year));
}

void page_bank_holiday_import_form(struct request *req)
{
	view_render(req, 200, "pages/admin/bank_holiday_import.cs", "Import bank holidays");
}

void page_bank_holiday_import(struct request *req)
{
	const char *text = form_text(req, "lines");
	if (text[0] == '\0') {
		form_error(req, "lines", "Enter the bank holidays to import, one on each line");
		view_render(req, 400, "pages/admin/bank_holiday_import.cs", "Import bank holidays");
		return;
	}
	size_t lines = 1;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	if (lines > IMPORT_MAX_LINES) {
		form_error(req, "lines",
			   arena_printf(req->arena,
					"Import at most %d lines at a time: this has %zu",
					IMPORT_MAX_LINES, lines));
		view_render(req, 400, "pages/admin/bank_holiday_import.cs", "Import bank holidays");
		return;
	}

	struct bank_holiday *items = arena_zalloc(req->arena, lines * sizeof *items);
	size_t count = 0, refused = 0, number = 0;
	for (const char *line = text; line != NULL; number++) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *copy = arena_strndup(req->arena, line, len);
		line = end ? end + 1 : NULL;
		char date[BANK_HOLIDAY_DATE_SIZE];
		const char *name;
		const char *reason = bank_holiday_parse_line(req->arena, copy, date, &name);
		if (reason == NULL && name == NULL)
			continue; /* a blank line */
		if (reason == NULL) {
			items[count].date = arena_strdup(req->arena, date);
			items[count].name = name;
			count++;
			continue;
		}
		if (refused < IMPORT_SHOWN_REFUSALS) {
			const char *at = arena_printf(req->arena, "Refused.%zu", refused);
			view_set_int(req, arena_printf(req->arena, "%s.Line", at),
				     (long long)number + 1);
			/* long lines shortened at a character boundary */
			size_t shown = strlen(copy);
			if (shown > 80) {
				shown = 80;
				while (shown > 0 && ((unsigned char)copy[shown] & 0xC0) == 0x80)
					shown--;
			}
			view_set(req, arena_printf(req->arena, "%s.Text", at),
				 shown < strlen(copy)
					 ? arena_printf(req->arena, "%.*s…", (int)shown, copy)
					 : copy);
			view_set(req, arena_printf(req->arena, "%s.Reason", at), reason);
		}
		refused++;
	}

	size_t added = 0, existing = 0;
	if (count > 0) {
		struct bank_holiday_actor actor = {req->session->staff_id, req->remote_addr};
		enum db_status status =
			bank_holiday_import(req->arena, &actor, items, count, &added, &existing);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
	}
	if (refused == 0 && count == 0) {
		form_error(req, "lines", "Enter the bank holidays to import, one on each line");
		view_render(req, 400, "pages/admin/bank_holiday_import.cs", "Import bank holidays");
		return;
	}
	if (refused == 0) {
		http_redirect(
			req,
			arena_printf(req->arena,
				     "/admin/bank-holidays?done=imported&added=%zu&existing=%zu",
				     added, existing));
		return;
	}
	/* Some lines were refused: say what happened to the rest, list the refused lines with
	 * their reasons, and give back the text as typed to correct them. */
	view_set_int(req, "Report.Added", (long long)added);
	view_set_int(req, "Report.Existing", (long long)existing);
	view_set_int(req, "Report.Refused", (long long)refused);
	view_set_int(req, "Report.Hidden",
		     refused > IMPORT_SHOWN_REFUSALS ? (long long)(refused - IMPORT_SHOWN_REFUSALS)
						     : 0);
	form_error(
		req, "lines",
		refused == 1
			? "1 line was not imported: correct it and import again"
			: arena_printf(req->arena,
				       "%zu lines were not imported: correct them and import again",
				       refused));
	view_render(req, 400, "pages/admin/bank_holiday_import.cs", "Import bank holidays");
}
