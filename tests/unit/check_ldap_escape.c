/* Unit tests of the pure parts of fcgi/ldap_auth.c: escaping a username for a search
 * filter (RFC 4515) and the form DNs are compared in. No directory is needed. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/ldap_auth.h"

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

static const char *escape(const char *value)
{
	return ldap_filter_escape(arena, value);
}

static const char *normalise(const char *dn)
{
	return ldap_dn_normalise(arena, dn);
}

/* ---- ldap_filter_escape ---- */

START_TEST(escape_injection)
{
	/* the classic: a username that would widen the search to everyone */
	ck_assert_str_eq(escape("*)(uid=*"), "\\2a\\29\\28uid=\\2a");
	ck_assert_str_eq(escape("admin)(|(objectClass=*"), "admin\\29\\28|\\28objectClass=\\2a");
}
END_TEST

START_TEST(escape_rfc4515_examples)
{
	/* RFC 4515, section 4 */
	ck_assert_str_eq(escape("Parens R Us (for all your parenthetical needs)"),
			 "Parens R Us \\28for all your parenthetical needs\\29");
	ck_assert_str_eq(escape("*"), "\\2a");
	ck_assert_str_eq(escape("C:\\MyFile"), "C:\\5cMyFile");
	/* UTF-8 is allowed as it is in a filter string: "Lučić" */
	ck_assert_str_eq(escape("Lu\xc4\x8di\xc4\x87"), "Lu\xc4\x8di\xc4\x87");
}
END_TEST

START_TEST(escape_each_special)
{
	ck_assert_str_eq(escape("\\"), "\\5c");
	ck_assert_str_eq(escape("("), "\\28");
	ck_assert_str_eq(escape(")"), "\\29");
	ck_assert_str_eq(escape("*"), "\\2a");
	ck_assert_str_eq(escape("()"), "\\28\\29");
	ck_assert_str_eq(escape("\\\\"), "\\5c\\5c");
	/* an escape in the input is escaped again, not passed through as one */
	ck_assert_str_eq(escape("\\2a"), "\\5c2a");
	ck_assert_str_eq(escape("a*b(c)d\\e"), "a\\2ab\\28c\\29d\\5ce");
}
END_TEST

START_TEST(escape_plain_unchanged)
{
	const char *plain[] = {
		"",	   "ben",     "Ben.Smith-01", "ben_smith@example.org", "a b", "uid=ben",
		"O'Brien", "a&b|c!d", "Zo\xc3\xab",   "\xe2\x82\xac"
	};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		ck_assert_str_eq(escape(plain[i]), plain[i]);
}
END_TEST

START_TEST(escape_every_byte)
{
	/* every byte value alone: the four specials escaped, every other byte itself */
	for (int c = 1; c < 256; c++) {
		char value[2] = { (char)c, '\0' };
		const char *out = escape(value);
		if (c == '*' || c == '(' || c == ')' || c == '\\') {
			char want[4];
			static const char digits[] = "0123456789abcdef";
			want[0] = '\\';
			want[1] = digits[c >> 4];
			want[2] = digits[c & 0xf];
			want[3] = '\0';
			ck_assert_str_eq(out, want);
		} else {
			ck_assert_str_eq(out, value);
		}
	}
}
END_TEST

START_TEST(escape_long_value)
{
	/* the worst case, every byte tripled */
	size_t len = 5000;
	char *value = arena_alloc(arena, len + 1);
	memset(value, '*', len);
	value[len] = '\0';
	const char *out = escape(value);
	ck_assert_uint_eq(strlen(out), len * 3);
	for (size_t i = 0; i < len; i++)
		ck_assert_int_eq(memcmp(out + i * 3, "\\2a", 3), 0);
}
END_TEST

/* ---- ldap_dn_normalise ---- */

START_TEST(normalise_case)
{
	ck_assert_str_eq(normalise("CN=Referrals Admins,OU=Groups,DC=Example,DC=Org"),
			 "cn=referrals admins,ou=groups,dc=example,dc=org");
	ck_assert_str_eq(normalise("cn=already,dc=lower"), "cn=already,dc=lower");
}
END_TEST

