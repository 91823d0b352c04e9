/* Unit tests of fcgi/validate.c: good and bad values for every validator, the normalised
 * values pages store, length boundaries, names in many scripts, and hostile payloads. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/validate.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What a validator must leave alone when it refuses a value. */
#define SENTINEL "untouched"

struct good {
	const char *input, *normalised;
};

/* A string of n copies of unit (for length boundaries). */
static char *repeat(const char *unit, size_t n)
{
	size_t unit_len = strlen(unit);
	char *s = malloc(unit_len * n + 1);
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * unit_len, unit, unit_len);
	s[unit_len * n] = '\0';
	return s;
}

/* ---- text ---- */

START_TEST(trim_copies)
{
	char out[16];
	ck_assert(valid_trim("  a b \t", out, sizeof out));
	ck_assert_str_eq(out, "a b");
	ck_assert(valid_trim("\t\t", out, sizeof out));
	ck_assert_str_eq(out, "");
	ck_assert(valid_trim(NULL, out, sizeof out));
	ck_assert_str_eq(out, "");
	ck_assert(valid_trim("no blanks", out, sizeof out));
	ck_assert_str_eq(out, "no blanks");
	/* only spaces and tabs: a newline is content for a validator to judge */
	ck_assert(valid_trim(" a\n", out, sizeof out));
	ck_assert_str_eq(out, "a\n");
}
END_TEST

START_TEST(trim_too_small)
{
	char out[4];
	ck_assert(valid_trim("  abc  ", out, sizeof out)); /* exactly fits: 3 + NUL */
	ck_assert_str_eq(out, "abc");
	ck_assert(!valid_trim("abcd", out, sizeof out));
	ck_assert_str_eq(out, "");
	ck_assert(!valid_trim("a", out, 0));
}
END_TEST

START_TEST(trim_in_place)
{
	char text[] = " \t Zoë O’Brien \t ";
	char *result = valid_trim_in_place(text);
	ck_assert_ptr_eq(result, text);
	ck_assert_str_eq(text, "Zoë O’Brien");
	char blank[] = "   ";
	ck_assert_str_eq(valid_trim_in_place(blank), "");
	char clean[] = "x";
	ck_assert_str_eq(valid_trim_in_place(clean), "x");
	ck_assert_ptr_null(valid_trim_in_place(NULL));
}
END_TEST

START_TEST(required)
{
	ck_assert(!valid_required(NULL));
	ck_assert(!valid_required(""));
	ck_assert(!valid_required(" "));
	ck_assert(!valid_required(" \t \t"));
	ck_assert(valid_required("x"));
	ck_assert(valid_required("  x  "));
	ck_assert(valid_required("0"));
}
END_TEST

START_TEST(utf8_length)
{
	ck_assert_uint_eq(valid_utf8_length(""), 0);
	ck_assert_uint_eq(valid_utf8_length(NULL), 0);
	ck_assert_uint_eq(valid_utf8_length("abc"), 3);
	ck_assert_uint_eq(valid_utf8_length("Zoë"), 3);	   /* 4 bytes */
	ck_assert_uint_eq(valid_utf8_length("Nguyễn"), 6); /* ễ precomposed, 3 bytes */
	ck_assert_uint_eq(valid_utf8_length("Nguye\xCC\x82\xCC\x83n"), 8); /* e + two marks */
	ck_assert_uint_eq(valid_utf8_length("😀"), 1);			   /* 4 bytes */
}
END_TEST

START_TEST(text_length)
{
	ck_assert_int_eq(valid_text_length("", 1, 10), VALID_LENGTH_TOO_SHORT);
	ck_assert_int_eq(valid_text_length("   ", 1, 10), VALID_LENGTH_TOO_SHORT);
	ck_assert_int_eq(valid_text_length("", 0, 10), VALID_LENGTH_OK);
	ck_assert_int_eq(valid_text_length("a", 1, 10), VALID_LENGTH_OK);
	ck_assert_int_eq(valid_text_length("abcdefghij", 1, 10), VALID_LENGTH_OK);
	ck_assert_int_eq(valid_text_length("abcdefghijk", 1, 10), VALID_LENGTH_TOO_LONG);
	ck_assert_int_eq(valid_text_length("  abcdefghij  ", 1, 10), VALID_LENGTH_OK);
	/* characters, not bytes: ten é are twenty bytes */
	char *ten = repeat("é", 10), *eleven = repeat("é", 11);
	ck_assert_int_eq(valid_text_length(ten, 1, 10), VALID_LENGTH_OK);
	ck_assert_int_eq(valid_text_length(eleven, 1, 10), VALID_LENGTH_TOO_LONG);
	free(ten);
	free(eleven);
	ck_assert_int_eq(valid_text_length("ab", 3, 10), VALID_LENGTH_TOO_SHORT);
}
END_TEST

static const char *const single_line_good[] = {
	"hello",
	"Flat 3, 12 High Street",
	"Robert'); DROP TABLE clients;--",
	"<script>alert(1)</script>",
	"Zoë – “quoted” ’s",
	"",
};

START_TEST(single_line_accepts)
{
	ck_assert_ptr_null(valid_single_line(single_line_good[_i]));
}
END_TEST

static const char *const single_line_bad[] = {
	"two\nlines",
	"carriage\rreturn",
	"a\ttab",
	"escape \x1b[31m",
	"delete \x7f",
	"next line \xC2\x85",	       /* U+0085, a C1 control */
	"line separator \xE2\x80\xA8", /* U+2028 */
	"paragraph \xE2\x80\xA9",      /* U+2029 */
	"bell\a",
};

