/* Unit tests of fcgi/eligibility.c: each criterion alone, eligible and not, at its
 * boundaries; unknown genders and local authorities; every reason at once; and the words
 * staff read. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/eligibility.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum {
	HOUSING = 1,
	DEBT = 2,
	MENTAL_HEALTH = 3,
	FEMALE = 11,
	MALE = 12,
	NON_BINARY = 13,
	PREFER_NOT_TO_SAY = 15,
	LEEDS = 101,
	BRADFORD = 102,
	YORK = 103,
};

static const long long issues[] = { HOUSING, DEBT };
static const long long women_and_non_binary[] = { FEMALE, NON_BINARY };
static const long long leeds_and_bradford[] = { LEEDS, BRADFORD };

/* Takes anyone, for housing and debt, with no limits: each test changes one thing. */
static struct elig_org open_org(void)
{
	struct elig_org org = {
		.active = true,
		.accepting = true,
		.capacity = -1,
		.open_referrals = 40,
		.issue_ids = issues,
		.issue_count = COUNT(issues),
		.min_age = -1,
		.max_age = -1,
		.all_genders = true,
		.all_local_authorities = true,
	};
	return org;
}

static struct elig_client client(int age, long long gender, long long local_authority)
{
	struct elig_client c = { .age = age,
				 .gender_id = gender,
				 .local_authority_id = local_authority };
	return c;
}

static const struct elig_client adult = { .age = 30,
					  .gender_id = MALE,
					  .local_authority_id = LEEDS };

static const char *describe(unsigned reasons, const struct elig_org *org)
{
	static char out[512];
	size_t n = elig_describe(reasons, org, out, sizeof out);
	ck_assert_uint_eq(n, strlen(out));
	return out;
}

/* ---- each criterion alone ---- */

START_TEST(open_org_is_eligible)
{
	struct elig_org org = open_org();
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), 0);
	ck_assert_uint_eq(elig_check(&org, DEBT, &adult), 0);
	ck_assert_str_eq(describe(0, &org), "");
}
END_TEST

START_TEST(active)
{
	struct elig_org org = open_org();
	org.active = false;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_INACTIVE);
	ck_assert_str_eq(describe(ELIG_INACTIVE, &org), "Not active");
}
END_TEST

START_TEST(accepting)
{
	struct elig_org org = open_org();
	org.accepting = false;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_NOT_ACCEPTING);
	ck_assert_str_eq(describe(ELIG_NOT_ACCEPTING, &org),
			 "Not accepting referrals at the moment");
}
END_TEST

START_TEST(capacity)
{
	struct elig_org org = open_org();
	org.capacity = 12;
	org.open_referrals = 11; /* one place left: this referral takes it */
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), 0);
	org.open_referrals = 12;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_AT_CAPACITY);
	ck_assert_str_eq(describe(ELIG_AT_CAPACITY, &org), "Full: 12 of 12 open referrals");
	org.open_referrals = 14; /* the limit was lowered below what is open */
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_AT_CAPACITY);
	ck_assert_str_eq(describe(ELIG_AT_CAPACITY, &org), "Full: 14 of 12 open referrals");
	org.open_referrals = 0;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), 0);
}
END_TEST

START_TEST(capacity_none_and_zero)
{
	struct elig_org org = open_org();
	org.capacity = -1; /* no limit, however many are open */
	org.open_referrals = 1000000;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), 0);
	org.capacity = 0; /* a limit of none: never offered */
	org.open_referrals = 0;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_AT_CAPACITY);
	ck_assert_str_eq(describe(ELIG_AT_CAPACITY, &org), "Full: 0 of 0 open referrals");
	org.capacity = 1;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), 0);
}
END_TEST

START_TEST(issue)
{
	struct elig_org org = open_org();
	ck_assert_uint_eq(elig_check(&org, MENTAL_HEALTH, &adult), ELIG_ISSUE_NOT_HANDLED);
	ck_assert_str_eq(describe(ELIG_ISSUE_NOT_HANDLED, &org), "Does not handle this issue");
	org.issue_ids = NULL; /* handles nothing */
	org.issue_count = 0;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_ISSUE_NOT_HANDLED);
}
END_TEST

START_TEST(age_range)
{
	struct elig_org org = open_org();
	org.min_age = 18;
	org.max_age = 65;
	struct elig_client c = adult;
	c.age = 18; /* both ends are included */
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	c.age = 65;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	c.age = 17;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_TOO_YOUNG);
	ck_assert_str_eq(describe(ELIG_TOO_YOUNG, &org), "Only accepts ages 18 to 65");
	c.age = 66;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_TOO_OLD);
	ck_assert_str_eq(describe(ELIG_TOO_OLD, &org), "Only accepts ages 18 to 65");
	c.age = 0; /* a baby */
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_TOO_YOUNG);
}
END_TEST

