/* Helpers shared by the page handlers. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <time.h>

#include "../arena.h"
#include "../dates.h"
#include "../render.h"
#include "../session.h"
#include "pages.h"

void page_database_failed(struct request *req, enum db_status status)
{
	if (status == DB_UNAVAILABLE || status == DB_RETRY)
		view_error(req, 503, "The database cannot be reached at the moment. "
				     "Try again in a few minutes.");
	else
		view_error(req, 500, NULL);
}

void page_json_database_failed(struct request *req, enum db_status status)
{
	if (status == DB_UNAVAILABLE || status == DB_RETRY)
		http_json_error(req, 503, NULL, "The database cannot be reached at the moment. "
						"Try again in a few minutes.", NULL);
	else
		http_json_error(req, 500, NULL, "Something went wrong. Try again later.", NULL);
}

struct scope page_scope(const struct request *req)
{
	return (struct scope){.org_id = req->session->org_id, .admin = req->session->is_admin};
}

void page_consent_expired(struct request *req, const char *back)
{
	view_set(req, "Error.Link", back);
	view_set(req, "Error.LinkText", "Back");
	view_error(req, 403,
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
	return (struct valid_date){local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

bool page_local_tm(const char *utc, struct tm *local)
{
	struct tm tm = {0};
	if (utc == NULL || sscanf(utc, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
				  &tm.tm_min, &tm.tm_sec) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t when = timegm(&tm);
	return localtime_r(&when, local) != NULL && local->tm_mon >= 0 && local->tm_mon <= 11;
}

const char *page_local_date(struct arena *arena, const char *utc)
{
	struct tm local;
	char date[DATES_LONG_SIZE];
	if (!page_local_tm(utc, &local) ||
	    !dates_long_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, date))
		return utc;
	return arena_strdup(arena, date);
}

const char *page_local_date_time(struct arena *arena, const char *utc)
{
	struct tm local;
	char date[DATES_LONG_SIZE];
	if (!page_local_tm(utc, &local) ||
	    !dates_long_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, date))
		return utc;
	return arena_printf(arena, "%s, %02d:%02d", date, local.tm_hour, local.tm_min);
}