START_TEST(single_line_refuses)
{
	ck_assert_str_eq(valid_single_line(single_line_bad[_i]),
			 "Remove the line breaks and special characters");
}
END_TEST

START_TEST(multiline_accepts_verbatim)
{
	/* hostile text is stored as typed and escaped on output, so it must pass unchanged */
	const char *payloads[] = {
		"Robert'); DROP TABLE clients;--",
		"<script>alert('x')</script>",
		"line one\r\nline two\n\nline four",
		"tab\tseparated\tcolumns",
		"“Smart quotes” — and ‘more’ …",
		"line separator \xE2\x80\xA8 is a line break, allowed here",
		"",
	};
	for (size_t i = 0; i < COUNT(payloads); i++) {
		char copy[128];
		strcpy(copy, payloads[i]);
		ck_assert_ptr_null(valid_multiline(copy));
		ck_assert_str_eq(copy, payloads[i]);
	}
}
END_TEST

static const char *const multiline_bad[] = {
	"nul-free but \x01 start of heading",
	"vertical \x0b tab",
	"form \x0c feed",
	"escape \x1b[2J",
	"delete \x7f",
	"C1 \xC2\x9B control",
};

START_TEST(multiline_refuses)
{
	ck_assert_str_eq(valid_multiline(multiline_bad[_i]), "Remove the special characters");
}
END_TEST

START_TEST(choice)
{
	const char *const genders[] = { "female", "male", "non-binary", "prefer-not-to-say" };
	ck_assert(valid_choice("female", genders, COUNT(genders)));
	ck_assert(valid_choice("prefer-not-to-say", genders, COUNT(genders)));
	ck_assert(valid_choice("non-binary", genders, COUNT(genders)));
	ck_assert(!valid_choice("Female", genders, COUNT(genders)));
	ck_assert(!valid_choice("", genders, COUNT(genders)));
	ck_assert(!valid_choice(" female", genders, COUNT(genders)));
	ck_assert(!valid_choice("other", genders, COUNT(genders)));
	ck_assert(!valid_choice(NULL, genders, COUNT(genders)));
	ck_assert(!valid_choice("female", genders, 0));
	ck_assert(!valid_choice("female", NULL, 0));
}
END_TEST

/* ---- names ---- */

static const struct good name_good[] = {
	{ "Zoë", "Zoë" },
	{ "O’Brien", "O’Brien" },
	{ "O'Brien", "O'Brien" },
	{ "Anne-Marie", "Anne-Marie" },
	{ "Nguyễn", "Nguyễn" },					/* precomposed U+1EC5 */
	{ "Nguye\xCC\x82\xCC\x83n", "Nguye\xCC\x82\xCC\x83n" }, /* e + combining marks */
	{ "Łukasz", "Łukasz" },
	{ "Søren", "Søren" },
	{ "Peña", "Peña" },
	{ "J. R. R.", "J. R. R." },
	{ "Mary Jane", "Mary Jane" },
	{ "李", "李" },
	{ "Мария", "Мария" },
	{ "محمد", "محمد" },
	{ "  Zoë  ", "Zoë" },
	{ "\tAl\t", "Al" },
	{ "X", "X" },
};

START_TEST(name_accepts)
{
	char out[VALID_NAME_SIZE];
	const char *message = valid_person_name(name_good[_i].input, out);
	ck_assert_msg(message == NULL, "%s: %s", name_good[_i].input, message);
	ck_assert_str_eq(out, name_good[_i].normalised);
}
END_TEST

#define NAME_CHARACTERS                                                                            \
	"Name must only include letters, spaces, hyphens, apostrophes and full stops"

static const struct {
	const char *input, *message;
} name_bad[] = {
	{ "", "Enter a name" },
	{ "   ", "Enter a name" },
	{ NULL, "Enter a name" },
	{ "Robert'); DROP TABLE", NAME_CHARACTERS },
	{ "<script>", NAME_CHARACTERS },
	{ "Anne2", NAME_CHARACTERS },
	{ "a_b", NAME_CHARACTERS },
	{ "a@b", NAME_CHARACTERS },
	{ "Jo\tJo", NAME_CHARACTERS },
	{ "John\n", NAME_CHARACTERS },
	{ "Smiley 😀", NAME_CHARACTERS },
	{ "'-.", "Name must include a letter" },
	{ "- -", "Name must include a letter" },
	{ "\xCC\x81", "Name must include a letter" }, /* a lone combining acute */
};

START_TEST(name_refuses)
{
	char out[VALID_NAME_SIZE] = SENTINEL;
	ck_assert_str_eq(valid_person_name(name_bad[_i].input, out), name_bad[_i].message);
	ck_assert_str_eq(out, SENTINEL);
}
END_TEST

START_TEST(name_length_boundary)
{
	char out[VALID_NAME_SIZE];
	/* 100 characters of 2 bytes each fits; 101 does not, and nor does 101 ASCII letters */
	char *longest = repeat("é", VALID_NAME_MAX);
	ck_assert_ptr_null(valid_person_name(longest, out));
	ck_assert_str_eq(out, longest);
	char *too_long = repeat("é", VALID_NAME_MAX + 1);
	ck_assert_str_eq(valid_person_name(too_long, out), "Name must be 100 characters or fewer");
	char *ascii = repeat("a", VALID_NAME_MAX + 1);
	ck_assert_str_eq(valid_person_name(ascii, out), "Name must be 100 characters or fewer");
	/* 100 four-byte letters (𝐀, mathematical bold A, is \p{L}) fill the buffer exactly */
	char *widest = repeat("𝐀", VALID_NAME_MAX);
	ck_assert_uint_eq(strlen(widest), VALID_NAME_SIZE - 1);
	ck_assert_ptr_null(valid_person_name(widest, out));
	ck_assert_str_eq(out, widest);
	free(longest);
	free(too_long);
	free(ascii);
	free(widest);
}
END_TEST

