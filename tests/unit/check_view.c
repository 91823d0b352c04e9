/* Unit tests of the template data setters (fcgi/render.c): the numbers and field names they
 * write without printf must read back exactly as printf would have written them. */
#include <ClearSilver.h>
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/config.h"
#include "../../fcgi/http.h"
#include "../../fcgi/render.h"

static struct arena *arena;
static struct config config;
static struct request req;

static void setup(void)
{
	arena = arena_new(4096);
	memset(&config, 0, sizeof config);
	config.base_path = "";
	memset(&req, 0, sizeof req);
	req.arena = arena;
	req.config = &config;
	req.path = "/";
}

static void teardown(void)
{
	view_end_request(&req);
	arena_free(arena);
	arena = NULL;
}

static const char *read_back(const char *name)
{
	return hdf_get_value(view_data(&req), name, NULL);
}

START_TEST(integers_read_back_as_printf_writes_them)
{
	static const long long values[] = { 0,
					    1,
					    -1,
					    9,
					    10,
					    -10,
					    1234567890,
					    -987654321,
					    LLONG_MAX,
					    LLONG_MIN,
					    LLONG_MIN + 1,
					    1000000 };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char expected[32];
		snprintf(expected, sizeof expected, "%lld", values[i]);
		view_set_int(&req, "Number", values[i]);
		ck_assert_str_eq(read_back("Number"), expected);
	}
}
END_TEST

START_TEST(fields_join_prefix_and_name_with_a_dot)
{
	view_set_field(&req, "Rows.3", "Name", "Ada <Lovelace>");
	view_set_field_int(&req, "Rows.3", "Id", -42);
	view_set_field(&req, "Top", "Empty", "");
	ck_assert_str_eq(read_back("Rows.3.Name"), "Ada <Lovelace>");
	ck_assert_str_eq(read_back("Rows.3.Id"), "-42");
	ck_assert_str_eq(read_back("Top.Empty"), "");
	/* a NULL value sets nothing */
	view_set_field(&req, "Rows.3", "Missing", NULL);
	ck_assert_ptr_null(read_back("Rows.3.Missing"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("setters");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, integers_read_back_as_printf_writes_them);
	tcase_add_test(tc, fields_join_prefix_and_name_with_a_dot);
	suite_add_tcase(s, tc);
	SRunner *runner = srunner_create(s);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
