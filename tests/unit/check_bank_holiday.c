/* Unit tests of bank_holiday_parse_line (fcgi/model/bank_holiday.c), one line of a pasted
 * import: "YYYY-MM-DD" then a comma, tab or space, then the name. The lines it takes (with
 * the spacing spreadsheets and GOV.UK's list leave), the blank lines it skips, and the lines
 * it refuses, each with a reason that says what is wrong. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/model/bank_holiday.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static struct arena *arena;

static void setup(void)
{
	arena = arena_new(4096);
}

static void teardown(void)
{
	arena_free(arena);
	arena = NULL;
}

/* ---- accepted ---- */

struct accepted {
	const char *line;
	const char *date;
	const char *name;
};

static const struct accepted accepted[] = {
	/* the three separators */
	{ "2026-12-25,Christmas Day", "2026-12-25", "Christmas Day" },
	{ "2026-12-25 Christmas Day", "2026-12-25", "Christmas Day" },
	{ "2026-12-25\tChristmas Day", "2026-12-25", "Christmas Day" },
	/* spacing around them and around the line, and a CR left by a Windows copy */
	{ "  2026-12-28 ,  Boxing Day (substitute day)  ", "2026-12-28",
	  "Boxing Day (substitute day)" },
	{ "2026-04-03\t\tGood Friday\r", "2026-04-03", "Good Friday" },
	{ "\t2026-04-06 Easter Monday", "2026-04-06", "Easter Monday" },
	{ "2026-05-04, ,Early May bank holiday", "2026-05-04", "Early May bank holiday" },
	/* commas and spaces inside the name are the name's */
	{ "2026-08-31,Summer bank holiday, England and Wales", "2026-08-31",
	  "Summer bank holiday, England and Wales" },
	{ "2026-05-25 Spring  bank holiday", "2026-05-25", "Spring  bank holiday" },
	/* any script */
	{ "2026-03-17,L\xc3\xa1 Fh\xc3\xa9ile P\xc3\xa1"
	  "draig",
	  "2026-03-17",
	  "L\xc3\xa1 Fh\xc3\xa9ile P\xc3\xa1"
	  "draig" },
	/* a one-character name; a leap day; the ends of the year range */
	{ "2026-01-01 X", "2026-01-01", "X" },
	{ "2028-02-29 Leap day", "2028-02-29", "Leap day" },
	{ "1900-01-01 First", "1900-01-01", "First" },
	{ "2100-12-31 Last", "2100-12-31", "Last" },
};

START_TEST(accepts)
{
	const struct accepted *want = &accepted[_i];
	char date[BANK_HOLIDAY_DATE_SIZE] = "";
	const char *name = "untouched";
	const char *reason = bank_holiday_parse_line(arena, want->line, date, &name);
	ck_assert_msg(reason == NULL, "\"%s\" refused: %s", want->line, reason);
	ck_assert_str_eq(date, want->date);
	ck_assert_ptr_nonnull(name);
	ck_assert_str_eq(name, want->name);
}
END_TEST

START_TEST(name_of_200_characters)
{
	/* the limit counts characters, not bytes: 200 two-byte letters are 400 bytes */
	char line[512];
	char date[BANK_HOLIDAY_DATE_SIZE];
	const char *name;
	strcpy(line, "2026-12-25 ");
	for (int i = 0; i < BANK_HOLIDAY_NAME_MAX; i++)
		strcat(line, "\xc3\xa9");
	const char *reason = bank_holiday_parse_line(arena, line, date, &name);
	ck_assert_msg(reason == NULL, "refused: %s", reason);
	ck_assert_uint_eq(strlen(name), 2 * BANK_HOLIDAY_NAME_MAX);

	strcat(line, "e"); /* 201 */
	reason = bank_holiday_parse_line(arena, line, date, &name);
	ck_assert_ptr_nonnull(reason);
	ck_assert_ptr_null(name);
	ck_assert_msg(strstr(reason, "200") != NULL, "reason \"%s\" does not give the limit",
		      reason);
}
END_TEST