START_TEST(name_without_out)
{
	ck_assert_ptr_null(valid_person_name("Zoë", NULL));
	ck_assert_ptr_nonnull(valid_person_name("<script>", NULL));
}
END_TEST

START_TEST(name_bad_utf8)
{
	/* the request parser rejects bad UTF-8 first; if it ever slipped through, refuse it */
	ck_assert_ptr_nonnull(valid_person_name("Zo\xC3", NULL));
	ck_assert_ptr_nonnull(valid_person_name("\xFF\xFE", NULL));
}
END_TEST

/* ---- numbers ---- */

START_TEST(int_accepts)
{
	long long value = -1;
	ck_assert_int_eq(valid_int_range("0", 0, 10, &value), VALID_INT_OK);
	ck_assert_int_eq(value, 0);
	ck_assert_int_eq(valid_int_range("42", 0, 120, &value), VALID_INT_OK);
	ck_assert_int_eq(value, 42);
	ck_assert_int_eq(valid_int_range(" 7 ", 1, 7, &value), VALID_INT_OK);
	ck_assert_int_eq(value, 7);
	ck_assert_int_eq(valid_int_range("007", 0, 10, &value), VALID_INT_OK);
	ck_assert_int_eq(value, 7);
	ck_assert_int_eq(valid_int_range("-5", -10, 10, &value), VALID_INT_OK);
	ck_assert_int_eq(value, -5);
	ck_assert_int_eq(valid_int_range("-0", -1, 1, &value), VALID_INT_OK);
	ck_assert_int_eq(value, 0);
	ck_assert_int_eq(valid_int_range("9223372036854775807", 0, LLONG_MAX, &value),
			 VALID_INT_OK);
	ck_assert(value == LLONG_MAX);
	ck_assert_int_eq(valid_int_range("-9223372036854775808", LLONG_MIN, 0, &value),
			 VALID_INT_OK);
	ck_assert(value == LLONG_MIN);
	ck_assert_int_eq(valid_int_range("5", 0, 10, NULL), VALID_INT_OK);
}
END_TEST

START_TEST(int_refuses)
{
	long long value = 99;
	ck_assert_int_eq(valid_int_range("", 0, 10, &value), VALID_INT_EMPTY);
	ck_assert_int_eq(valid_int_range("  ", 0, 10, &value), VALID_INT_EMPTY);
	ck_assert_int_eq(valid_int_range(NULL, 0, 10, &value), VALID_INT_EMPTY);
	ck_assert_int_eq(valid_int_range("abc", 0, 10, &value), VALID_INT_NOT_WHOLE);
	ck_assert_int_eq(valid_int_range("1.5", 0, 10, &value), VALID_INT_NOT_WHOLE);
	ck_assert_int_eq(valid_int_range("1e3", 0, 10000, &value), VALID_INT_NOT_WHOLE);
	ck_assert_int_eq(valid_int_range("+5", 0, 10, &value), VALID_INT_NOT_WHOLE);
	ck_assert_int_eq(valid_int_range("1 000", 0, 10000, &value), VALID_INT_NOT_WHOLE);
	ck_assert_int_eq(valid_int_range("-", -10, 10, &value), VALID_INT_NOT_WHOLE);
	ck_assert_int_eq(valid_int_range("--5", -10, 10, &value), VALID_INT_NOT_WHOLE);
	/* a minus sign only where negative numbers make sense */
	ck_assert_int_eq(valid_int_range("-5", 0, 10, &value), VALID_INT_NOT_WHOLE);
	ck_assert_int_eq(valid_int_range("11", 0, 10, &value), VALID_INT_TOO_LARGE);
	ck_assert_int_eq(valid_int_range("0", 1, 10, &value), VALID_INT_TOO_SMALL);
	ck_assert_int_eq(valid_int_range("-11", -10, 10, &value), VALID_INT_TOO_SMALL);
	/* one past the limits of a long long, and far past */
	ck_assert_int_eq(valid_int_range("9223372036854775808", 0, LLONG_MAX, &value),
			 VALID_INT_TOO_LARGE);
	ck_assert_int_eq(valid_int_range("-9223372036854775809", LLONG_MIN, 0, &value),
			 VALID_INT_TOO_SMALL);
	ck_assert_int_eq(valid_int_range("99999999999999999999999999", 0, 10, &value),
			 VALID_INT_TOO_LARGE);
	ck_assert_int_eq(value, 99);
}
END_TEST

/* ---- dates ---- */

static const struct valid_date today = { 2026, 11, 23 };

START_TEST(date_accepts)
{
	struct valid_date date;
	ck_assert_ptr_null(valid_date("23", "11", "2026", &date));
	ck_assert_int_eq(date.year, 2026);
	ck_assert_int_eq(date.month, 11);
	ck_assert_int_eq(date.day, 23);
	ck_assert_ptr_null(valid_date("29", "2", "2028", &date)); /* leap year */
	ck_assert_int_eq(date.day, 29);
	ck_assert_ptr_null(valid_date("29", "02", "2000", &date)); /* divisible by 400 */
	ck_assert_ptr_null(valid_date(" 1 ", "01", "1900", &date));
	ck_assert_int_eq(date.year, 1900);
	ck_assert_ptr_null(valid_date("31", "12", "2100", &date));
	ck_assert_ptr_null(valid_date("05", "6", "1987", NULL));
	ck_assert_ptr_null(valid_date("30", "4", "2026", NULL));
}
END_TEST

