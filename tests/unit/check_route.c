/* Unit tests of route matching (fcgi/route.c) on a small table of its own, and of the
 * application's table (fcgi/routes.c): it compiles, and its pages need the right roles. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <check.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/route.h"

/* Dummy handlers: the tests compare which one was found, never call them. */
static void root_page(struct request *req)
{
}
static void signin_form(struct request *req)
{
}
static void signin_submit(struct request *req)
{
}
static void item_page(struct request *req)
{
}
static void item_delete(struct request *req)
{
}
static void note_add(struct request *req)
{
}
static void tags_page(struct request *req)
{
}
static void cafe_page(struct request *req)
{
}
static void test_only_page(struct request *req)
{
}

static const struct route table[] = {
	{ HTTP_GET, "/", ROLE_STAFF, root_page, ROUTE_PAGE },
	{ HTTP_GET, "/signin", ROLE_PUBLIC, signin_form, ROUTE_PAGE },
	{ HTTP_POST, "/signin", ROLE_PUBLIC, signin_submit, ROUTE_PAGE },
	{ HTTP_GET, "/items/([0-9]+)", ROLE_STAFF, item_page, ROUTE_PAGE },
	{ HTTP_DELETE, "/items/([0-9]+)", ROLE_ADMIN, item_delete, ROUTE_PAGE },
	{ HTTP_POST, "/items/([0-9]+)/notes/([a-z]+)", ROLE_STAFF, note_add, ROUTE_PAGE },
	{ HTTP_GET, "/tags(?:/([a-z]+))?", ROLE_PUBLIC, tags_page, ROUTE_PAGE },
	{ HTTP_GET, "/caf\xc3\xa9", ROLE_PUBLIC, cafe_page, ROUTE_PAGE },
	{ HTTP_GET, "/_test/thing", ROLE_ANYONE, test_only_page, ROUTE_TESTING_ONLY },
};
static const size_t table_count = sizeof table / sizeof table[0];

static struct arena *arena;
static struct router *router;
static const struct route *found;
static const char *captures[ROUTE_MAX_CAPTURES];
static const char *allow;

static void setup(void)
{
	arena = arena_new(4096);
	router = router_new(table, table_count, false);
	found = NULL;
	allow = NULL;
	for (int i = 0; i < ROUTE_MAX_CAPTURES; i++)
		captures[i] = "untouched";
}

static void teardown(void)
{
	router_free(router);
	router = NULL;
	arena_free(arena);
	arena = NULL;
}

static enum route_result match(enum http_method method, const char *path)
{
	return router_match(router, arena, method, path, &found, captures, &allow);
}

START_TEST(exact_match)
{
	ck_assert_int_eq(match(HTTP_GET, "/"), ROUTE_FOUND);
	ck_assert_ptr_eq(found, &table[0]);
	ck_assert_ptr_eq(found->handler, root_page);
	ck_assert_int_eq(found->role, ROLE_STAFF);

	ck_assert_int_eq(match(HTTP_GET, "/signin"), ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, signin_form);
	ck_assert_int_eq(match(HTTP_POST, "/signin"), ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, signin_submit);
}
END_TEST

START_TEST(no_captures_are_null)
{
	ck_assert_int_eq(match(HTTP_GET, "/signin"), ROUTE_FOUND);
	for (int i = 0; i < ROUTE_MAX_CAPTURES; i++)
		ck_assert_ptr_null(captures[i]);
}
END_TEST

START_TEST(captures_copied_out)
{
	char path[] = "/items/42";
	ck_assert_int_eq(match(HTTP_GET, path), ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, item_page);
	ck_assert_str_eq(captures[0], "42");
	ck_assert_ptr_null(captures[1]);
	/* a copy in the arena, not a pointer into the path */
	memset(path, 'x', sizeof path - 1);
	ck_assert_str_eq(captures[0], "42");
}
END_TEST

START_TEST(two_captures)
{
	ck_assert_int_eq(match(HTTP_POST, "/items/7/notes/urgent"), ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, note_add);
	ck_assert_str_eq(captures[0], "7");
	ck_assert_str_eq(captures[1], "urgent");
	ck_assert_ptr_null(captures[2]);
	ck_assert_ptr_null(captures[3]);
}
END_TEST

START_TEST(optional_group)
{
	ck_assert_int_eq(match(HTTP_GET, "/tags"), ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, tags_page);
	ck_assert_ptr_null(captures[0]);
	ck_assert_int_eq(match(HTTP_GET, "/tags/red"), ROUTE_FOUND);
	ck_assert_str_eq(captures[0], "red");
}
END_TEST