/* ---- blank lines: skipped, neither a holiday nor a refusal ---- */

static const char *const blank[] = { "", " ", "\t", "\r", "  \t \r" };

START_TEST(blank_lines_skipped)
{
	char date[BANK_HOLIDAY_DATE_SIZE];
	const char *name = "untouched";
	ck_assert_ptr_null(bank_holiday_parse_line(arena, blank[_i], date, &name));
	ck_assert_ptr_null(name);
}
END_TEST

/* ---- refused ---- */

struct refused {
	const char *line;
	const char *reason_has; /* a word of the reason that says what is wrong */
};

static const struct refused refused[] = {
	/* no date at the start in the YYYY-MM-DD shape */
	{ "25/12/2026,Christmas Day", "YYYY-MM-DD" },
	{ "Christmas Day,2026-12-25", "YYYY-MM-DD" },
	{ "2026-1-5 Twelfth Night", "YYYY-MM-DD" },
	{ "2026/12/25 Christmas Day", "YYYY-MM-DD" },
	{ "26-12-25 Christmas Day", "YYYY-MM-DD" },
	{ "2026-12-2", "YYYY-MM-DD" },
	{ "x", "YYYY-MM-DD" },
	/* the date runs into the name: no separator */
	{ "2026-12-25Christmas Day", "YYYY-MM-DD" },
	{ "2026-12-25;Christmas Day", "YYYY-MM-DD" },
	{ "2026-12-255 Christmas Day", "YYYY-MM-DD" },
	/* the shape is right but there is no such day */
	{ "2026-02-29 Not a leap year", "not a real date" },
	{ "2026-13-01 Month 13", "not a real date" },
	{ "2026-00-10 Month 0", "not a real date" },
	{ "2026-04-31 April has 30 days", "not a real date" },
	{ "2026-04-00 Day 0", "not a real date" },
	/* outside the years the app keeps */
	{ "1899-12-31 Too early", "1900" },
	{ "2101-01-01 Too late", "2100" },
	/* a date and nothing after it */
	{ "2026-12-25", "no name" },
	{ "2026-12-25 ", "no name" },
	{ "2026-12-25,", "no name" },
	{ "2026-12-25 , \t,", "no name" },
	/* a name that would break a one-line field */
	{ "2026-12-25 Christmas\tDay", "special characters" },
	{ "2026-12-25 Christmas\x01 Day", "special characters" },
	{ "2026-12-25 Christmas\x7f", "special characters" },
};

START_TEST(refuses)
{
	const struct refused *want = &refused[_i];
	char date[BANK_HOLIDAY_DATE_SIZE];
	const char *name = "untouched";
	const char *reason = bank_holiday_parse_line(arena, want->line, date, &name);
	ck_assert_msg(reason != NULL, "\"%s\" accepted as %s \"%s\"", want->line, date, name);
	ck_assert_msg(strstr(reason, want->reason_has) != NULL,
		      "\"%s\": reason \"%s\" lacks \"%s\"", want->line, reason, want->reason_has);
	ck_assert_ptr_null(name);
}
END_TEST

START_TEST(not_a_real_date_names_it)
{
	/* the reason quotes the date as typed, so a long import's refusal can be found */
	char date[BANK_HOLIDAY_DATE_SIZE];
	const char *name;
	const char *reason = bank_holiday_parse_line(arena, "2027-02-30,Nothing", date, &name);
	ck_assert_ptr_nonnull(reason);
	ck_assert_msg(strstr(reason, "2027-02-30") != NULL, "reason \"%s\" does not quote the date",
		      reason);
}
END_TEST

static Suite *bank_holiday_suite(void)
{
	Suite *s = suite_create("bank_holiday");

	TCase *tc = tcase_create("parse line");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, accepts, 0, COUNT(accepted));
	tcase_add_test(tc, name_of_200_characters);
	tcase_add_loop_test(tc, blank_lines_skipped, 0, COUNT(blank));
	tcase_add_loop_test(tc, refuses, 0, COUNT(refused));
	tcase_add_test(tc, not_a_real_date_names_it);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(bank_holiday_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