static const struct {
	const char *day, *month, *year, *message;
} date_bad[] = {
	{ "", "", "", "Enter a date" },
	{ " ", "\t", "", "Enter a date" },
	{ "", "11", "2026", "Date must include a day" },
	{ "23", "", "2026", "Date must include a month" },
	{ "23", "11", "", "Date must include a year" },
	{ "", "", "2026", "Date must include a day and month" },
	{ "", "11", "", "Date must include a day and year" },
	{ "23", "", "", "Date must include a month and year" },
	{ "29", "2", "2026", "Date must be a real date" },
	{ "29", "2", "1900", "Date must be a real date" }, /* divisible by 100, not by 400 */
	{ "30", "2", "2028", "Date must be a real date" },
	{ "31", "4", "2026", "Date must be a real date" },
	{ "32", "1", "2026", "Date must be a real date" },
	{ "0", "1", "2026", "Date must be a real date" },
	{ "1", "13", "2026", "Date must be a real date" },
	{ "1", "0", "2026", "Date must be a real date" },
	{ "1st", "1", "2026", "Date must be a real date" },
	{ "1", "Jan", "2026", "Date must be a real date" },
	{ "001", "1", "2026", "Date must be a real date" },
	{ "-1", "1", "2026", "Date must be a real date" },
	{ "1", "1", "20x6", "Date must be a real date" },
	{ "1", "1", "26", "Year must include 4 numbers" },
	{ "1", "1", "02026", "Year must include 4 numbers" },
	{ "31", "12", "1899", "Year must be between 1900 and 2100" },
	{ "1", "1", "2101", "Year must be between 1900 and 2100" },
};

START_TEST(date_refuses)
{
	struct valid_date date = { 1, 2, 3 };
	ck_assert_str_eq(valid_date(date_bad[_i].day, date_bad[_i].month, date_bad[_i].year, &date),
			 date_bad[_i].message);
	ck_assert_int_eq(date.year, 1);
	ck_assert_int_eq(date.month, 2);
	ck_assert_int_eq(date.day, 3);
}
END_TEST

START_TEST(date_of_birth)
{
	struct valid_date dob;
	ck_assert_ptr_null(valid_date_of_birth("15", "3", "1990", today, &dob));
	ck_assert_int_eq(dob.year, 1990);
	ck_assert_ptr_null(valid_date_of_birth("23", "11", "2026", today, &dob)); /* born today */
	ck_assert_str_eq(valid_date_of_birth("24", "11", "2026", today, &dob),
			 "Date of birth must be today or in the past");
	ck_assert_str_eq(valid_date_of_birth("1", "1", "2100", today, &dob),
			 "Date of birth must be today or in the past");
	ck_assert_str_eq(valid_date_of_birth("", "", "", today, &dob), "Enter a date of birth");
	ck_assert_str_eq(valid_date_of_birth("15", "", "1990", today, &dob),
			 "Date of birth must include a month");
	ck_assert_str_eq(valid_date_of_birth("", "", "1990", today, &dob),
			 "Date of birth must include a day and month");
	ck_assert_str_eq(valid_date_of_birth("31", "2", "1990", today, &dob),
			 "Date of birth must be a real date");
	ck_assert_str_eq(valid_date_of_birth("1", "1", "90", today, &dob),
			 "Year must include 4 numbers");
	ck_assert_str_eq(valid_date_of_birth("1", "1", "1850", today, &dob),
			 "Year must be between 1900 and 2100");
	ck_assert_int_eq(dob.year, 2026); /* untouched since the last good one */
}
END_TEST

START_TEST(date_iso)
{
	struct valid_date date;
	ck_assert_ptr_null(valid_date_parse_iso("2026-11-23", &date));
	ck_assert_int_eq(date.year, 2026);
	ck_assert_int_eq(date.month, 11);
	ck_assert_int_eq(date.day, 23);
	ck_assert_ptr_null(valid_date_parse_iso(" 2028-02-29 ", &date));
	ck_assert_int_eq(date.day, 29);
	ck_assert_ptr_null(valid_date_parse_iso("1900-01-01", NULL));
	ck_assert_ptr_null(valid_date_parse_iso("2100-12-31", NULL));
	ck_assert_ptr_null(valid_date_parse_iso("2026-12-28", NULL));

	const char *format = "Enter a date in the format YYYY-MM-DD, like 2026-12-25";
	ck_assert_str_eq(valid_date_parse_iso("", &date), "Enter a date");
	ck_assert_str_eq(valid_date_parse_iso("23/11/2026", &date), format);
	ck_assert_str_eq(valid_date_parse_iso("2026-1-5", &date), format);
	ck_assert_str_eq(valid_date_parse_iso("2026-11-23T10:00", &date), format);
	ck_assert_str_eq(valid_date_parse_iso("2026/11/23", &date), format);
	ck_assert_str_eq(valid_date_parse_iso("20261123", &date), format);
	ck_assert_str_eq(valid_date_parse_iso("2026-02-29", &date), "Date must be a real date");
	ck_assert_str_eq(valid_date_parse_iso("2026-13-01", &date), "Date must be a real date");
	ck_assert_str_eq(valid_date_parse_iso("2026-00-10", &date), "Date must be a real date");
	ck_assert_str_eq(valid_date_parse_iso("1899-12-31", &date),
			 "Year must be between 1900 and 2100");
	ck_assert_int_eq(date.year, 2028);
}
END_TEST

