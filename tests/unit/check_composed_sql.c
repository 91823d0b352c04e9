/* Unit tests of fcgi/model/composed_sql.c: a composed statement holds only its fragments,
 * every value is a bound parameter in the order of its "?", a statement too long or with too
 * many values is refused rather than cut, and the list search turns what was typed into
 * prefixes of the name keys or the email, wildcards taken literally. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/model/composed_sql.h"

static struct arena *arena;

static void setup(void)
{
	arena = arena_new(4096);
}

static void teardown(void)
{
	arena_free(arena);
}

static size_t placeholders(const char *text)
{
	size_t n = 0;
	for (const char *p = text; *p; p++)
		n += *p == '?';
	return n;
}

START_TEST(values_are_bound_in_order)
{
	struct composed_sql *q = calloc(1, sizeof *q);
	composed_add(q, "SELECT 1 FROM referrals r WHERE 1 = 1");
	composed_int(q, " AND r.receiving_org_id = ?", 42);
	composed_text(q, " AND r.status = ?", "new");
	composed_text(q, " AND r.due_order < ?", NULL);
	ck_assert_str_eq(q->text, "SELECT 1 FROM referrals r WHERE 1 = 1 AND r.receiving_org_id = ?"
				  " AND r.status = ? AND r.due_order < ?");
	ck_assert_uint_eq(q->count, 3);
	ck_assert_uint_eq(placeholders(q->text), q->count);
	ck_assert_int_eq(q->params[0].type, 'i');
	ck_assert_int_eq(q->params[0].number, 42);
	ck_assert_int_eq(q->params[1].type, 's');
	ck_assert_str_eq(q->params[1].text, "new");
	ck_assert_ptr_null(q->params[2].text); /* SQL NULL */
	ck_assert(!q->overflow);
	free(q);
}
END_TEST

START_TEST(too_long_or_too_many_is_refused_not_cut)
{
	struct composed_sql *q = calloc(1, sizeof *q);
	/* fragments that fill the text but for less than one more: COMPOSED_SQL_BYTES holds the
	 * terminating NUL too */
	enum { FRAGMENT = 1000, FIT = (COMPOSED_SQL_BYTES - 1) / FRAGMENT };
	char fragment[FRAGMENT + 1];
	memset(fragment, 'x', FRAGMENT);
	fragment[FRAGMENT] = '\0';
	for (int i = 0; i < FIT; i++)
		composed_add(q, fragment);
	ck_assert(!q->overflow);
	composed_add(q, fragment);
	ck_assert(q->overflow);
	ck_assert_uint_eq(q->len, (size_t)FIT * FRAGMENT); /* nothing of the one that did not fit */
	ck_assert_int_eq(composed_run(arena, q, NULL), DB_ERROR);

	struct composed_sql *many = calloc(1, sizeof *many);
	for (int i = 0; i < COMPOSED_SQL_PARAMS; i++)
		composed_int(many, " ?", i);
	ck_assert(!many->overflow);
	composed_int(many, " ?", 99);
	ck_assert(many->overflow);
	ck_assert_uint_eq(many->count, COMPOSED_SQL_PARAMS);
	free(q);
	free(many);
}
END_TEST

START_TEST(like_prefix_takes_wildcards_literally)
{
	ck_assert_str_eq(composed_like_prefix(arena, "smith"), "smith%");
	ck_assert_str_eq(composed_like_prefix(arena, "50%_off\\"), "50\\%\\_off\\\\%");
	ck_assert_str_eq(composed_like_prefix(arena, ""), "%");
}
END_TEST

START_TEST(like_contains_matches_anywhere_wildcards_literally)
{
	ck_assert_str_eq(composed_like_contains(arena, "smith"), "%smith%");
	ck_assert_str_eq(composed_like_contains(arena, "50%_off\\"), "%50\\%\\_off\\\\%");
	ck_assert_str_eq(composed_like_contains(arena, ""), "%%");
}
END_TEST

/* The values the search bound, in order, as one string "a|b|c". */
static const char *bound(const struct composed_sql *q)
{
	size_t size = 1;
	for (size_t i = 0; i < q->count; i++)
		size += strlen(q->params[i].text) + 1;
	char *out = arena_alloc(arena, size), *o = out;
	for (size_t i = 0; i < q->count; i++)
		o += sprintf(o, "%s%s", i ? "|" : "", (const char *)q->params[i].text);
	*o = '\0';
	return out;
}

START_TEST(search_by_name_splits_words_both_ways)
{
	struct composed_sql *q = calloc(1, sizeof *q);
	ck_assert(composed_client_search(arena, q, "Zéphyr   O'Brien"));
	/* the email as typed, then the whole key, then first|last and last|first */
	ck_assert_str_eq(bound(q), "Zéphyr   O'Brien%|zephyr obrien%|zephyr obrien%"
				   "|zephyr%|obrien%|zephyr%|obrien%");
	ck_assert_uint_eq(placeholders(q->text), q->count);
	ck_assert_ptr_nonnull(strstr(q->text, " AND (c.email LIKE ? OR c.first_name_key LIKE ?"
					      " OR c.last_name_key LIKE ?"));
	free(q);
}
END_TEST

START_TEST(search_keeps_four_words)
{
	struct composed_sql *q = calloc(1, sizeof *q);
	ck_assert(composed_client_search(arena, q, "a b c d e f"));
	/* email, the whole key twice, then two values for each of three splits, both ways */
	ck_assert_uint_eq(q->count, 3 + 3 * 4);
	ck_assert_str_eq(q->params[1].text, "a b c d%");
	free(q);
}
END_TEST

START_TEST(search_by_email_or_domain)
{
	struct composed_sql *q = calloc(1, sizeof *q);
	ck_assert(composed_client_search(arena, q, "@Example.org"));
	ck_assert_str_eq(q->text, " AND c.email_domain LIKE ?");
	ck_assert_str_eq(bound(q), "Example.org%");
	free(q);
	q = calloc(1, sizeof *q);
	ck_assert(composed_client_search(arena, q, "jo_smith@ex"));
	ck_assert_str_eq(q->text, " AND c.email LIKE ?");
	ck_assert_str_eq(bound(q), "jo\\_smith@ex%");
	free(q);
}
END_TEST

START_TEST(search_of_punctuation_matches_email_only)
{
	struct composed_sql *q = calloc(1, sizeof *q);
	ck_assert(composed_client_search(arena, q, "%"));
	ck_assert_str_eq(q->text, " AND c.email LIKE ?");
	ck_assert_str_eq(bound(q), "\\%%"); /* a literal "%" at the start: no wildcard */
	free(q);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("composed_sql");
	TCase *tc = tcase_create("composed_sql");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, values_are_bound_in_order);
	tcase_add_test(tc, too_long_or_too_many_is_refused_not_cut);
	tcase_add_test(tc, like_prefix_takes_wildcards_literally);
	tcase_add_test(tc, like_contains_matches_anywhere_wildcards_literally);
	tcase_add_test(tc, search_by_name_splits_words_both_ways);
	tcase_add_test(tc, search_keeps_four_words);
	tcase_add_test(tc, search_by_email_or_domain);
	tcase_add_test(tc, search_of_punctuation_matches_email_only);
	suite_add_tcase(suite, tc);
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