START_TEST(age_one_end)
{
	struct elig_org org = open_org();
	org.min_age = 18;
	struct elig_client c = adult;
	c.age = 105;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	c.age = 17;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_TOO_YOUNG);
	ck_assert_str_eq(describe(ELIG_TOO_YOUNG, &org), "Only accepts ages 18 and over");

	org = open_org();
	org.max_age = 25; /* a young people's service */
	c.age = 0;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	c.age = 25;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	c.age = 26;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_TOO_OLD);
	ck_assert_str_eq(describe(ELIG_TOO_OLD, &org), "Only accepts ages up to 25");

	org.min_age = 0; /* 0 is a limit, not "none" */
	c.age = 0;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	ck_assert_str_eq(describe(ELIG_TOO_OLD, &org), "Only accepts ages 0 to 25");
}
END_TEST

START_TEST(age_unknown)
{
	struct elig_org org = open_org();
	struct elig_client c = client(-1, MALE, LEEDS);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0); /* no limits: eligible */
	org.min_age = 18;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_TOO_YOUNG);
	org.max_age = 65;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_TOO_YOUNG | ELIG_TOO_OLD);
	/* one age phrase, not two */
	ck_assert_str_eq(describe(ELIG_TOO_YOUNG | ELIG_TOO_OLD, &org),
			 "Only accepts ages 18 to 65");
}
END_TEST

START_TEST(gender)
{
	struct elig_org org = open_org();
	org.all_genders = false;
	org.gender_ids = women_and_non_binary;
	org.gender_count = COUNT(women_and_non_binary);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_GENDER);
	ck_assert_str_eq(describe(ELIG_GENDER, &org), "Does not accept this gender");
	struct elig_client c = adult;
	c.gender_id = FEMALE;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	c.gender_id = NON_BINARY;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	/* the list is consulted only when all genders are not accepted */
	org.all_genders = true;
	c.gender_id = MALE;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
}
END_TEST

START_TEST(gender_unknown_and_prefer_not_to_say)
{
	struct elig_org org = open_org();
	struct elig_client unknown = client(30, 0, LEEDS);
	struct elig_client not_said = client(30, PREFER_NOT_TO_SAY, LEEDS);
	/* all genders: both are eligible */
	ck_assert_uint_eq(elig_check(&org, HOUSING, &unknown), 0);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &not_said), 0);
	/* some genders: unknown is not; "Prefer not to say" only when listed */
	org.all_genders = false;
	org.gender_ids = women_and_non_binary;
	org.gender_count = COUNT(women_and_non_binary);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &unknown), ELIG_GENDER);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &not_said), ELIG_GENDER);
	static const long long with_not_said[] = { FEMALE, PREFER_NOT_TO_SAY };
	org.gender_ids = with_not_said;
	org.gender_count = COUNT(with_not_said);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &not_said), 0);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &unknown), ELIG_GENDER);
	/* no genders listed and not all: nobody */
	org.gender_ids = NULL;
	org.gender_count = 0;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_GENDER);
}
END_TEST

START_TEST(local_authority)
{
	struct elig_org org = open_org();
	org.all_local_authorities = false;
	org.local_authority_ids = leeds_and_bradford;
	org.local_authority_count = COUNT(leeds_and_bradford);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), 0);
	struct elig_client c = client(30, MALE, BRADFORD);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	c.local_authority_id = YORK;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_LOCAL_AUTHORITY);
	ck_assert_str_eq(describe(ELIG_LOCAL_AUTHORITY, &org),
			 "Does not cover this local authority");
	org.all_local_authorities = true;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
}
END_TEST

START_TEST(local_authority_unknown)
{
	struct elig_org org = open_org();
	struct elig_client c = client(30, MALE, 0);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	org.all_local_authorities = false;
	org.local_authority_ids = leeds_and_bradford;
	org.local_authority_count = COUNT(leeds_and_bradford);
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_LOCAL_AUTHORITY);
	org.local_authority_ids = NULL;
	org.local_authority_count = 0;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_LOCAL_AUTHORITY);
}
END_TEST

/* ---- accepted senders (issue 13) ---- */

enum { TALKING_THERAPIES = 201, NHS_TRUST = 200, FOOD_BANK = 300, COUNCIL_TEAM = 401 };
static const long long trust_and_food_bank[] = { NHS_TRUST, FOOD_BANK };