START_TEST(normalise_spaces_around_separators)
{
	ck_assert_str_eq(normalise("cn=Ben, ou=People, dc=example"), "cn=ben,ou=people,dc=example");
	ck_assert_str_eq(normalise("cn=Ben ,ou=People ,dc=example"), "cn=ben,ou=people,dc=example");
	ck_assert_str_eq(normalise("cn = Ben , ou = People"), "cn=ben,ou=people");
	ck_assert_str_eq(normalise("cn   =   Ben   ,   ou=People"), "cn=ben,ou=people");
	ck_assert_str_eq(normalise("cn=Ben + uid=ben,dc=x"), "cn=ben+uid=ben,dc=x");
	ck_assert_str_eq(normalise("cn=Ben+ uid=ben ,dc=x"), "cn=ben+uid=ben,dc=x");
}
END_TEST

START_TEST(normalise_leading_trailing_spaces)
{
	ck_assert_str_eq(normalise("  cn=Ben,dc=x"), "cn=ben,dc=x");
	ck_assert_str_eq(normalise("cn=Ben,dc=x   "), "cn=ben,dc=x");
	ck_assert_str_eq(normalise("   cn=Ben,dc=x   "), "cn=ben,dc=x");
	ck_assert_str_eq(normalise("   "), "");
	ck_assert_str_eq(normalise(""), "");
}
END_TEST

START_TEST(normalise_keeps_inner_spaces)
{
	/* spaces inside a value are part of it */
	ck_assert_str_eq(normalise("cn=Referrals Admins,ou=Social Care,dc=x"),
			 "cn=referrals admins,ou=social care,dc=x");
}
END_TEST

START_TEST(normalise_same_group_two_spellings)
{
	/* what a directory returns and what an administrator typed in the config compare equal */
	const char *from_directory = normalise("cn=referrals-admins,ou=groups,dc=example,dc=org");
	const char *from_config = normalise(" CN=Referrals-Admins, OU=Groups, DC=Example, DC=Org ");
	ck_assert_str_eq(from_directory, from_config);
	ck_assert_str_ne(normalise("cn=referrals-admins,dc=org"),
			 normalise("cn=referrals-admin,dc=org"));
}
END_TEST

START_TEST(normalise_utf8_passes_through)
{
	ck_assert_str_eq(normalise("CN=Zo\xc3\xab,DC=X"), "cn=zo\xc3\xab,dc=x");
}
END_TEST

START_TEST(normalise_idempotent)
{
	const char *dns[] = { " CN = A , OU = B + UID = c ", "cn=a,dc=b", "A B , C", "  ,  ", "x" };
	for (size_t i = 0; i < sizeof dns / sizeof dns[0]; i++) {
		const char *once = normalise(dns[i]);
		ck_assert_str_eq(normalise(once), once);
	}
}
END_TEST

/* ---- regressions: bugs the tests found in fcgi/, fixed; each test fails without its fix ---- */

START_TEST(normalise_keeps_escaped_spaces)
{
	/* RFC 4514: "\," is a comma inside a value, so the space after it is the value's own;
	 * and an escaped trailing space is part of the value */
	ck_assert_str_eq(normalise("CN=Smith\\, John,DC=x"), "cn=smith\\, john,dc=x");
	ck_assert_str_ne(normalise("cn=Smith\\, John,dc=x"), normalise("cn=Smith\\,John,dc=x"));
	ck_assert_str_eq(normalise("cn=a\\ ,dc=x"), "cn=a\\ ,dc=x");
}
END_TEST

static Suite *ldap_escape_suite(void)
{
	Suite *s = suite_create("ldap_escape");

	TCase *tc = tcase_create("filter_escape");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, escape_injection);
	tcase_add_test(tc, escape_rfc4515_examples);
	tcase_add_test(tc, escape_each_special);
	tcase_add_test(tc, escape_plain_unchanged);
	tcase_add_test(tc, escape_every_byte);
	tcase_add_test(tc, escape_long_value);
	suite_add_tcase(s, tc);

	tc = tcase_create("dn_normalise");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, normalise_case);
	tcase_add_test(tc, normalise_spaces_around_separators);
	tcase_add_test(tc, normalise_leading_trailing_spaces);
	tcase_add_test(tc, normalise_keeps_inner_spaces);
	tcase_add_test(tc, normalise_same_group_two_spellings);
	tcase_add_test(tc, normalise_utf8_passes_through);
	tcase_add_test(tc, normalise_idempotent);
	suite_add_tcase(s, tc);

	tc = tcase_create("regressions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, normalise_keeps_escaped_spaces);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(ldap_escape_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