START_TEST(utf8_path)
{
	ck_assert_int_eq(match(HTTP_GET, "/caf\xc3\xa9"), ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, cafe_page);
}
END_TEST

START_TEST(head_matches_get)
{
	ck_assert_int_eq(match(HTTP_HEAD, "/signin"), ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, signin_form);
	ck_assert_int_eq(match(HTTP_HEAD, "/items/9"), ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, item_page);
	ck_assert_str_eq(captures[0], "9");
}
END_TEST

START_TEST(head_without_get)
{
	/* HEAD is GET without the body: a POST-only path does not take it */
	ck_assert_int_eq(match(HTTP_HEAD, "/items/1/notes/a"), ROUTE_WRONG_METHOD);
	ck_assert_str_eq(allow, "POST");
}
END_TEST

START_TEST(wrong_method)
{
	ck_assert_int_eq(match(HTTP_PUT, "/signin"), ROUTE_WRONG_METHOD);
	ck_assert_str_eq(allow, "GET, HEAD, POST");

	allow = NULL;
	ck_assert_int_eq(match(HTTP_POST, "/items/3"), ROUTE_WRONG_METHOD);
	ck_assert_str_eq(allow, "GET, HEAD, DELETE");

	allow = NULL;
	ck_assert_int_eq(match(HTTP_GET, "/items/3/notes/x"), ROUTE_WRONG_METHOD);
	ck_assert_str_eq(allow, "POST");

	allow = NULL;
	ck_assert_int_eq(match(HTTP_OTHER, "/"), ROUTE_WRONG_METHOD);
	ck_assert_str_eq(allow, "GET, HEAD");
}
END_TEST

/* The pipeline answers a wrong method in the path's own format (a JSON route's error is
 * JSON): the first route of the path comes back, for its flags. */
START_TEST(wrong_method_names_the_path_route)
{
	ck_assert_int_eq(match(HTTP_POST, "/items/3"), ROUTE_WRONG_METHOD);
	ck_assert_ptr_nonnull(found);
	ck_assert_ptr_eq(found->handler, item_page);
	found = NULL;
	ck_assert_int_eq(match(HTTP_GET, "/nowhere"), ROUTE_NOT_FOUND);
	ck_assert_ptr_null(found);
}
END_TEST

static const char *const unknown_paths[] = {
	"",
	"/nope",
	"/signinX",
	"/x/signin",
	"/signin/",
	"//signin",
	"/signin?x=1",
	"/signin\n",
	"/SIGNIN",
	"/items/",
	"/items/12a",
	"/items/a12",
	"/items/1/notes/",
	"/items/1/notes/UP",
	"/tags/",
	"/tags/red/blue",
	"/cafe",
	"/_test/thing", /* testing_only, and this router was made without testing */
	"signin",
	" /signin",
};

START_TEST(not_found)
{
	const char *path = unknown_paths[_i];
	ck_assert_msg(match(HTTP_GET, path) == ROUTE_NOT_FOUND, "\"%s\" matched", path);
	ck_assert_msg(match(HTTP_POST, path) == ROUTE_NOT_FOUND, "\"%s\" matched POST", path);
}
END_TEST

START_TEST(testing_routes_only_when_testing)
{
	ck_assert_int_eq(match(HTTP_GET, "/_test/thing"), ROUTE_NOT_FOUND);

	struct router *testing = router_new(table, table_count, true);
	ck_assert_int_eq(
		router_match(testing, arena, HTTP_GET, "/_test/thing", &found, captures, &allow),
		ROUTE_FOUND);
	ck_assert_ptr_eq(found->handler, test_only_page);
	/* and the rest of the table is still there */
	ck_assert_int_eq(
		router_match(testing, arena, HTTP_GET, "/signin", &found, captures, &allow),
		ROUTE_FOUND);
	router_free(testing);
}
END_TEST

static const char *const invalid_utf8_paths[] = {
	"/caf\xc3",	       /* cut short */
	"/caf\xc3\x28",	       /* not a continuation */
	"/\xff",	       /* never valid */
	"/items/\xed\xa0\x80", /* surrogate */
	"/signin\xc0\xaf",     /* overlong '/' */
	"/\xc0\xaf\x73ignin",  /* "/" overlong, then "signin" */
	"/items/1\x80",
};