START_TEST(senders_all_by_default)
{
	struct elig_org org = open_org();
	ck_assert(elig_sender_accepted(&org, FOOD_BANK, 0));
	ck_assert(elig_sender_accepted(&org, TALKING_THERAPIES, NHS_TRUST));
	ck_assert(elig_sender_accepted(&org, 0, 0)); /* unknown: all are accepted */
	struct elig_client c = adult;
	c.sender_org_id = COUNCIL_TEAM;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
}
END_TEST

START_TEST(senders_chosen)
{
	struct elig_org org = open_org();
	org.chosen_senders_only = true;
	org.sender_ids = trust_and_food_bank;
	org.sender_count = COUNT(trust_and_food_bank);
	/* listed */
	ck_assert(elig_sender_accepted(&org, FOOD_BANK, 0));
	ck_assert(elig_sender_accepted(&org, NHS_TRUST, 0));
	/* a team of a listed parent */
	ck_assert(elig_sender_accepted(&org, TALKING_THERAPIES, NHS_TRUST));
	/* neither it nor its parent listed; no parent; unknown */
	ck_assert(!elig_sender_accepted(&org, COUNCIL_TEAM, 400));
	ck_assert(!elig_sender_accepted(&org, COUNCIL_TEAM, 0));
	ck_assert(!elig_sender_accepted(&org, 0, 0));
	/* a listed team does not bring in its parent */
	static const long long team_only[] = { TALKING_THERAPIES };
	org.sender_ids = team_only;
	org.sender_count = COUNT(team_only);
	ck_assert(!elig_sender_accepted(&org, NHS_TRUST, 0));
	/* chosen, none listed: nobody */
	org.sender_count = 0;
	org.sender_ids = NULL;
	ck_assert(!elig_sender_accepted(&org, FOOD_BANK, 0));
}
END_TEST

START_TEST(senders_in_check_and_words)
{
	struct elig_org org = open_org();
	org.chosen_senders_only = true;
	org.sender_ids = trust_and_food_bank;
	org.sender_count = COUNT(trust_and_food_bank);
	org.sender_name = "Eastbrook NHS Talking Therapies";
	struct elig_client c = adult;
	c.sender_org_id = TALKING_THERAPIES;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), ELIG_SENDER);
	ck_assert_str_eq(describe(ELIG_SENDER, &org),
			 "Does not accept referrals from Eastbrook NHS Talking Therapies");
	c.sender_parent_id = NHS_TRUST;
	ck_assert_uint_eq(elig_check(&org, HOUSING, &c), 0);
	/* the last reason, after the others */
	org.accepting = false;
	c.sender_parent_id = 0;
	ck_assert_str_eq(describe(elig_check(&org, HOUSING, &c), &org),
			 "Not accepting referrals at the moment; "
			 "Does not accept referrals from Eastbrook NHS Talking Therapies");
}
END_TEST

START_TEST(paused_words)
{
	struct elig_org org = open_org();
	org.accepting = false;
	org.paused_reason = "staff shortage";
	org.paused_until = "3 March 2027";
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), ELIG_NOT_ACCEPTING);
	ck_assert_str_eq(describe(ELIG_NOT_ACCEPTING, &org),
			 "Paused until 3 March 2027: staff shortage");
	org.paused_until = NULL;
	ck_assert_str_eq(describe(ELIG_NOT_ACCEPTING, &org), "Paused: staff shortage");
}
END_TEST

/* ---- combined ---- */

START_TEST(every_reason_at_once)
{
	struct elig_org org = {
		.active = false,
		.accepting = false,
		.capacity = 5,
		.open_referrals = 5,
		.issue_ids = issues,
		.issue_count = COUNT(issues),
		.min_age = 18,
		.max_age = 25,
		.all_genders = false,
		.gender_ids = women_and_non_binary,
		.gender_count = COUNT(women_and_non_binary),
		.all_local_authorities = false,
		.local_authority_ids = leeds_and_bradford,
		.local_authority_count = COUNT(leeds_and_bradford),
	};
	struct elig_client c = client(40, MALE, YORK);
	unsigned reasons = elig_check(&org, MENTAL_HEALTH, &c);
	ck_assert_uint_eq(reasons, ELIG_INACTIVE | ELIG_NOT_ACCEPTING | ELIG_AT_CAPACITY |
					   ELIG_ISSUE_NOT_HANDLED | ELIG_TOO_OLD | ELIG_GENDER |
					   ELIG_LOCAL_AUTHORITY);
	ck_assert_str_eq(describe(reasons, &org),
			 "Not active; Not accepting referrals at the moment; "
			 "Full: 5 of 5 open referrals; Does not handle this issue; "
			 "Only accepts ages 18 to 25; Does not accept this gender; "
			 "Does not cover this local authority");
	c.age = 10;
	ck_assert_uint_eq(elig_check(&org, MENTAL_HEALTH, &c) & (ELIG_TOO_YOUNG | ELIG_TOO_OLD),
			  ELIG_TOO_YOUNG);
}
END_TEST

