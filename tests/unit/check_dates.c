/* Unit tests of fcgi/dates.c: month names, "2 April 2026" from parts and from ISO dates
 * (single-digit days without a zero, a DATETIME's date part, leap days), and the inputs that
 * are not dates and must come back unchanged. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/dates.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The test's own list, so a wrong or shifted name in the module shows. */
static const char *const english_months[12] = {
	"January", "February", "March",	    "April",   "May",	   "June",
	"July",	   "August",   "September", "October", "November", "December",
};

/* ---- month names ---- */

START_TEST(month_names)
{
	for (int m = 1; m <= 12; m++)
		ck_assert_str_eq(dates_month_name(m), english_months[m - 1]);
}
END_TEST

START_TEST(month_names_out_of_range)
{
	ck_assert_ptr_null(dates_month_name(0));
	ck_assert_ptr_null(dates_month_name(13));
	ck_assert_ptr_null(dates_month_name(-1));
	ck_assert_ptr_null(dates_month_name(100));
}
END_TEST

/* ---- from year, month, day ---- */

START_TEST(long_from_parts)
{
	char out[DATES_LONG_SIZE];
	ck_assert(dates_long_ymd(2026, 4, 2, out));
	ck_assert_str_eq(out, "2 April 2026");
	ck_assert(dates_long_ymd(2026, 1, 9, out));
	ck_assert_str_eq(out, "9 January 2026"); /* no leading zero */
	ck_assert(dates_long_ymd(2026, 11, 10, out));
	ck_assert_str_eq(out, "10 November 2026");
	ck_assert(dates_long_ymd(2027, 12, 31, out));
	ck_assert_str_eq(out, "31 December 2027");
	/* the longest month name and day fit */
	ck_assert(dates_long_ymd(2026, 9, 30, out));
	ck_assert_str_eq(out, "30 September 2026");
	ck_assert(dates_long_ymd(-2147483647 - 1, 9, 31, out));
	ck_assert_str_eq(out, "31 September -2147483648");
}
END_TEST

START_TEST(long_from_parts_refused)
{
	char out[DATES_LONG_SIZE];
	const int bad[][3] = { { 2026, 0, 1 }, { 2026, 13, 1 }, { 2026, -1, 1 },
			       { 2026, 4, 0 }, { 2026, 4, 32 }, { 2026, 4, -5 } };
	for (int i = 0; i < COUNT(bad); i++) {
		strcpy(out, "left over");
		ck_assert_msg(!dates_long_ymd(bad[i][0], bad[i][1], bad[i][2], out),
			      "%d-%d-%d accepted", bad[i][0], bad[i][1], bad[i][2]);
		ck_assert_str_eq(out, "");
	}
}
END_TEST

/* ---- from ISO text ---- */

START_TEST(long_from_iso)
{
	char out[DATES_LONG_SIZE];
	ck_assert(dates_long_iso("2026-04-02", out));
	ck_assert_str_eq(out, "2 April 2026");
	ck_assert(dates_long_iso("2026-05-01", out));
	ck_assert_str_eq(out, "1 May 2026");
	ck_assert(dates_long_iso("2026-11-30", out));
	ck_assert_str_eq(out, "30 November 2026");
	ck_assert(dates_long_iso("2024-02-29", out)); /* a leap day */
	ck_assert_str_eq(out, "29 February 2024");
	ck_assert(dates_long_iso("1900-01-01", out)); /* the range's ends */
	ck_assert_str_eq(out, "1 January 1900");
	ck_assert(dates_long_iso("2100-12-31", out));
	ck_assert_str_eq(out, "31 December 2100");
}
END_TEST

START_TEST(long_from_datetime)
{
	/* a DATETIME as MariaDB gives it: the date part, the time ignored */
	char out[DATES_LONG_SIZE];
	ck_assert(dates_long_iso("2026-11-23 19:45:00", out));
	ck_assert_str_eq(out, "23 November 2026");
	ck_assert(dates_long_iso("2026-03-07 00:00:00.123456", out));
	ck_assert_str_eq(out, "7 March 2026");
}
END_TEST

