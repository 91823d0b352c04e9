/* Unit tests of the pure parts of the ordered, retirable lists: which place a row swaps with
 * (model/ordered_list.c: first going up and last going down stay put), where every row goes
 * in the swap, and the move form's direction (pages/admin_list.c). */
#include <check.h>
#include <stdlib.h>

#include "../../fcgi/model/ordered_list.h"
#include "../../fcgi/pages/admin_list.h"

START_TEST(neighbour_above_and_below)
{
	size_t other = 99;
	ck_assert(ordered_list_neighbour(2, 5, true, &other));
	ck_assert_uint_eq(other, 1);
	ck_assert(ordered_list_neighbour(2, 5, false, &other));
	ck_assert_uint_eq(other, 3);
	ck_assert(ordered_list_neighbour(0, 2, false, &other));
	ck_assert_uint_eq(other, 1);
	ck_assert(ordered_list_neighbour(1, 2, true, &other));
	ck_assert_uint_eq(other, 0);
}
END_TEST

START_TEST(no_neighbour_at_the_ends)
{
	size_t other = 99;
	ck_assert(!ordered_list_neighbour(0, 5, true, &other));	 /* first, going up */
	ck_assert(!ordered_list_neighbour(4, 5, false, &other)); /* last, going down */
	ck_assert(!ordered_list_neighbour(0, 1, true, &other));	 /* the only one */
	ck_assert(!ordered_list_neighbour(0, 1, false, &other));
	ck_assert(!ordered_list_neighbour(5, 5, true, &other));	 /* not in the list */
	ck_assert(!ordered_list_neighbour(0, 0, false, &other)); /* an empty list */
	ck_assert_uint_eq(other, 99);				 /* left alone */
}
END_TEST

START_TEST(slot_swaps_two_and_keeps_the_rest)
{
	/* rows 0..4, the rows at 1 and 2 swapping: 0 2 1 3 4 */
	static const size_t expected[] = { 0, 2, 1, 3, 4 };
	for (size_t r = 0; r < 5; r++) {
		ck_assert_uint_eq(ordered_list_slot(r, 1, 2), expected[r]);
		ck_assert_uint_eq(ordered_list_slot(r, 2, 1), expected[r]);
	}
	ck_assert_uint_eq(ordered_list_slot(3, 3, 3), 3);
}
END_TEST

START_TEST(direction_up_or_down_only)
{
	bool up = false;
	ck_assert(admin_list_parse_direction("up", &up));
	ck_assert(up);
	ck_assert(admin_list_parse_direction("down", &up));
	ck_assert(!up);
	up = true;
	static const char *const refused[] = { "",    "Up", "DOWN",  "sideways",
					       "upp", "u",  "down ", NULL };
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		ck_assert_msg(!admin_list_parse_direction(refused[i], &up), "refused: %s",
			      refused[i] ? refused[i] : "(none)");
	ck_assert(up); /* left alone */
}
END_TEST

static Suite *ordered_list_suite(void)
{
	Suite *s = suite_create("ordered_list");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, neighbour_above_and_below);
	tcase_add_test(tc, no_neighbour_at_the_ends);
	tcase_add_test(tc, slot_swaps_two_and_keeps_the_rest);
	tcase_add_test(tc, direction_up_or_down_only);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(ordered_list_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
