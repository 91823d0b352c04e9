/* Bank holidays: the list by year, add, remove, and import of a pasted list. Working-day
 * arithmetic (fcgi/workdays.c) skips them. */
#include "admin_bank_holidays.h"

#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/bank_holiday.h"
#include "pages.h"

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
	{ "added", "Bank holiday added" },
	{ "removed", "Bank holiday removed" },
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
	struct bank_holiday_actor actor = { req->session->staff_id, req->remote_addr };
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
	struct bank_holiday_actor actor = { req->session->staff_id, req->remote_addr };
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
		struct bank_holiday_actor actor = { req->session->staff_id, req->remote_addr };
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
