/* Unit tests of fcgi/name_fold.c: usernames folded as the directory compares them. The
 * spellings here are the ones the test stack's slapd matches to one entry (and not). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/name_fold.h"

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

static const char *fold(const char *typed)
{
	return name_fold(arena, typed, 200);
}

START_TEST(fold_case)
{
	ck_assert_str_eq(fold("AMIRA"), "amira");
	ck_assert_str_eq(fold("Amira"), "amira");
	ck_assert_str_eq(fold("amira"), "amira");
}
END_TEST

START_TEST(fold_full_width)
{
	ck_assert_str_eq(fold("ａｍｉｒａ"), "amira");
	ck_assert_str_eq(fold("ＡＭＩＲＡ"), "amira");
	ck_assert_str_eq(fold("ａｍİｒａ"), "amira");
}
END_TEST

START_TEST(fold_dotted_capital_i)
{
	/* İ lower-cases to a plain i (as slapd maps it); the dotless ı stays itself, and the
	 * directory does not match "amıra" to amira either */
	ck_assert_str_eq(fold("amİra"), "amira");
	ck_assert_str_ne(fold("amıra"), "amira");
}
END_TEST

START_TEST(fold_compatibility_and_composition)
{
	/* a ligature is two letters; e and a combining acute are one é */
	ck_assert_str_eq(fold("\xef\xac\x81"
			      "ona"),
			 "fiona");
	ck_assert_str_eq(fold("rene\xcc\x81"), "ren\xc3\xa9");
	ck_assert_str_eq(fold("REN\xc3\x89"), "ren\xc3\xa9");
}
END_TEST

START_TEST(fold_spaces)
{
	ck_assert_str_eq(fold("  amira  "), "amira");
	ck_assert_str_eq(fold("mary   jane"), "mary jane");
	/* an ideographic space is a space after NFKC */
	ck_assert_str_eq(fold("\xe3\x80\x80"
			      "amira"),
			 "amira");
	ck_assert_str_eq(fold("   "), "");
}
END_TEST

START_TEST(fold_not_utf8)
{
	/* a stray byte stands for U+FFFD: still a string, still stable */
	ck_assert_str_eq(fold("ab\xff"
			      "c"),
			 "ab\xef\xbf\xbd"
			 "c");
	ck_assert_str_eq(fold(""), "");
}
END_TEST

START_TEST(fold_cut_at_character)
{
	/* 150 two-byte letters are 300 bytes: cut to 200 without half a letter */
	char typed[301];
	for (int i = 0; i < 150; i++)
		memcpy(typed + 2 * i, "\xc3\xa9", 2);
	typed[300] = '\0';
	const char *folded = fold(typed);
	ck_assert_uint_eq(strlen(folded), 200);
	ck_assert_str_eq(name_fold(arena, "\xc3\xa9\xc3\xa9", 3), "\xc3\xa9");
}
END_TEST

START_TEST(fold_idempotent)
{
	const char *names[] = { "ＡＭＩＲＡ", "amİra", "  Mary  Jane ",
				"\xef\xac\x81"
				"ona" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		ck_assert_str_eq(fold(fold(names[i])), fold(names[i]));
}
END_TEST

static Suite *name_fold_suite(void)
{
	Suite *s = suite_create("name_fold");
	TCase *tc = tcase_create("fold");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fold_case);
	tcase_add_test(tc, fold_full_width);
	tcase_add_test(tc, fold_dotted_capital_i);
	tcase_add_test(tc, fold_compatibility_and_composition);
	tcase_add_test(tc, fold_spaces);
	tcase_add_test(tc, fold_not_utf8);
	tcase_add_test(tc, fold_cut_at_character);
	tcase_add_test(tc, fold_idempotent);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(name_fold_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
