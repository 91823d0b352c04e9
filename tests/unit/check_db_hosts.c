/* Referrals.Database.Hosts and Referrals.Listen: the list's forms and the failover order. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/db_hosts.h"

START_TEST(parses_names_ports_and_ipv6)
{
	struct db_hosts h;
	ck_assert(db_hosts_parse("127.0.0.11:3306, db2 [::1]:3307,[fe80::1]", &h));
	ck_assert_uint_eq(h.count, 4);
	ck_assert_str_eq(h.hosts[0].name, "127.0.0.11");
	ck_assert_uint_eq(h.hosts[0].port, 3306);
	ck_assert_str_eq(h.hosts[1].name, "db2");
	ck_assert_uint_eq(h.hosts[1].port, 0);
	ck_assert_str_eq(h.hosts[2].name, "::1");
	ck_assert_uint_eq(h.hosts[2].port, 3307);
	ck_assert_str_eq(h.hosts[3].name, "fe80::1");
	ck_assert_uint_eq(h.hosts[3].port, 0);
}
END_TEST

START_TEST(refuses_what_it_cannot_use)
{
	struct db_hosts h;
	ck_assert(!db_hosts_parse("", &h));
	ck_assert(!db_hosts_parse(" , ", &h));
	ck_assert(!db_hosts_parse(NULL, &h));
	ck_assert(!db_hosts_parse("a:0", &h));
	ck_assert(!db_hosts_parse("a:65536", &h));
	ck_assert(!db_hosts_parse("a:12x", &h));
	ck_assert(!db_hosts_parse("a:", &h));
	ck_assert(!db_hosts_parse(":3306", &h));
	ck_assert(!db_hosts_parse("::1:3306", &h)); /* IPv6 needs brackets */
	ck_assert(!db_hosts_parse("[::1", &h));
	ck_assert(!db_hosts_parse("[::1]3306", &h));
	ck_assert(!db_hosts_parse("a b c d e f g h i", &h)); /* more than DB_HOSTS_MAX */
	ck_assert(db_hosts_parse("a b c d e f g h", &h));
}
END_TEST

START_TEST(next_moves_on_and_wraps)
{
	struct db_hosts h;
	ck_assert(db_hosts_parse("a,b,c", &h));
	ck_assert_uint_eq(db_hosts_next(&h, 0), 1);
	ck_assert_uint_eq(db_hosts_next(&h, 1), 2);
	ck_assert_uint_eq(db_hosts_next(&h, 2), 0);
	ck_assert(db_hosts_parse("only", &h));
	ck_assert_uint_eq(db_hosts_next(&h, 0), 0);
}
END_TEST

static Suite *db_hosts_suite(void)
{
	Suite *s = suite_create("db_hosts");
	TCase *tc = tcase_create("hosts");
	tcase_add_test(tc, parses_names_ports_and_ipv6);
	tcase_add_test(tc, refuses_what_it_cannot_use);
	tcase_add_test(tc, next_moves_on_and_wraps);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(db_hosts_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