START_TEST(invalid_utf8_not_found)
{
	const char *path = invalid_utf8_paths[_i];
	ck_assert_int_eq(match(HTTP_GET, path), ROUTE_NOT_FOUND);
	ck_assert_int_eq(match(HTTP_HEAD, path), ROUTE_NOT_FOUND);
	ck_assert_int_eq(match(HTTP_POST, path), ROUTE_NOT_FOUND);
}
END_TEST

START_TEST(router_reused)
{
	/* one router serves every request of a worker: results do not leak between calls */
	for (int i = 0; i < 1000; i++) {
		char *path = arena_printf(arena, "/items/%d", i);
		ck_assert_int_eq(match(HTTP_GET, path), ROUTE_FOUND);
		ck_assert_str_eq(captures[0], arena_printf(arena, "%d", i));
		ck_assert_int_eq(match(HTTP_GET, "/nope"), ROUTE_NOT_FOUND);
		ck_assert_int_eq(match(HTTP_GET, "/tags"), ROUTE_FOUND);
		ck_assert_ptr_null(captures[0]);
		arena_reset(arena);
	}
}
END_TEST

START_TEST(empty_table)
{
	struct router *empty = router_new(table, 0, true);
	ck_assert_int_eq(router_match(empty, arena, HTTP_GET, "/", &found, captures, &allow),
			 ROUTE_NOT_FOUND);
	router_free(empty);
	router_free(NULL);
}
END_TEST

/* ---- the application's table ---- */

static struct router *app_router;

static void app_setup(void)
{
	arena = arena_new(4096);
	app_router = router_new(app_routes, app_route_count, true);
}

static void app_teardown(void)
{
	router_free(app_router);
	app_router = NULL;
	arena_free(arena);
	arena = NULL;
}

static const struct route *app_match(struct router *r, enum http_method method, const char *path)
{
	found = NULL;
	if (router_match(r, arena, method, path, &found, captures, &allow) != ROUTE_FOUND)
		return NULL;
	return found;
}

START_TEST(app_table_well_formed)
{
	ck_assert_uint_gt(app_route_count, 0);
	for (size_t i = 0; i < app_route_count; i++) {
		const struct route *r = &app_routes[i];
		ck_assert_msg(r->handler != NULL, "route %zu (%s) has no handler", i, r->pattern);
		ck_assert_msg(r->pattern != NULL && r->pattern[0] == '/',
			      "route %zu pattern must start with '/'", i);
		ck_assert_msg(r->method == HTTP_GET || r->method == HTTP_POST,
			      "route %zu (%s): a page is GET or POST", i, r->pattern);
		ck_assert_int_le(r->role, ROLE_ADMIN);
		/* the test pages render whatever they are asked to: never outside the test stack */
		if (strncmp(r->pattern, "/_test/", 7) == 0)
			ck_assert_msg(r->flags & ROUTE_TESTING_ONLY, "%s must be testing_only",
				      r->pattern);
		/* administration is for administrators, whoever adds the next page */
		if (strncmp(r->pattern, "/admin", 6) == 0 &&
		    (r->pattern[6] == '\0' || r->pattern[6] == '/'))
			ck_assert_msg(r->role == ROLE_ADMIN, "%s must need ROLE_ADMIN", r->pattern);
		/* router_match copies out ROUTE_MAX_CAPTURES groups; more would be lost */
		int error;
		PCRE2_SIZE offset;
		pcre2_code *code = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
						 PCRE2_UTF, &error, &offset, NULL);
		ck_assert_msg(code != NULL, "%s does not compile", r->pattern);
		uint32_t groups = 0;
		pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
		pcre2_code_free(code);
		ck_assert_msg(groups <= ROUTE_MAX_CAPTURES, "%s has %u groups", r->pattern,
			      (unsigned)groups);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(app_routes[j].method != r->method ||
					      strcmp(app_routes[j].pattern, r->pattern) != 0,
				      "route %s is in the table twice", r->pattern);
	}
}
END_TEST

START_TEST(app_table_compiles)
{
	/* router_new aborts on a pattern PCRE2 refuses; without testing too */
	ck_assert_ptr_nonnull(app_router);
	struct router *production = router_new(app_routes, app_route_count, false);
	ck_assert_ptr_nonnull(production);
	router_free(production);
}
END_TEST