START_TEST(every_day_of_a_leap_year)
{
	/* each month's days, 1 to its last, named by the test's own table */
	static const int days_in[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char iso[40], want[DATES_LONG_SIZE], out[DATES_LONG_SIZE];
	int days = 0;
	for (int m = 1; m <= 12; m++) {
		for (int d = 1; d <= days_in[m - 1]; d++) {
			snprintf(iso, sizeof iso, "2028-%02d-%02d", m, d);
			snprintf(want, sizeof want, "%d %s 2028", d, english_months[m - 1]);
			ck_assert_msg(dates_long_iso(iso, out), "%s refused", iso);
			ck_assert_str_eq(out, want);
			days++;
		}
		/* and the day after the month's last is not a date */
		snprintf(iso, sizeof iso, "2028-%02d-%02d", m, days_in[m - 1] + 1);
		ck_assert_msg(!dates_long_iso(iso, out), "%s accepted", iso);
	}
	ck_assert_int_eq(days, 366);
}
END_TEST

static const char *const not_dates[] = {
	"",
	"2026",
	"2026-04",
	"2026-4-2",	       /* digits missing */
	"2026-04-2",	       /* likewise */
	"02/04/2026",	       /* UK order */
	"2 April 2026",	       /* already long */
	"2026-02-30",	       /* no such day */
	"2026-02-29",	       /* not a leap year */
	"1900-02-29",	       /* a century, not a leap year */
	"2026-13-01",	       /* no such month */
	"2026-00-10",	       /* likewise */
	"2026-04-00",	       /* no day 0 */
	"1899-12-31",	       /* before 1900 */
	"2101-01-01",	       /* after 2100 */
	"2026-04-02x",	       /* trailing text */
	"2026-04-02T10:00:00", /* only a space before a time */
	" 2026-04-02",	       /* leading space */
	"2026-04-02\n",	       /* a line break */
	"abcd-ef-gh",
	"2026_04_02",
	"+026-04-02",
};

START_TEST(iso_refused)
{
	char out[DATES_LONG_SIZE];
	strcpy(out, "left over");
	ck_assert_msg(!dates_long_iso(not_dates[_i], out), "\"%s\" accepted as \"%s\"",
		      not_dates[_i], out);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(iso_null)
{
	char out[DATES_LONG_SIZE] = "left over";
	ck_assert(!dates_long_iso(NULL, out));
	ck_assert_str_eq(out, "");
}
END_TEST

/* ---- into an arena ---- */

START_TEST(arena_copy_or_the_input)
{
	struct arena *arena = arena_new(1024);
	const char *shown = dates_long(arena, "2026-06-05");
	ck_assert_str_eq(shown, "5 June 2026");
	/* a value that is not a date is shown as it is: the same string, not a copy */
	const char *odd = "sometime next week";
	ck_assert_ptr_eq(dates_long(arena, odd), odd);
	const char *impossible = "2026-02-31";
	ck_assert_ptr_eq(dates_long(arena, impossible), impossible);
	ck_assert_ptr_null(dates_long(arena, NULL));
	/* each result its own string */
	const char *a = dates_long(arena, "2026-01-01");
	const char *b = dates_long(arena, "2026-12-25");
	ck_assert_str_eq(a, "1 January 2026");
	ck_assert_str_eq(b, "25 December 2026");
	arena_free(arena);
}
END_TEST

/* ---- the local clock across a change ---- */

/* UTC seconds of a UTC time, without the TZ the tests set. */
static time_t utc(int year, int month, int day, int hour, int minute)
{
	struct tm tm = { .tm_year = year - 1900,
			 .tm_mon = month - 1,
			 .tm_mday = day,
			 .tm_hour = hour,
			 .tm_min = minute };
	return timegm(&tm);
}

static void london(void)
{
	setenv("TZ", "Europe/London", 1);
	tzset();
}

/* British Summer Time ends at 01:00 UTC on the last Sunday of October (25 October 2026). */
START_TEST(offset_change_london_autumn)
{
	london();
	long before, after;
	time_t at;
	dates_offset_change(utc(2026, 10, 24, 12, 0), utc(2026, 11, 23, 12, 0), &before, &after,
			    &at);
	ck_assert_int_eq(before, 3600);
	ck_assert_int_eq(after, 0);
	ck_assert_int_eq((long long)at, (long long)utc(2026, 10, 25, 1, 0));
}
END_TEST

/* and begins at 01:00 UTC on the last Sunday of March (29 March 2026) */
START_TEST(offset_change_london_spring)
{
	london();
	long before, after;
	time_t at;
	dates_offset_change(utc(2026, 3, 1, 0, 0), utc(2026, 3, 30, 23, 59), &before, &after, &at);
	ck_assert_int_eq(before, 0);
	ck_assert_int_eq(after, 3600);
	ck_assert_int_eq((long long)at, (long long)utc(2026, 3, 29, 1, 0));
}
END_TEST

START_TEST(offset_change_none)
{
	london();
	long before, after;
	time_t at, from = utc(2026, 11, 1, 0, 0);
	dates_offset_change(from, utc(2026, 11, 30, 0, 0), &before, &after, &at);
	ck_assert_int_eq(before, 0);
	ck_assert_int_eq(after, 0);
	ck_assert_int_eq((long long)at, (long long)from);
}
END_TEST

static Suite *dates_suite(void)
{
	Suite *s = suite_create("dates");

	TCase *tc = tcase_create("months");
	tcase_add_test(tc, month_names);
	tcase_add_test(tc, month_names_out_of_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("long dates");
	tcase_add_test(tc, long_from_parts);
	tcase_add_test(tc, long_from_parts_refused);
	tcase_add_test(tc, long_from_iso);
	tcase_add_test(tc, long_from_datetime);
	tcase_add_test(tc, every_day_of_a_leap_year);
	tcase_add_loop_test(tc, iso_refused, 0, COUNT(not_dates));
	tcase_add_test(tc, iso_null);
	tcase_add_test(tc, arena_copy_or_the_input);
	tcase_add_test(tc, offset_change_london_autumn);
	tcase_add_test(tc, offset_change_london_spring);
	tcase_add_test(tc, offset_change_none);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(dates_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