START_TEST(some_reasons)
{
	struct elig_org org = open_org();
	org.accepting = false;
	org.capacity = 12;
	org.open_referrals = 12;
	unsigned reasons = elig_check(&org, DEBT, &adult);
	ck_assert_uint_eq(reasons, ELIG_NOT_ACCEPTING | ELIG_AT_CAPACITY);
	ck_assert_str_eq(describe(reasons, &org),
			 "Not accepting referrals at the moment; Full: 12 of 12 open referrals");

	/* eligible for one issue and not another: the same organisation, per issue */
	org = open_org();
	ck_assert_uint_eq(elig_check(&org, HOUSING, &adult), 0);
	ck_assert_uint_eq(elig_check(&org, MENTAL_HEALTH, &adult), ELIG_ISSUE_NOT_HANDLED);
}
END_TEST

/* ---- descriptions ---- */

START_TEST(describe_cut_short)
{
	struct elig_org org = open_org();
	const char *whole = "Not active; Does not handle this issue";
	unsigned reasons = ELIG_INACTIVE | ELIG_ISSUE_NOT_HANDLED;
	char out[16];
	size_t n = elig_describe(reasons, &org, out, sizeof out);
	ck_assert_uint_eq(n, strlen(whole)); /* what it needs, as snprintf */
	ck_assert_str_eq(out, "Not active; Doe");
	char tiny[1] = "x";
	ck_assert_uint_eq(elig_describe(reasons, &org, tiny, sizeof tiny), strlen(whole));
	ck_assert_str_eq(tiny, "");
	ck_assert_uint_eq(elig_describe(reasons, &org, NULL, 0), strlen(whole));
	char exact[64];
	ck_assert_uint_eq(elig_describe(reasons, &org, exact, strlen(whole) + 1), strlen(whole));
	ck_assert_str_eq(exact, whole);
}
END_TEST

START_TEST(describe_ignores_unknown_bits)
{
	struct elig_org org = open_org();
	ck_assert_str_eq(describe(1u << 20, &org), "");
	ck_assert_str_eq(describe(ELIG_GENDER | 1u << 31, &org), "Does not accept this gender");
}
END_TEST

START_TEST(reason_names)
{
	ck_assert_str_eq(elig_reason_names[0], "inactive");
	ck_assert_str_eq(elig_reason_names[ELIG_REASON_COUNT - 2], "local_authority");
	ck_assert_str_eq(elig_reason_names[ELIG_REASON_COUNT - 1], "sender");
	/* the count covers every reason */
	ck_assert_uint_eq(1u << (ELIG_REASON_COUNT - 1), ELIG_SENDER);
	for (size_t i = 0; i < ELIG_REASON_COUNT; i++)
		ck_assert_ptr_nonnull(elig_reason_names[i]);
}
END_TEST

static Suite *eligibility_suite(void)
{
	Suite *s = suite_create("eligibility");

	TCase *tc = tcase_create("criteria");
	tcase_add_test(tc, open_org_is_eligible);
	tcase_add_test(tc, active);
	tcase_add_test(tc, accepting);
	tcase_add_test(tc, capacity);
	tcase_add_test(tc, capacity_none_and_zero);
	tcase_add_test(tc, issue);
	tcase_add_test(tc, age_range);
	tcase_add_test(tc, age_one_end);
	tcase_add_test(tc, age_unknown);
	tcase_add_test(tc, gender);
	tcase_add_test(tc, gender_unknown_and_prefer_not_to_say);
	tcase_add_test(tc, local_authority);
	tcase_add_test(tc, local_authority_unknown);
	tcase_add_test(tc, senders_all_by_default);
	tcase_add_test(tc, senders_chosen);
	tcase_add_test(tc, senders_in_check_and_words);
	tcase_add_test(tc, paused_words);
	suite_add_tcase(s, tc);

	tc = tcase_create("combined");
	tcase_add_test(tc, every_reason_at_once);
	tcase_add_test(tc, some_reasons);
	suite_add_tcase(s, tc);

	tc = tcase_create("descriptions");
	tcase_add_test(tc, describe_cut_short);
	tcase_add_test(tc, describe_ignores_unknown_bits);
	tcase_add_test(tc, reason_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(eligibility_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