START_TEST(app_pages)
{
	const struct route *r = app_match(app_router, HTTP_GET, "/");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->role, ROLE_STAFF);

	r = app_match(app_router, HTTP_GET, "/signin");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->role, ROLE_PUBLIC);
	r = app_match(app_router, HTTP_POST, "/signin");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->role, ROLE_PUBLIC);
	ck_assert_ptr_ne(r->handler, app_match(app_router, HTTP_GET, "/signin")->handler);

	/* health checks must not depend on sessions (nor on the database a session needs) */
	r = app_match(app_router, HTTP_GET, "/health");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->role, ROLE_ANYONE);
	r = app_match(app_router, HTTP_HEAD, "/health");
	ck_assert_ptr_nonnull(r);
	r = app_match(app_router, HTTP_GET, "/ping");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->role, ROLE_ANYONE);

	r = app_match(app_router, HTTP_POST, "/signout");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_ge(r->role, ROLE_SIGNED_IN);

	r = app_match(app_router, HTTP_POST, "/organisation");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_ge(r->role, ROLE_SIGNED_IN);
}
END_TEST

START_TEST(app_state_changes_are_post_only)
{
	/* sign-out and switching organisation change state: a link (GET) must not do it */
	ck_assert_int_eq(
		router_match(app_router, arena, HTTP_GET, "/signout", &found, captures, &allow),
		ROUTE_WRONG_METHOD);
	ck_assert_str_eq(allow, "POST");
	ck_assert_int_eq(router_match(app_router, arena, HTTP_GET, "/organisation", &found,
				      captures, &allow),
			 ROUTE_WRONG_METHOD);
	ck_assert_str_eq(allow, "POST");
}
END_TEST

START_TEST(app_admin_pages)
{
	const struct route *r = app_match(app_router, HTTP_GET, "/admin");
	if (r == NULL)
		return; /* no administration pages yet */
	ck_assert_int_eq(r->role, ROLE_ADMIN);
	ck_assert_ptr_null(app_match(app_router, HTTP_GET, "/administrator"));
	ck_assert_ptr_null(app_match(app_router, HTTP_GET, "/admin/"));
}
END_TEST

START_TEST(app_unknown_paths)
{
	ck_assert_ptr_null(app_match(app_router, HTTP_GET, "/nope"));
	ck_assert_ptr_null(app_match(app_router, HTTP_GET, "/signin/"));
	ck_assert_ptr_null(app_match(app_router, HTTP_GET, "/healthz"));
	ck_assert_ptr_null(app_match(app_router, HTTP_GET, "/static/app.css"));
	ck_assert_ptr_null(app_match(app_router, HTTP_GET, "/_test/status/4040"));
}
END_TEST

START_TEST(app_test_status_route)
{
	const struct route *r = app_match(app_router, HTTP_GET, "/_test/status/404");
	ck_assert_ptr_nonnull(r);
	ck_assert(r->flags & ROUTE_TESTING_ONLY);
	ck_assert_str_eq(captures[0], "404");

	struct router *production = router_new(app_routes, app_route_count, false);
	ck_assert_ptr_null(app_match(production, HTTP_GET, "/_test/status/404"));
	router_free(production);
}
END_TEST

#define COUNT(array) ((int)(sizeof(array) / sizeof((array)[0])))

static Suite *route_suite(void)
{
	Suite *s = suite_create("route");

	TCase *tc = tcase_create("matching");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, exact_match);
	tcase_add_test(tc, no_captures_are_null);
	tcase_add_test(tc, captures_copied_out);
	tcase_add_test(tc, two_captures);
	tcase_add_test(tc, optional_group);
	tcase_add_test(tc, utf8_path);
	tcase_add_test(tc, head_matches_get);
	tcase_add_test(tc, head_without_get);
	tcase_add_test(tc, wrong_method);
	tcase_add_test(tc, wrong_method_names_the_path_route);
	tcase_add_loop_test(tc, not_found, 0, COUNT(unknown_paths));
	tcase_add_test(tc, testing_routes_only_when_testing);
	tcase_add_loop_test(tc, invalid_utf8_not_found, 0, COUNT(invalid_utf8_paths));
	tcase_add_test(tc, router_reused);
	tcase_add_test(tc, empty_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("app_routes");
	tcase_add_checked_fixture(tc, app_setup, app_teardown);
	tcase_add_test(tc, app_table_well_formed);
	tcase_add_test(tc, app_table_compiles);
	tcase_add_test(tc, app_pages);
	tcase_add_test(tc, app_state_changes_are_post_only);
	tcase_add_test(tc, app_admin_pages);
	tcase_add_test(tc, app_unknown_paths);
	tcase_add_test(tc, app_test_status_route);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(route_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
