/* Unit tests of organisation roles: the names a form may send (never the administrator flag),
 * the labels, the session's memberships with each one's highest role (session.c), the check
 * every lead's and manager's page makes (model/org_role.c), and the last-manager rule
 * (model/org_staff.c). */
#include <check.h>
#include <stdlib.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/http.h"
#include "../../fcgi/session.h"
#include "../../fcgi/model/org_role.h"
#include "../../fcgi/model/org_staff.h"

START_TEST(names_and_labels)
{
	enum org_role role = ORG_ROLE_STAFF;
	ck_assert(org_role_parse("manager", &role));
	ck_assert_int_eq(role, ORG_ROLE_MANAGER);
	ck_assert(org_role_parse("lead", &role));
	ck_assert_int_eq(role, ORG_ROLE_LEAD);
	ck_assert(org_role_parse("staff", &role));
	ck_assert_int_eq(role, ORG_ROLE_STAFF);
	static const char *const refused[] = {
		"admin", "administrator", "Manager", "2", "", " lead"
	};
	role = ORG_ROLE_LEAD;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		ck_assert_msg(!org_role_parse(refused[i], &role), "%s is not a role", refused[i]);
	ck_assert(!org_role_parse(NULL, &role));
	ck_assert_int_eq(role, ORG_ROLE_LEAD); /* left alone */
	ck_assert_str_eq(org_role_label(ORG_ROLE_STAFF), "Staff");
	ck_assert_str_eq(org_role_label(ORG_ROLE_LEAD), "Organisation lead");
	ck_assert_str_eq(org_role_label(ORG_ROLE_MANAGER), "Organisation manager");
	ck_assert_str_eq(org_role_name(ORG_ROLE_MANAGER), "manager");
}
END_TEST

START_TEST(memberships_with_their_highest_role)
{
	struct arena *arena = arena_new(4096);
	struct session session = { 0 };
	/* 3: a manual manager row and a directory staff row; 7: lead; 12: staff */
	sess_parse_memberships(arena, "3:2,3:0,7:1,12:0", &session);
	ck_assert_uint_eq(session.member_of_count, 3);
	enum org_role role;
	ck_assert(sess_member_role(&session, 3, &role));
	ck_assert_int_eq(role, ORG_ROLE_MANAGER);
	ck_assert(sess_member_role(&session, 7, &role));
	ck_assert_int_eq(role, ORG_ROLE_LEAD);
	ck_assert(sess_member_role(&session, 12, &role));
	ck_assert_int_eq(role, ORG_ROLE_STAFF);
	ck_assert(!sess_member_role(&session, 5, &role));
	/* no memberships; a role out of range counts as staff */
	sess_parse_memberships(arena, "", &session);
	ck_assert_uint_eq(session.member_of_count, 0);
	sess_parse_memberships(arena, "4:9", &session);
	ck_assert(sess_member_role(&session, 4, &role));
	ck_assert_int_eq(role, ORG_ROLE_STAFF);
	arena_free(arena);
}
END_TEST

START_TEST(allows_by_role_and_administrator)
{
	struct arena *arena = arena_new(4096);
	struct session session = { 0 };
	sess_parse_memberships(arena, "3:2,7:1,12:0", &session);
	struct request req = { 0 };
	ck_assert(!org_role_allows(&req, 3, ORG_ROLE_STAFF)); /* signed out */
	req.session = &session;
	ck_assert(org_role_allows(&req, 3, ORG_ROLE_MANAGER));
	ck_assert(org_role_allows(&req, 3, ORG_ROLE_LEAD)); /* a manager may what a lead may */
	ck_assert(org_role_allows(&req, 7, ORG_ROLE_LEAD));
	ck_assert(!org_role_allows(&req, 7, ORG_ROLE_MANAGER));
	ck_assert(org_role_allows(&req, 12, ORG_ROLE_STAFF));
	ck_assert(!org_role_allows(&req, 12, ORG_ROLE_LEAD));
	ck_assert(!org_role_allows(&req, 99, ORG_ROLE_STAFF)); /* another organisation */
	session.is_admin = true;
	ck_assert(org_role_allows(&req, 99, ORG_ROLE_MANAGER));
	ck_assert(!org_role_allows(&req, 0, ORG_ROLE_STAFF)); /* no organisation at all */
	arena_free(arena);
}
END_TEST

START_TEST(keeps_a_manager)
{
	const enum org_role two[] = { ORG_ROLE_MANAGER, ORG_ROLE_STAFF, ORG_ROLE_MANAGER };
	ck_assert(org_staff_keeps_manager(two, 3, 0, ORG_ROLE_STAFF));
	ck_assert(org_staff_keeps_manager(two, 3, 2, -1));
	const enum org_role one[] = { ORG_ROLE_LEAD, ORG_ROLE_MANAGER, ORG_ROLE_STAFF };
	ck_assert(!org_staff_keeps_manager(one, 3, 1, ORG_ROLE_LEAD)); /* demoted */
	ck_assert(!org_staff_keeps_manager(one, 3, 1, -1));	       /* removed */
	ck_assert(org_staff_keeps_manager(one, 3, 1, ORG_ROLE_MANAGER));
	ck_assert(org_staff_keeps_manager(one, 3, 0, ORG_ROLE_STAFF)); /* someone else */
	ck_assert(org_staff_keeps_manager(one, 3, 3, ORG_ROLE_STAFF)); /* a new member */
	/* no manager before: no worse off */
	const enum org_role none[] = { ORG_ROLE_LEAD, ORG_ROLE_STAFF };
	ck_assert(org_staff_keeps_manager(none, 2, 0, -1));
	ck_assert(org_staff_keeps_manager(NULL, 0, 0, ORG_ROLE_STAFF));
}
END_TEST

static Suite *org_role_suite(void)
{
	Suite *s = suite_create("org_role");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, names_and_labels);
	tcase_add_test(tc, memberships_with_their_highest_role);
	tcase_add_test(tc, allows_by_role_and_administrator);
	tcase_add_test(tc, keeps_a_manager);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(org_role_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