START_TEST(date_to_iso)
{
	char out[VALID_DATE_ISO_SIZE];
	valid_date_to_iso((struct valid_date){ 2026, 1, 5 }, out);
	ck_assert_str_eq(out, "2026-01-05");
	valid_date_to_iso((struct valid_date){ 1900, 12, 31 }, out);
	ck_assert_str_eq(out, "1900-12-31");
	struct valid_date round;
	ck_assert_ptr_null(valid_date_parse_iso("2028-02-29", &round));
	valid_date_to_iso(round, out);
	ck_assert_str_eq(out, "2028-02-29");
}
END_TEST

START_TEST(date_compare_and_future)
{
	struct valid_date a = { 2026, 11, 23 }, b = { 2026, 11, 24 }, c = { 2027, 1, 1 };
	ck_assert_int_lt(valid_date_compare(a, b), 0);
	ck_assert_int_gt(valid_date_compare(c, b), 0);
	ck_assert_int_eq(valid_date_compare(a, a), 0);
	ck_assert_int_lt(valid_date_compare((struct valid_date){ 2026, 10, 30 }, a), 0);
	ck_assert(valid_date_not_future(a, today));
	ck_assert(valid_date_not_future((struct valid_date){ 1950, 1, 1 }, today));
	ck_assert(!valid_date_not_future(b, today));
	ck_assert(!valid_date_not_future(c, today));
	ck_assert(valid_date_is_real(a));
	ck_assert(!valid_date_is_real((struct valid_date){ 2026, 2, 29 }));
	ck_assert(!valid_date_is_real((struct valid_date){ 1899, 12, 31 }));
}
END_TEST

START_TEST(age)
{
	ck_assert_int_eq(valid_age_years((struct valid_date){ 1990, 3, 15 }, today), 36);
	/* the birthday itself, and the day before it */
	ck_assert_int_eq(valid_age_years((struct valid_date){ 1990, 11, 23 }, today), 36);
	ck_assert_int_eq(valid_age_years((struct valid_date){ 1990, 11, 24 }, today), 35);
	ck_assert_int_eq(valid_age_years((struct valid_date){ 1990, 12, 1 }, today), 35);
	ck_assert_int_eq(valid_age_years(today, today), 0);
	ck_assert_int_eq(valid_age_years((struct valid_date){ 2025, 11, 24 }, today), 0);
	ck_assert_int_eq(valid_age_years((struct valid_date){ 2026, 11, 24 }, today), -1);
	/* born on a leap day: one on 1 March of the next year, four on the next 29 February */
	struct valid_date leap = { 2028, 2, 29 };
	ck_assert_int_eq(valid_age_years(leap, (struct valid_date){ 2029, 2, 28 }), 0);
	ck_assert_int_eq(valid_age_years(leap, (struct valid_date){ 2029, 3, 1 }), 1);
	ck_assert_int_eq(valid_age_years(leap, (struct valid_date){ 2032, 2, 28 }), 3);
	ck_assert_int_eq(valid_age_years(leap, (struct valid_date){ 2032, 2, 29 }), 4);
}
END_TEST

/* ---- email ---- */

static const struct good email_good[] = {
	{ "name@example.com", "name@example.com" },
	{ "First.Last+tag@Example.CO.UK", "First.Last+tag@example.co.uk" },
	{ "  a@b.io \t", "a@b.io" },
	{ "o'brien@example.org", "o'brien@example.org" },
	{ "user_name-1@sub-domain.example.net", "user_name-1@sub-domain.example.net" },
	{ "USER@XN--BCHER-KVA.EXAMPLE", "USER@xn--bcher-kva.example" },
	{ "zoë@exämple.de", "zoë@exämple.de" },
	{ "123@123.example", "123@123.example" },
};

START_TEST(email_accepts)
{
	char out[VALID_EMAIL_SIZE];
	const char *message = valid_email(email_good[_i].input, out);
	ck_assert_msg(message == NULL, "%s: %s", email_good[_i].input, message);
	ck_assert_str_eq(out, email_good[_i].normalised);
}
END_TEST

static const char *const email_bad[] = {
	"name",
	"name@",
	"@example.com",
	"name@example",
	"a@@example.com",
	"a@b@example.com",
	"a b@example.com",
	"name@exa mple.com",
	"name@example..com",
	"name@.example.com",
	"name@example.com.",
	"name@-example.com",
	"name@example-.com",
	"name@example.c",
	"name@exa_mple.com",
	"a..b@example.com",
	".a@example.com",
	"a.@example.com",
	"<name@example.com>",
	"name@example.com, other@example.com",
	"\"quoted\"@example.com",
	"name@[192.0.2.1]",
	"name\t@example.com",
};

START_TEST(email_refuses)
{
	char out[VALID_EMAIL_SIZE] = SENTINEL;
	ck_assert_str_eq(valid_email(email_bad[_i], out),
			 "Enter an email address in the correct format, like name@example.com");
	ck_assert_str_eq(out, SENTINEL);
}
END_TEST

START_TEST(email_empty)
{
	ck_assert_str_eq(valid_email("", NULL), "Enter an email address");
	ck_assert_str_eq(valid_email("   ", NULL), "Enter an email address");
	ck_assert_str_eq(valid_email(NULL, NULL), "Enter an email address");
}
END_TEST

