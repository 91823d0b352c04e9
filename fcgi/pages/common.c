/* Helpers shared by the page handlers. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <time.h>

#include "../arena.h"
#include "../dates.h"
#include "../form.h"
#include "../json.h"
#include "../render.h"
#include "../session.h"
#include "pages.h"

void page_database_failed(struct request *req, enum db_status status)
{
	if (status == DB_UNAVAILABLE || status == DB_RETRY)
		view_error(req, 503,
			   "The database cannot be reached at the moment. "
			   "Try again in a few minutes.");
	else
		view_error(req, 500, NULL);
}

bool page_found(struct request *req, enum db_status status, bool found)
{
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	if (!found) {
		view_error(req, 404, NULL);
		return false;
	}
	return true;
}

void page_json_database_failed(struct request *req, enum db_status status)
{
	if (status == DB_UNAVAILABLE || status == DB_RETRY)
		http_json_error(req, 503, NULL,
				"The database cannot be reached at the moment. "
				"Try again in a few minutes.",
				NULL);
	else
		http_json_error(req, 500, NULL, "Something went wrong. Try again later.", NULL);
}

bool page_json_begin(struct request *req, enum db_status status, struct json *json)
{
	if (status != DB_OK) {
		page_json_database_failed(req, status);
		return false;
	}
	json_init(json, req->arena);
	json_object_begin(json);
	return true;
}

struct scope page_scope(const struct request *req)
{
	return (struct scope){ .org_id = req->session->org_id, .admin = req->session->is_admin };
}

void page_consent_expired(struct request *req, const char *back)
{
	view_set(req, "Error.Link", back);
	view_set(req, "Error.LinkText", "Back");
	view_error(
		req, 403,
		"Consent has expired: the client's details, the answers, notes and files cannot be "
		"seen or changed until the sending organisation renews consent.");
}

long long page_parse_id(const char *text)
{
	if (text == NULL || text[0] == '\0' || strlen(text) > 18)
		return 0;
	long long value = 0;
	for (const char *p = text; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return 0;
		value = value * 10 + (*p - '0');
	}
	return value;
}

const char *page_long_date(struct arena *arena, const char *iso)
{
	return iso == NULL ? "" : dates_long(arena, iso);
}

const char *page_thousands(struct arena *arena, long long count)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", count < 0 ? -count : count);
	char *out = arena_alloc(arena, (size_t)len * 2 + 2), *o = out;
	if (count < 0)
		*o++ = '-';
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			*o++ = ',';
		*o++ = digits[i];
	}
	*o = '\0';
	return out;
}

struct valid_date page_today(void)
{
	time_t now = time(NULL);
	struct tm local;
	localtime_r(&now, &local);
	return (struct valid_date){ local.tm_year + 1900, local.tm_mon + 1, local.tm_mday };
}

bool page_local_tm(const char *utc, struct tm *local)
{
	struct tm tm = { 0 };
	if (utc == NULL || sscanf(utc, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
				  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t when = timegm(&tm);
	return localtime_r(&when, local) != NULL && local->tm_mon >= 0 && local->tm_mon <= 11;
}

/* The local time of utc, and its date as people read it; false when utc is not a time. */
static bool local_long(const char *utc, struct tm *local, char date[DATES_LONG_SIZE])
{
	return page_local_tm(utc, local) &&
	       dates_long_ymd(local->tm_year + 1900, local->tm_mon + 1, local->tm_mday, date);
}

const char *page_local_date(struct arena *arena, const char *utc)
{
	struct tm local;
	char date[DATES_LONG_SIZE];
	return local_long(utc, &local, date) ? arena_strdup(arena, date) : utc;
}

const char *page_local_date_time(struct arena *arena, const char *utc)
{
	struct tm local;
	char date[DATES_LONG_SIZE];
	if (!local_long(utc, &local, date))
		return utc;
	return arena_printf(arena, "%s, %02d:%02d", date, local.tm_hour, local.tm_min);
}

const char *page_query_text(struct request *req, const char *name)
{
	const char *value = http_query(req, name);
	if (value == NULL)
		value = "";
	while (*value == ' ' || *value == '\t')
		value++;
	size_t len = strlen(value);
	while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t'))
		len--;
	const char *trimmed = arena_strndup(req->arena, value, len);
	form_keep(req, name, trimmed);
	return trimmed;
}

const char *page_url_encode(struct arena *arena, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(arena, strlen(text) * 3 + 1), *at = out;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_.~", *p) != NULL) {
			*at++ = (char)*p;
		} else {
			*at++ = '%';
			*at++ = hex[*p >> 4];
			*at++ = hex[*p & 15];
		}
	}
	*at = '\0';
	return out;
}

const char *page_query_add(struct arena *arena, const char *query, const char *name,
			   const char *value)
{
	if (value == NULL || value[0] == '\0')
		return query;
	return arena_printf(arena, "%s%s%s=%s", query, query[0] ? "&" : "", name,
			    page_url_encode(arena, value));
}

const char *page_local_time(struct arena *arena, const char *utc)
{
	if (utc == NULL)
		return NULL;
	struct tm local;
	if (!page_local_tm(utc, &local))
		return utc;
	const char *clock;
	if (local.tm_hour == 0 && local.tm_min == 0)
		clock = "midnight";
	else if (local.tm_hour == 12 && local.tm_min == 0)
		clock = "midday";
	else
		clock = arena_printf(arena, "%d:%02d%s",
				     local.tm_hour % 12 ? local.tm_hour % 12 : 12, local.tm_min,
				     local.tm_hour < 12 ? "am" : "pm");
	return arena_printf(arena, "%d %s %d at %s", local.tm_mday,
			    dates_month_name(local.tm_mon + 1), local.tm_year + 1900, clock);
}

void page_done_notice(struct request *req, const char *const (*notices)[2], size_t count)
{
	const char *done = http_query(req, "done");
	for (size_t i = 0; done != NULL && i < count; i++)
		if (strcmp(done, notices[i][0]) == 0)
			view_set(req, "Success", notices[i][1]);
}

const char *page_short_local_date(struct arena *arena, const char *utc)
{
	struct tm local;
	if (!page_local_tm(utc, &local))
		return utc;
	/* the first three letters of an English month's name are its short form */
	return arena_printf(arena, "%d %.3s %d", local.tm_mday, dates_month_name(local.tm_mon + 1),
			    local.tm_year + 1900);
}
