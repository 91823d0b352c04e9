/* Unit tests of fcgi/match_rank.c: which criteria count as a specific match, and the order:
 * more specific criteria first, then the most free places (no limit the most), then name. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/match_rank.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { HOUSING = 1, DEBT = 2, FEMALE = 11, MALE = 12, LEEDS = 101, YORK = 103, SENDER = 500 };

static const long long housing[] = { HOUSING };
static const long long women[] = { FEMALE };
static const long long leeds[] = { LEEDS };
static const long long sender[] = { SENDER };

/* Accepts everyone on every criterion, for housing, no capacity limit. */
static struct elig_org everyone(void)
{
	return (struct elig_org){ .active = true,
				  .accepting = true,
				  .capacity = -1,
				  .issue_ids = housing,
				  .issue_count = COUNT(housing),
				  .min_age = -1,
				  .max_age = -1,
				  .all_genders = true,
				  .all_local_authorities = true };
}

static const struct elig_client woman_in_leeds = { 30, FEMALE, LEEDS, SENDER, 0 };

START_TEST(specific_criteria)
{
	struct elig_org org = everyone();
	ck_assert_uint_eq(match_specific(&org, HOUSING, &woman_in_leeds), MATCH_ISSUE);
	ck_assert_uint_eq(match_specific(&org, DEBT, &woman_in_leeds), 0);
	org.all_genders = false;
	org.gender_ids = women;
	org.gender_count = 1;
	org.all_local_authorities = false;
	org.local_authority_ids = leeds;
	org.local_authority_count = 1;
	org.min_age = 18;
	org.chosen_senders_only = true;
	org.sender_ids = sender;
	org.sender_count = 1;
	ck_assert_uint_eq(match_specific(&org, HOUSING, &woman_in_leeds),
			  MATCH_ISSUE | MATCH_SENDER | MATCH_GENDER | MATCH_LOCAL_AUTHORITY |
				  MATCH_AGE);
	/* a specific criterion the client falls outside of is no match */
	struct elig_client man_in_york_aged_12 = { 12, MALE, YORK, 600, 0 };
	ck_assert_uint_eq(match_specific(&org, HOUSING, &man_in_york_aged_12), MATCH_ISSUE);
	/* an upper limit alone is an age range too */
	org.min_age = -1;
	org.max_age = 25;
	ck_assert_uint_eq(match_specific(&org, HOUSING, &man_in_york_aged_12),
			  MATCH_ISSUE | MATCH_AGE);
}
END_TEST

static struct match_rank rank(unsigned specific, long long free, const char *name)
{
	return (struct match_rank){ specific, free, name };
}

START_TEST(more_specific_first)
{
	struct match_rank gender = rank(MATCH_ISSUE | MATCH_GENDER, 0, "Zeta");
	struct match_rank plain = rank(MATCH_ISSUE, MATCH_NO_LIMIT, "Alpha");
	ck_assert_int_lt(match_rank_compare(&gender, &plain), 0);
	ck_assert_int_gt(match_rank_compare(&plain, &gender), 0);
	/* the number of criteria counts, not which */
	struct match_rank two = rank(MATCH_ISSUE | MATCH_AGE | MATCH_SENDER, 1, "B");
	struct match_rank other_two =
		rank(MATCH_ISSUE | MATCH_GENDER | MATCH_LOCAL_AUTHORITY, 1, "A");
	ck_assert_int_gt(match_rank_compare(&two, &other_two), 0); /* tie: by name */
}
END_TEST

START_TEST(ties_by_free_places_then_name)
{
	struct match_rank roomy = rank(MATCH_ISSUE, 10, "Zeta");
	struct match_rank tight = rank(MATCH_ISSUE, 2, "Alpha");
	struct match_rank unlimited = rank(MATCH_ISSUE, MATCH_NO_LIMIT, "Omega");
	ck_assert_int_lt(match_rank_compare(&roomy, &tight), 0);
	ck_assert_int_lt(match_rank_compare(&unlimited, &roomy), 0);
	ck_assert_int_gt(match_rank_compare(&tight, &unlimited), 0);
	struct match_rank alpha = rank(MATCH_ISSUE, 3, "alpha");
	struct match_rank beta = rank(MATCH_ISSUE, 3, "Beta");
	ck_assert_int_lt(match_rank_compare(&alpha, &beta), 0); /* without case */
	ck_assert_int_eq(match_rank_compare(&alpha, &alpha), 0);
	struct match_rank u1 = rank(MATCH_ISSUE, MATCH_NO_LIMIT, "A");
	struct match_rank u2 = rank(MATCH_ISSUE, MATCH_NO_LIMIT, "B");
	ck_assert_int_lt(match_rank_compare(&u1, &u2), 0);
}
END_TEST

START_TEST(rank_of_counts_free_places)
{
	struct elig_org org = everyone();
	org.capacity = 10;
	org.open_referrals = 4;
	struct match_rank r = match_rank_of(&org, "X", HOUSING, &woman_in_leeds);
	ck_assert_int_eq(r.free, 6);
	org.open_referrals = 12; /* over (a change of capacity): none free, not negative */
	ck_assert_int_eq(match_rank_of(&org, "X", HOUSING, &woman_in_leeds).free, 0);
	org.capacity = -1;
	ck_assert_int_eq(match_rank_of(&org, "X", HOUSING, &woman_in_leeds).free, MATCH_NO_LIMIT);
	ck_assert_str_eq(r.name, "X");
}
END_TEST

START_TEST(words)
{
	char out[256];
	ck_assert_uint_eq(match_describe(0, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	match_describe(MATCH_GENDER, out, sizeof out);
	ck_assert_str_eq(out, "this gender");
	size_t n = match_describe(MATCH_ISSUE | MATCH_LOCAL_AUTHORITY | MATCH_AGE, out, sizeof out);
	ck_assert_str_eq(
		out, "this issue, this local authority and an age range that includes the client");
	ck_assert_uint_eq(n, strlen(out));
	char small[8];
	ck_assert_uint_eq(match_describe(MATCH_ISSUE | MATCH_GENDER, small, sizeof small),
			  strlen("this issue and this gender"));
	ck_assert_str_eq(small, "this is");
	ck_assert_uint_eq(match_describe(MATCH_SENDER, NULL, 0), strlen("your organisation"));
}
END_TEST

static Suite *match_rank_suite(void)
{
	Suite *s = suite_create("match_rank");
	TCase *tc = tcase_create("rank");
	tcase_add_test(tc, specific_criteria);
	tcase_add_test(tc, more_specific_first);
	tcase_add_test(tc, ties_by_free_places_then_name);
	tcase_add_test(tc, rank_of_counts_free_places);
	tcase_add_test(tc, words);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(match_rank_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