START_TEST(email_lengths)
{
	char out[VALID_EMAIL_SIZE];
	char buffer[400];
	/* local part: 64 is the most */
	char *local = repeat("a", 64);
	snprintf(buffer, sizeof buffer, "%s@example.com", local);
	ck_assert_ptr_null(valid_email(buffer, out));
	snprintf(buffer, sizeof buffer, "a%s@example.com", local);
	ck_assert_ptr_nonnull(valid_email(buffer, out));
	free(local);
	/* whole address: 254 is the most: 64 + '@' + 63 + '.' + 63 + '.' + 61 */
	char *l64 = repeat("a", 64), *d63 = repeat("b", 63), *d61 = repeat("c", 61);
	snprintf(buffer, sizeof buffer, "%s@%s.%s.%s", l64, d63, d63, d61);
	ck_assert_uint_eq(strlen(buffer), 254);
	ck_assert_ptr_null(valid_email(buffer, out));
	ck_assert_str_eq(out, buffer);
	snprintf(buffer, sizeof buffer, "%s@%s.%s.%sc", l64, d63, d63, d61);
	ck_assert_uint_eq(strlen(buffer), 255);
	ck_assert_str_eq(valid_email(buffer, out), "Email address must be 254 characters or fewer");
	/* a domain label of 64 is too long */
	char *d64 = repeat("d", 64);
	snprintf(buffer, sizeof buffer, "a@%s.com", d64);
	ck_assert_ptr_nonnull(valid_email(buffer, out));
	free(l64);
	free(d63);
	free(d61);
	free(d64);
}
END_TEST

/* ---- phone ---- */

static const struct good phone_good[] = {
	{ "07700 900123", "07700900123" },	 { "07700900123", "07700900123" },
	{ "+44 7700 900123", "07700900123" },	 { "+447700900123", "07700900123" },
	{ "+44 (0)7700 900123", "07700900123" }, { "0044 7700 900 123", "07700900123" },
	{ "(01632) 960001", "01632960001" },	 { "020-7946-0000", "02079460000" },
	{ "0800 123456", "0800123456" }, /* ten digits */
	{ " 0113 496 0000 ", "01134960000" },	 { "+44 20 7946 0000", "02079460000" },
};

START_TEST(phone_accepts)
{
	char out[VALID_PHONE_SIZE];
	const char *message = valid_uk_phone(phone_good[_i].input, out);
	ck_assert_msg(message == NULL, "%s: %s", phone_good[_i].input, message);
	ck_assert_str_eq(out, phone_good[_i].normalised);
}
END_TEST

#define PHONE_FORMAT "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"

static const char *const phone_bad[] = {
	"077009001",	  /* nine digits */
	"077009001234",	  /* twelve */
	"7700900123",	  /* no leading 0 */
	"00 7700 900123", /* 00 but not 0044: an international call elsewhere */
	"0770O 900123",	  /* a letter O */
	"07700.900123",
	"07700 900123 ext 5",
	"1+44 7700 900123", /* + only at the start */
	"++44 7700 900123",
	"+44 7700 9001234", /* twelve once the 0 is added */
	"+44 0",
	"0000000000",
	"12345678901234567890123",
	"phone me",
};

START_TEST(phone_refuses)
{
	char out[VALID_PHONE_SIZE] = SENTINEL;
	ck_assert_str_eq(valid_uk_phone(phone_bad[_i], out), PHONE_FORMAT);
	ck_assert_str_eq(out, SENTINEL);
}
END_TEST

START_TEST(phone_other_messages)
{
	ck_assert_str_eq(valid_uk_phone("", NULL), "Enter a phone number");
	ck_assert_str_eq(valid_uk_phone(" ", NULL), "Enter a phone number");
	ck_assert_str_eq(valid_uk_phone("+33 1 23 45 67 89", NULL),
			 "Enter a UK phone number, starting 0 or +44");
	ck_assert_str_eq(valid_uk_phone("+1 202 555 0100", NULL),
			 "Enter a UK phone number, starting 0 or +44");
}
END_TEST

/* ---- NHS number ----
 * Check digits worked by hand (weights 10 down to 2 over the first nine digits):
 * 943 476 5919: 9x10 + 4x9 + 3x8 + 4x7 + 7x6 + 6x5 + 5x4 + 9x3 + 1x2
 *             = 90 + 36 + 24 + 28 + 42 + 30 + 20 + 27 + 2 = 299 = 27x11 + 2; 11 - 2 = 9. Valid.
 * 401 023 2137: 40 + 0 + 8 + 0 + 12 + 15 + 8 + 3 + 6 = 92 = 8x11 + 4; 11 - 4 = 7. Valid.
 * 640 129 8170: 60 + 36 + 0 + 7 + 12 + 45 + 32 + 3 + 14 = 209 = 19x11 + 0; 11 -> 0. Valid.
 * 450 557 7104: 40 + 45 + 0 + 35 + 30 + 35 + 28 + 3 + 0 = 216 = 19x11 + 7; 11 - 7 = 4. Valid.
 * 485 777 3456 (the NHS's own format example): 40 + 72 + 40 + 49 + 42 + 35 + 12 + 12 + 10
 *             = 312 = 28x11 + 4; 11 - 4 = 7, not 6. Not a real number; 485 777 3457 is.
 * 123 456 789x: 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210 = 19x11 + 1; 11 - 1 = 10,
 *             which no digit can be: no NHS number starts 123456789. */

static const struct good nhs_good[] = {
	{ "9434765919", "9434765919" },	     { "943 476 5919", "9434765919" },
	{ "943-476-5919", "9434765919" },    { " 943 476 5919 ", "9434765919" },
	{ "943  476 - 5919", "9434765919" }, { "4010232137", "4010232137" },
	{ "640 129 8170", "6401298170" },    { "450 557 7104", "4505577104" },
	{ "485 777 3457", "4857773457" },
};

