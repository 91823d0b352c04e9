/* Unit tests of fcgi/workdays.c: date conversions, weekdays, and working days across
 * weekends, England and Wales bank holidays, year ends and leap days. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/workdays.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static workdays_day d(const char *iso)
{
	workdays_day day;
	ck_assert_msg(workdays_from_iso(iso, &day), "bad test date %s", iso);
	return day;
}

static const char *iso(workdays_day day)
{
	static char out[WORKDAYS_ISO_SIZE];
	workdays_to_iso(day, out);
	return out;
}

/* England and Wales, from gov.uk/bank-holidays: 2026 in full (Boxing Day falls on a
 * Saturday, so Monday 28 December is the substitute), and New Year's Day 2027. */
static workdays_day holidays[9];
static const size_t holiday_count = COUNT(holidays);

static void setup_holidays(void)
{
	const char *dates[] = {
		"2026-01-01", /* Thursday, New Year's Day */
		"2026-04-03", /* Good Friday */
		"2026-04-06", /* Easter Monday */
		"2026-05-04", /* early May */
		"2026-05-25", /* spring */
		"2026-08-31", /* summer */
		"2026-12-25", /* Friday, Christmas Day */
		"2026-12-28", /* Monday, substitute for Boxing Day */
		"2027-01-01", /* Friday, New Year's Day */
	};
	for (size_t i = 0; i < COUNT(dates); i++)
		holidays[i] = d(dates[i]);
}

/* The slow, obvious way, to check the fast ones against. */
static bool naive_working(workdays_day day)
{
	/* days since a known Monday, 2024-01-01 (day 19723), not the module's own weekday */
	long from_monday = ((long)day - 19723) % 7;
	if (from_monday < 0)
		from_monday += 7;
	if (from_monday >= 5)
		return false;
	for (size_t i = 0; i < holiday_count; i++)
		if (holidays[i] == day)
			return false;
	return true;
}

static const char *add(const char *start, int n)
{
	return iso(workdays_add(d(start), n, holidays, holiday_count));
}

static const char *back(const char *end, int n)
{
	return iso(workdays_back(d(end), n, holidays, holiday_count));
}

static int between(const char *a, const char *b)
{
	return workdays_between(d(a), d(b), holidays, holiday_count);
}

/* ---- conversions ---- */

