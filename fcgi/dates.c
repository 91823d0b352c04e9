/* Long-form dates ("2 April 2026"): see dates.h. */
#include "dates.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "validate.h"

static const char *const month_names[12] = {
	"January", "February", "March",	    "April",   "May",	   "June",
	"July",	   "August",   "September", "October", "November", "December",
};

const char *dates_month_name(int month)
{
	return month >= 1 && month <= 12 ? month_names[month - 1] : NULL;
}

bool dates_long_ymd(int year, int month, int day, char out[DATES_LONG_SIZE])
{
	out[0] = '\0';
	const char *name = dates_month_name(month);
	if (name == NULL || day < 1 || day > 31)
		return false;
	snprintf(out, DATES_LONG_SIZE, "%d %s %d", day, name, year);
	return true;
}

bool dates_long_iso(const char *text, char out[DATES_LONG_SIZE])
{
	out[0] = '\0';
	/* the date's ten characters, then the end or a DATETIME's time: not "2026-04-02x" */
	if (text == NULL || strnlen(text, 11) < 10 || (text[10] != '\0' && text[10] != ' '))
		return false;
	char day_part[11];
	memcpy(day_part, text, 10);
	day_part[10] = '\0';
	struct valid_date date;
	if (valid_date_parse_iso(day_part, &date) != NULL)
		return false;
	return dates_long_ymd(date.year, date.month, date.day, out);
}

const char *dates_long(struct arena *arena, const char *text)
{
	char out[DATES_LONG_SIZE];
	return dates_long_iso(text, out) ? arena_strdup(arena, out) : text;
}

static long utc_offset_at(time_t when)
{
	struct tm local;
	localtime_r(&when, &local);
	return local.tm_gmtoff;
}

void dates_offset_change(time_t from, time_t to, long *offset_before, long *offset_after,
			 time_t *switch_at)
{
	*offset_before = utc_offset_at(from);
	*offset_after = utc_offset_at(to);
	*switch_at = from;
	if (*offset_before == *offset_after)
		return;
	time_t before = from, after = to; /* offset_before at before, offset_after at after */
	while (after - before > 1) {
		time_t middle = before + (after - before) / 2;
		if (utc_offset_at(middle) == *offset_before)
			before = middle;
		else
			after = middle;
	}
	*switch_at = after;
}