START_TEST(nhs_accepts)
{
	char out[VALID_NHS_NUMBER_SIZE];
	const char *message = valid_nhs_number(nhs_good[_i].input, out);
	ck_assert_msg(message == NULL, "%s: %s", nhs_good[_i].input, message);
	ck_assert_str_eq(out, nhs_good[_i].normalised);
}
END_TEST

static const struct {
	const char *input, *message;
} nhs_bad[] = {
	{ "", "Enter an NHS number" },
	{ "  ", "Enter an NHS number" },
	{ "485 777 3456", "Enter a real NHS number – check each digit" },
	{ "9434765918", "Enter a real NHS number – check each digit" },
	{ "9434765910", "Enter a real NHS number – check each digit" },
	{ "4010232138", "Enter a real NHS number – check each digit" },
	{ "1234567890", "Enter a real NHS number – check each digit" }, /* check would be 10 */
	{ "1234567891", "Enter a real NHS number – check each digit" },
	{ "0000000000", "Enter a real NHS number – check each digit" }, /* passes modulus 11 */
	{ "1111111111", "Enter a real NHS number – check each digit" }, /* so does this */
	{ "943476591", "Enter an NHS number in the correct format, like 485 777 3456" },
	{ "94347659190", "Enter an NHS number in the correct format, like 485 777 3456" },
	{ "94347659l9", "Enter an NHS number in the correct format, like 485 777 3456" },
	{ "NHS 9434765919", "Enter an NHS number in the correct format, like 485 777 3456" },
	{ "943/476/5919", "Enter an NHS number in the correct format, like 485 777 3456" },
	{ "-9434765919", "Enter an NHS number in the correct format, like 485 777 3456" },
	{ "9434765919-", "Enter an NHS number in the correct format, like 485 777 3456" },
	{ "943.476.5919", "Enter an NHS number in the correct format, like 485 777 3456" },
};

START_TEST(nhs_refuses)
{
	char out[VALID_NHS_NUMBER_SIZE] = "untouched";
	ck_assert_str_eq(valid_nhs_number(nhs_bad[_i].input, out), nhs_bad[_i].message);
	ck_assert_str_eq(out, "untouched");
}
END_TEST

/* ---- ODS code ---- */

static const struct good ods_good[] = {
	{ "A81001", "A81001" }, { "a81001", "A81001" }, { " Y02345 ", "Y02345" },
	{ "B86010", "B86010" }, { "m85063", "M85063" },
};

START_TEST(ods_accepts)
{
	char out[VALID_ODS_CODE_SIZE];
	ck_assert_ptr_null(valid_ods_code(ods_good[_i].input, out));
	ck_assert_str_eq(out, ods_good[_i].normalised);
}
END_TEST

static const char *const ods_bad[] = {
	"A8100", "A810011", "AB1001", "181001", "A81 001", "RX1", "A8100O", "A81-001", "É81001",
};

START_TEST(ods_refuses)
{
	char out[VALID_ODS_CODE_SIZE] = "same";
	ck_assert_str_eq(valid_ods_code(ods_bad[_i], out),
			 "Enter a GP practice code in the correct format, like A81001");
	ck_assert_str_eq(out, "same");
}
END_TEST

START_TEST(ods_empty)
{
	ck_assert_str_eq(valid_ods_code("", NULL), "Enter a GP practice code");
	ck_assert_ptr_null(valid_ods_code("A81001", NULL));
}
END_TEST

/* ---- postcode ---- */

static const struct {
	const char *input, *normalised, *key;
} postcode_good[] = {
	{ "SW1A 1AA", "SW1A 1AA", "SW1A1AA" },	  { "sw1a1aa", "SW1A 1AA", "SW1A1AA" },
	{ "M1 1AE", "M1 1AE", "M11AE" },       /* A9 9AA */
	{ "b33 8th", "B33 8TH", "B338TH" },    /* A99 9AA */
	{ "W1A 0AX", "W1A 0AX", "W1A0AX" },    /* A9A 9AA */
	{ "CR2 6XH", "CR2 6XH", "CR26XH" },    /* AA9 9AA */
	{ "DN55 1PT", "DN55 1PT", "DN551PT" }, /* AA99 9AA */
	{ "EC1A 1BB", "EC1A 1BB", "EC1A1BB" }, /* AA9A 9AA */
	{ "gir 0aa", "GIR 0AA", "GIR0AA" },	  { " s w 1 a 1 a a ", "SW1A 1AA", "SW1A1AA" },
	{ "\tLS1   4AP\t", "LS1 4AP", "LS14AP" },
};

START_TEST(postcode_accepts)
{
	char out[VALID_POSTCODE_SIZE], key[VALID_POSTCODE_KEY_SIZE];
	ck_assert_ptr_null(valid_postcode(postcode_good[_i].input, out));
	ck_assert_str_eq(out, postcode_good[_i].normalised);
	ck_assert_ptr_null(valid_postcode_key(postcode_good[_i].input, key));
	ck_assert_str_eq(key, postcode_good[_i].key);
	/* the normalised form is itself valid and normalises to itself */
	char again[VALID_POSTCODE_SIZE];
	ck_assert_ptr_null(valid_postcode(out, again));
	ck_assert_str_eq(again, out);
}
END_TEST