START_TEST(epoch_and_known_days)
{
	ck_assert_int_eq(workdays_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(workdays_from_ymd(1969, 12, 31), -1);
	ck_assert_int_eq(workdays_from_ymd(1970, 1, 2), 1);
	ck_assert_int_eq(workdays_from_ymd(2000, 3, 1), 11017);
	ck_assert_int_eq(workdays_from_ymd(2026, 11, 23), 20780);
	ck_assert_int_eq(workdays_from_ymd(2028, 2, 29), 21243);
	ck_assert_int_eq(workdays_from_ymd(1900, 1, 1), -25567);
	ck_assert_int_eq(workdays_from_ymd(2024, 1, 1), 19723);
	ck_assert_int_eq(d("2028-03-01") - d("2028-02-28"), 2); /* leap year */
	ck_assert_int_eq(d("2027-03-01") - d("2027-02-28"), 1);
	ck_assert_int_eq(d("2100-03-01") - d("2100-02-28"), 1); /* not a leap year */
	ck_assert_int_eq(d("2000-03-01") - d("2000-02-28"), 2); /* a leap year */
	ck_assert_int_eq(d("2027-01-01") - d("2026-01-01"), 365);
	ck_assert_int_eq(d("2029-01-01") - d("2028-01-01"), 366);
}
END_TEST

START_TEST(round_trips)
{
	/* every day from 1900 to 2100: ymd and ISO both ways, and days one apart. Checked with
	 * plain ifs: each ck_assert costs a write to Check's pipe, and these are 73,000 days */
	workdays_day first = workdays_from_ymd(1900, 1, 1), last = workdays_from_ymd(2100, 12, 31);
	int py = 1899, pm = 12, pd = 31;
	for (workdays_day day = first; day <= last; day++) {
		int y, m, dd;
		workdays_to_ymd(day, &y, &m, &dd);
		bool next_day = (y == py && m == pm && dd == pd + 1) ||
				(y == py && m == pm + 1 && dd == 1) ||
				(y == py + 1 && m == 1 && dd == 1);
		workdays_day back = -1;
		bool ok = workdays_valid_ymd(y, m, dd) && workdays_from_ymd(y, m, dd) == day &&
			  next_day && workdays_from_iso(iso(day), &back) && back == day;
		if (!ok)
			ck_abort_msg("day %d: %d-%d-%d after %d-%d-%d, ISO %s", day, y, m, dd, py,
				     pm, pd, iso(day));
		py = y;
		pm = m;
		pd = dd;
	}
	ck_assert_int_eq(py, 2100);
}
END_TEST

START_TEST(iso_format)
{
	ck_assert_str_eq(iso(0), "1970-01-01");
	ck_assert_str_eq(iso(-1), "1969-12-31");
	ck_assert_str_eq(iso(20780), "2026-11-23");
	ck_assert_str_eq(iso(workdays_from_ymd(2028, 2, 29)), "2028-02-29");
	ck_assert_str_eq(iso(workdays_from_ymd(1, 1, 1)), "0001-01-01");
	ck_assert_str_eq(iso(workdays_from_ymd(9999, 12, 31)), "9999-12-31");
}
END_TEST

static const char *const iso_bad[] = {
	"",
	"2026-02-29",
	"2026-13-01",
	"2026-00-10",
	"2026-01-00",
	"2026-01-32",
	"2026-1-05",
	"2026-01-5",
	"20260105",
	"2026/01/05",
	"2026-01-05x",
	"2026-01-05 ",
	" 2026-01-05",
	"0000-01-01",
	"2026-04-31",
	"2026-01",
	"abcd-ef-gh",
};

START_TEST(iso_refuses)
{
	workdays_day day = 12345;
	ck_assert_msg(!workdays_from_iso(iso_bad[_i], &day), "accepted %s", iso_bad[_i]);
	ck_assert_int_eq(day, 12345);
}
END_TEST

START_TEST(iso_null)
{
	workdays_day day = 7;
	ck_assert(!workdays_from_iso(NULL, &day));
	ck_assert_int_eq(day, 7);
}
END_TEST

START_TEST(valid_ymd)
{
	ck_assert(workdays_valid_ymd(2028, 2, 29));
	ck_assert(!workdays_valid_ymd(2026, 2, 29));
	ck_assert(!workdays_valid_ymd(1900, 2, 29));
	ck_assert(workdays_valid_ymd(2000, 2, 29));
	ck_assert(!workdays_valid_ymd(2026, 4, 31));
	ck_assert(!workdays_valid_ymd(2026, 0, 1));
	ck_assert(!workdays_valid_ymd(2026, 13, 1));
	ck_assert(!workdays_valid_ymd(2026, 1, 0));
}
END_TEST

START_TEST(weekdays)
{
	ck_assert_int_eq(workdays_weekday(0), WORKDAYS_THURSDAY); /* 1970-01-01 */
	ck_assert_int_eq(workdays_weekday(d("2026-11-23")), WORKDAYS_MONDAY);
	ck_assert_int_eq(workdays_weekday(d("2026-01-03")), WORKDAYS_SATURDAY);
	ck_assert_int_eq(workdays_weekday(d("2026-01-04")), WORKDAYS_SUNDAY);
	ck_assert_int_eq(workdays_weekday(d("2026-04-03")), WORKDAYS_FRIDAY);
	ck_assert_int_eq(workdays_weekday(d("2028-02-29")), WORKDAYS_TUESDAY);
	ck_assert_int_eq(workdays_weekday(d("2027-01-01")), WORKDAYS_FRIDAY);
	ck_assert_int_eq(workdays_weekday(d("1969-12-29")), WORKDAYS_MONDAY); /* before 1970 */
	ck_assert_int_eq(workdays_weekday(d("1969-12-28")), WORKDAYS_SUNDAY);
	ck_assert_int_eq(workdays_weekday(d("1900-01-01")), WORKDAYS_MONDAY);
	/* a week cycles through all seven in order */
	for (workdays_day day = d("2026-11-23"); day < d("2026-11-30"); day++)
		ck_assert_int_eq(workdays_weekday(day), WORKDAYS_MONDAY + (day - d("2026-11-23")));
}
END_TEST

START_TEST(sort_holidays)
{
	workdays_day list[] = { d("2026-12-28"), d("2026-01-01"), d("2026-12-25"),
				d("2026-01-01"), d("2026-04-03"), d("2026-12-28") };
	size_t n = workdays_sort_holidays(list, COUNT(list));
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(iso(list[0]), "2026-01-01");
	ck_assert_str_eq(iso(list[1]), "2026-04-03");
	ck_assert_str_eq(iso(list[2]), "2026-12-25");
	ck_assert_str_eq(iso(list[3]), "2026-12-28");
	ck_assert_uint_eq(workdays_sort_holidays(list, 0), 0);
	ck_assert_uint_eq(workdays_sort_holidays(list, 1), 1);
}
END_TEST

/* ---- working days ---- */

START_TEST(is_working_day)
{
	ck_assert(workdays_is_working_day(d("2026-11-23"), holidays, holiday_count)); /* Monday */
	ck_assert(workdays_is_working_day(d("2026-11-27"), holidays, holiday_count)); /* Friday */
	/* Saturday and Sunday */
	ck_assert(!workdays_is_working_day(d("2026-11-28"), holidays, holiday_count));
	ck_assert(!workdays_is_working_day(d("2026-11-29"), holidays, holiday_count));
	ck_assert(!workdays_is_working_day(d("2026-01-01"), holidays, holiday_count));
	ck_assert(!workdays_is_working_day(d("2026-04-03"), holidays, holiday_count));
	ck_assert(!workdays_is_working_day(d("2026-04-06"), holidays, holiday_count));
	ck_assert(!workdays_is_working_day(d("2026-12-28"), holidays, holiday_count));
	ck_assert(!workdays_is_working_day(d("2027-01-01"), holidays, holiday_count));
	ck_assert(workdays_is_working_day(d("2026-12-29"), holidays, holiday_count));
	ck_assert(workdays_is_working_day(d("2027-01-04"), holidays, holiday_count));
	/* without a list, only weekends are off */
	ck_assert(workdays_is_working_day(d("2026-12-25"), NULL, 0));
	ck_assert(!workdays_is_working_day(d("2026-12-26"), NULL, 0));
}
END_TEST

START_TEST(add_within_weeks)
{
	ck_assert_str_eq(add("2026-11-23", 0), "2026-11-23"); /* Monday, a working day */
	ck_assert_str_eq(add("2026-11-23", 1), "2026-11-24");
	ck_assert_str_eq(add("2026-11-23", 4), "2026-11-27");
	ck_assert_str_eq(add("2026-11-23", 5), "2026-11-30"); /* over the weekend */
	ck_assert_str_eq(add("2026-11-23", 10), "2026-12-07");
	ck_assert_str_eq(add("2026-11-27", 1), "2026-11-30");  /* Friday to Monday */
	ck_assert_str_eq(add("2026-11-23", -3), "2026-11-23"); /* negative counts as 0 */
}
END_TEST

START_TEST(add_from_weekend)
{
	/* start is never counted: the first working day after a Saturday is the Monday */
	ck_assert_str_eq(add("2026-11-28", 0), "2026-11-30"); /* Saturday */
	ck_assert_str_eq(add("2026-11-28", 1), "2026-11-30");
	ck_assert_str_eq(add("2026-11-28", 2), "2026-12-01");
	ck_assert_str_eq(add("2026-11-29", 1), "2026-11-30"); /* Sunday */
	ck_assert_str_eq(add("2026-11-28", 5), "2026-12-04");
	ck_assert_str_eq(add("2026-01-03", 0), "2026-01-05"); /* Saturday after New Year */
}
END_TEST

START_TEST(add_across_bank_holidays)
{
	/* Easter 2026: Good Friday 3 April and Easter Monday 6 April */
	ck_assert_str_eq(add("2026-04-02", 1), "2026-04-07");
	ck_assert_str_eq(add("2026-04-01", 2), "2026-04-07");
	ck_assert_str_eq(add("2026-04-03", 0), "2026-04-07"); /* on the holiday itself */
	ck_assert_str_eq(add("2026-04-03", 1), "2026-04-07");
	/* early May: Monday 4 May */
	ck_assert_str_eq(add("2026-05-01", 1), "2026-05-05");
	/* spring and summer Mondays */
	ck_assert_str_eq(add("2026-05-22", 1), "2026-05-26");
	ck_assert_str_eq(add("2026-08-28", 1), "2026-09-01");
	/* the same days without holidays */
	ck_assert_str_eq(iso(workdays_add(d("2026-04-02"), 1, NULL, 0)), "2026-04-03");
	ck_assert_str_eq(iso(workdays_add(d("2026-05-01"), 1, NULL, 0)), "2026-05-04");
}
END_TEST

START_TEST(add_over_christmas_and_new_year)
{
	/* Friday 25 (Christmas), Saturday 26, Sunday 27, Monday 28 (Boxing Day substitute):
	 * four days off in a row */
	ck_assert_str_eq(add("2026-12-24", 1), "2026-12-29");
	ck_assert_str_eq(add("2026-12-23", 2), "2026-12-29");
	ck_assert_str_eq(add("2026-12-25", 0), "2026-12-29");
	ck_assert_str_eq(add("2026-12-26", 1), "2026-12-29");
	/* into the new year: Friday 1 January 2027 is a holiday too */
	ck_assert_str_eq(add("2026-12-31", 1), "2027-01-04");
	ck_assert_str_eq(add("2026-12-30", 2), "2027-01-04");
	/* ten working days from Friday 18 December: 21-24 (4), 29-31 (7), 4-6 January (10) */
	ck_assert_str_eq(add("2026-12-18", 10), "2027-01-06");
	/* without the holidays the year still turns over */
	ck_assert_str_eq(iso(workdays_add(d("2026-12-31"), 1, NULL, 0)), "2027-01-01");
}
END_TEST

START_TEST(add_over_leap_day)
{
	ck_assert_str_eq(add("2028-02-25", 1), "2028-02-28"); /* Friday to Monday */
	ck_assert_str_eq(add("2028-02-25", 2), "2028-02-29"); /* Tuesday, the leap day */
	ck_assert_str_eq(add("2028-02-25", 3), "2028-03-01");
	ck_assert_str_eq(add("2028-02-28", 1), "2028-02-29");
	ck_assert_str_eq(add("2028-02-29", 0), "2028-02-29");
	ck_assert_str_eq(add("2027-02-26", 1), "2027-03-01"); /* not a leap year */
}
END_TEST

START_TEST(between_simple)
{
	ck_assert_int_eq(between("2026-11-23", "2026-11-23"), 0);
	ck_assert_int_eq(between("2026-11-24", "2026-11-23"), 0); /* b before a */
	ck_assert_int_eq(between("2026-11-23", "2026-11-24"), 1);
	ck_assert_int_eq(between("2026-11-23", "2026-11-27"), 4); /* Monday to Friday */
	ck_assert_int_eq(between("2026-11-23", "2026-11-30"), 5); /* a whole week */
	ck_assert_int_eq(between("2026-11-27", "2026-11-30"), 1); /* Friday to Monday */
	ck_assert_int_eq(between("2026-11-27", "2026-11-29"), 0); /* Friday to Sunday */
	ck_assert_int_eq(between("2026-11-28", "2026-11-29"), 0); /* Saturday to Sunday */
	ck_assert_int_eq(between("2026-11-28", "2026-11-30"), 1); /* Saturday to Monday */
	ck_assert_int_eq(between("2026-11-23", "2026-12-07"), 10);
}
END_TEST

START_TEST(between_holidays)
{
	ck_assert_int_eq(between("2026-04-02", "2026-04-07"), 1); /* Easter */
	ck_assert_int_eq(between("2026-04-02", "2026-04-06"), 0);
	ck_assert_int_eq(between("2026-12-24", "2026-12-29"), 1); /* Christmas */
	ck_assert_int_eq(between("2026-12-24", "2026-12-28"), 0);
	ck_assert_int_eq(between("2026-12-18", "2027-01-06"), 10); /* over the year end */
	ck_assert_int_eq(between("2026-12-31", "2027-01-04"), 1);
	/* 2026 starts on a Thursday: 52 weeks and one Thursday are 261 weekdays, of which
	 * the eight bank holidays (all on weekdays) leave 253 */
	ck_assert_int_eq(between("2025-12-31", "2026-12-31"), 253);
	ck_assert_int_eq(workdays_between(d("2025-12-31"), d("2026-12-31"), NULL, 0), 261);
	/* 2028 is a leap year starting on a Saturday: 52 weeks and Saturday, Sunday */
	ck_assert_int_eq(workdays_between(d("2027-12-31"), d("2028-12-31"), NULL, 0), 260);
	ck_assert_int_eq(between("2028-02-28", "2028-03-01"), 2);
	/* before 1970 works the same: Friday 26 December 1969 to Monday 5 January 1970 */
	ck_assert_int_eq(workdays_between(d("1969-12-26"), d("1970-01-05"), NULL, 0), 6);
}
END_TEST

START_TEST(weekend_and_duplicate_holidays_count_once)
{
	/* a list holding the real Boxing Day (a Saturday) as well as its substitute, and a
	 * duplicate, must not take extra days off */
	workdays_day list[] = { d("2026-12-25"), d("2026-12-26"), d("2026-12-28"),
				d("2026-12-28") };
	ck_assert_int_eq(workdays_between(d("2026-12-24"), d("2026-12-31"), list, COUNT(list)), 3);
	ck_assert_str_eq(iso(workdays_add(d("2026-12-24"), 3, list, COUNT(list))), "2026-12-31");
}
END_TEST

/* Every start from late 2025 to early 2029 and every n up to 40: add and between agree with
 * each other and with counting day by day (plain ifs again, for speed). */
START_TEST(add_and_between_agree)
{
	for (workdays_day start = d("2025-11-01"); start <= d("2029-02-01"); start++) {
		for (int n = 0; n <= 40; n++) {
			workdays_day end = workdays_add(start, n, holidays, holiday_count);
			int counted = 0;
			for (workdays_day day = start + 1; day <= end; day++)
				counted += naive_working(day);
			/* n = 0 may move to the next working day, which then counts once */
			int got = workdays_between(start, end, holidays, holiday_count);
			bool ok = naive_working(end) && end >= start &&
				  (n >= 1 ? counted == n && got == n
					  : counted <= 1 && (counted == 1) == (end != start));
			if (!ok)
				ck_abort_msg("%s + %d gave %s", iso(start), n,
					     iso(workdays_add(start, n, holidays, holiday_count)));
		}
	}
}
END_TEST

START_TEST(between_matches_counting)
{
	workdays_day first = d("2025-12-20"), last = d("2027-01-10");
	for (workdays_day a = first; a <= last; a++) {
		int counted = 0;
		for (workdays_day b = a - 3; b <= last; b++) {
			if (b > a)
				counted += naive_working(b);
			int got = workdays_between(a, b, holidays, holiday_count);
			if (got != counted)
				ck_abort_msg("between %d and %d: %d, counted %d", a, b, got,
					     counted);
		}
	}
}
END_TEST

START_TEST(back_known_days)
{
	/* Monday, Tuesday, Wednesday: a change on the weekend before has waited three days */
	ck_assert_str_eq(back("2026-11-25", 3), "2026-11-22");
	/* over Christmas 2026: the 29th, 30th and 31st, after the substitute Boxing Day */
	ck_assert_str_eq(back("2026-12-31", 3), "2026-12-28");
	ck_assert_str_eq(back("2026-12-31", 4), "2026-12-23");
	/* from a Sunday: the Friday before is the first working day */
	ck_assert_str_eq(back("2026-11-29", 1), "2026-11-26");
	ck_assert_str_eq(back("2026-11-29", 0), "2026-11-29");
	ck_assert_str_eq(back("2026-11-29", -2), "2026-11-29");
}
END_TEST

/* For every end day and n up to 40: the day back has waited n working days, the day after it
 * has not. */
START_TEST(back_is_the_latest_day_that_waited)
{
	for (workdays_day b = d("2025-11-01"); b <= d("2029-02-01"); b++) {
		for (int n = 1; n <= 40; n++) {
			workdays_day a = workdays_back(b, n, holidays, holiday_count);
			int waited = workdays_between(a, b, holidays, holiday_count);
			int after = workdays_between(a + 1, b, holidays, holiday_count);
			if (waited < n || after >= n)
				ck_abort_msg("%d back from %s gave %s (%d, then %d)", n, iso(b),
					     iso(a), waited, after);
		}
	}
}
END_TEST

static Suite *workdays_suite(void)
{
	Suite *s = suite_create("workdays");

	TCase *tc = tcase_create("dates");
	tcase_add_checked_fixture(tc, setup_holidays, NULL);
	tcase_add_test(tc, epoch_and_known_days);
	tcase_add_test(tc, round_trips);
	tcase_add_test(tc, iso_format);
	tcase_add_loop_test(tc, iso_refuses, 0, COUNT(iso_bad));
	tcase_add_test(tc, iso_null);
	tcase_add_test(tc, valid_ymd);
	tcase_add_test(tc, weekdays);
	tcase_add_test(tc, sort_holidays);
	suite_add_tcase(s, tc);

	tc = tcase_create("working days");
	tcase_add_checked_fixture(tc, setup_holidays, NULL);
	tcase_add_test(tc, is_working_day);
	tcase_add_test(tc, add_within_weeks);
	tcase_add_test(tc, add_from_weekend);
	tcase_add_test(tc, add_across_bank_holidays);
	tcase_add_test(tc, add_over_christmas_and_new_year);
	tcase_add_test(tc, add_over_leap_day);
	tcase_add_test(tc, between_simple);
	tcase_add_test(tc, between_holidays);
	tcase_add_test(tc, weekend_and_duplicate_holidays_count_once);
	tcase_add_test(tc, add_and_between_agree);
	tcase_add_test(tc, between_matches_counting);
	tcase_add_test(tc, back_known_days);
	tcase_add_test(tc, back_is_the_latest_day_that_waited);
	/* the exhaustive checks take a few seconds under valgrind */
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(workdays_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