static const char *const postcode_bad[] = {
	"SW1A",	   "SW1A 1A",  "1SW 1AA",   "SW1A 1AAA", "SW1A-1AA",
	"AAA 1AA", "A 1AA",    "SW1A 11A",  "ÉC1A 1BB",	 "SW1AA 1AA",
	"12345",   "SW1A 1A1", "EC1A1BBBB", "GIR 0AB",	 "M1 AAE",
};

START_TEST(postcode_refuses)
{
	char out[VALID_POSTCODE_SIZE] = "same", key[VALID_POSTCODE_KEY_SIZE] = "same";
	const char *message = "Enter a full UK postcode, like SW1A 1AA";
	ck_assert_str_eq(valid_postcode(postcode_bad[_i], out), message);
	ck_assert_str_eq(valid_postcode_key(postcode_bad[_i], key), message);
	ck_assert_str_eq(out, "same");
	ck_assert_str_eq(key, "same");
}
END_TEST

START_TEST(postcode_empty)
{
	ck_assert_str_eq(valid_postcode("", NULL), "Enter a postcode");
	ck_assert_str_eq(valid_postcode_key("   ", NULL), "Enter a postcode");
	ck_assert_ptr_null(valid_postcode("SW1A 1AA", NULL));
}
END_TEST

/* ---- local authority code ---- */

static const struct good la_good[] = {
	{ "E06000001", "E06000001" }, { "W06000015", "W06000015" }, { "S12000033", "S12000033" },
	{ "N09000001", "N09000001" }, { "e09000033", "E09000033" }, { " E08000035 ", "E08000035" },
};

START_TEST(la_accepts)
{
	char out[VALID_LA_CODE_SIZE];
	ck_assert_ptr_null(valid_la_code(la_good[_i].input, out));
	ck_assert_str_eq(out, la_good[_i].normalised);
}
END_TEST

static const char *const la_bad[] = {
	"X06000001", "E0600001", "E060000011", "06000001E", "E0600000A", "E06 000001", "EE6000001",
};

START_TEST(la_refuses)
{
	char out[VALID_LA_CODE_SIZE] = "same";
	ck_assert_str_eq(valid_la_code(la_bad[_i], out),
			 "Enter a local authority code in the correct format, like E06000001");
	ck_assert_str_eq(out, "same");
}
END_TEST

START_TEST(la_empty)
{
	ck_assert_str_eq(valid_la_code("", NULL), "Enter a local authority code");
}
END_TEST

static Suite *validate_suite(void)
{
	Suite *s = suite_create("validate");

	TCase *tc = tcase_create("text");
	tcase_add_test(tc, trim_copies);
	tcase_add_test(tc, trim_too_small);
	tcase_add_test(tc, trim_in_place);
	tcase_add_test(tc, required);
	tcase_add_test(tc, utf8_length);
	tcase_add_test(tc, text_length);
	tcase_add_loop_test(tc, single_line_accepts, 0, COUNT(single_line_good));
	tcase_add_loop_test(tc, single_line_refuses, 0, COUNT(single_line_bad));
	tcase_add_test(tc, multiline_accepts_verbatim);
	tcase_add_loop_test(tc, multiline_refuses, 0, COUNT(multiline_bad));
	tcase_add_test(tc, choice);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_loop_test(tc, name_accepts, 0, COUNT(name_good));
	tcase_add_loop_test(tc, name_refuses, 0, COUNT(name_bad));
	tcase_add_test(tc, name_length_boundary);
	tcase_add_test(tc, name_without_out);
	tcase_add_test(tc, name_bad_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers");
	tcase_add_test(tc, int_accepts);
	tcase_add_test(tc, int_refuses);
	suite_add_tcase(s, tc);

	tc = tcase_create("dates");
	tcase_add_test(tc, date_accepts);
	tcase_add_loop_test(tc, date_refuses, 0, COUNT(date_bad));
	tcase_add_test(tc, date_of_birth);
	tcase_add_test(tc, date_iso);
	tcase_add_test(tc, date_to_iso);
	tcase_add_test(tc, date_compare_and_future);
	tcase_add_test(tc, age);
	suite_add_tcase(s, tc);

	tc = tcase_create("contact");
	tcase_add_loop_test(tc, email_accepts, 0, COUNT(email_good));
	tcase_add_loop_test(tc, email_refuses, 0, COUNT(email_bad));
	tcase_add_test(tc, email_empty);
	tcase_add_test(tc, email_lengths);
	tcase_add_loop_test(tc, phone_accepts, 0, COUNT(phone_good));
	tcase_add_loop_test(tc, phone_refuses, 0, COUNT(phone_bad));
	tcase_add_test(tc, phone_other_messages);
	suite_add_tcase(s, tc);

	tc = tcase_create("health");
	tcase_add_loop_test(tc, nhs_accepts, 0, COUNT(nhs_good));
	tcase_add_loop_test(tc, nhs_refuses, 0, COUNT(nhs_bad));
	tcase_add_loop_test(tc, ods_accepts, 0, COUNT(ods_good));
	tcase_add_loop_test(tc, ods_refuses, 0, COUNT(ods_bad));
	tcase_add_test(tc, ods_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("places");
	tcase_add_loop_test(tc, postcode_accepts, 0, COUNT(postcode_good));
	tcase_add_loop_test(tc, postcode_refuses, 0, COUNT(postcode_bad));
	tcase_add_test(tc, postcode_empty);
	tcase_add_loop_test(tc, la_accepts, 0, COUNT(la_good));
	tcase_add_loop_test(tc, la_refuses, 0, COUNT(la_bad));
	tcase_add_test(tc, la_empty);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(validate_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
