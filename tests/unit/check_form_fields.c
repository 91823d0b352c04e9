/* Unit tests of fcgi/form_fields.c, the reader of a form through its table of fields:
 * required fields, maximum lengths, checks that refuse and normalise, the values kept for the
 * page to show again, names not in the table ignored, and the problems in table order. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/form_fields.h"

static struct arena *arena;

static void setup(void)
{
	arena = arena_new(4096);
}

static void teardown(void)
{
	arena_free(arena);
}

static const char *const yes_no[] = { "1", "0", NULL };

enum { NAME, TOWN, PHONE, ACTIVE, AGE, WAYS, NOTE, FIELD_COUNT };
static const struct form_field table[FIELD_COUNT] = {
	[NAME] = { .name = "name",
		   .label = "Name",
		   .check = form_check_person_name,
		   .max_length = 100,
		   .required = true,
		   .missing = "Enter the name" },
	[TOWN] = { .name = "town",
		   .label = "Town or city",
		   .check = form_check_line,
		   .max_length = 10 },
	[PHONE] = { .name = "phone", .label = "Phone", .check = form_check_uk_phone },
	[ACTIVE] = { .name = "active",
		     .label = "Active",
		     .check = form_check_option,
		     .required = true,
		     .missing = "Choose whether it is active",
		     .invalid = "Choose whether it is active",
		     .options = yes_no },
	[AGE] = { .name = "age",
		  .label = "Age",
		  .check = form_check_whole_number,
		  .min = 0,
		  .max = 130,
		  .example = "18" },
	[WAYS] = { .name = "way", .label = "Ways", .repeated = true },
	[NOTE] = { .name = "note",
		   .label = "Note",
		   .check = form_check_plain_text,
		   .missing = "Enter a note" },
};

/* A source of name/value pairs, as the request parser or a draft gives them. */
static struct req_fields source(const char *const *pairs)
{
	size_t n = 0;
	while (pairs[n * 2] != NULL)
		n++;
	struct req_fields fields = { arena_zalloc(arena, (n + 1) * sizeof(struct req_field)), n,
				     n };
	for (size_t i = 0; i < n; i++)
		fields.items[i] = (struct req_field){ pairs[i * 2], pairs[i * 2 + 1],
						      strlen(pairs[i * 2 + 1]) };
	return fields;
}

static struct form_read read_pairs(const char *const *pairs)
{
	struct req_fields fields = source(pairs);
	struct form_read r;
	form_fields_read(arena, &fields, table, FIELD_COUNT, &r);
	return r;
}

/* The message of entry i's problem, or NULL. */
static const char *problem(const struct form_read *r, size_t i)
{
	for (size_t k = 0; k < r->problem_count; k++)
		if (r->problems[k].index == i)
			return r->problems[k].message;
	return NULL;
}

START_TEST(valid_form_is_normalised)
{
	const char *pairs[] = { "name",	  "  Ada Lovelace ",
				"town",	  "Leeds",
				"phone",  "+44 (0)7700 900123",
				"active", "1",
				"age",	  "18",
				"note",	  "two\nlines",
				NULL };
	struct form_read r = read_pairs(pairs);
	ck_assert(form_fields_ok(&r));
	ck_assert_str_eq(r.values[NAME], "Ada Lovelace");
	ck_assert_str_eq(r.values[PHONE], "07700900123");
	ck_assert_str_eq(r.typed[PHONE], "+44 (0)7700 900123");
	ck_assert_str_eq(r.values[AGE], "18");
	ck_assert_str_eq(r.values[NOTE], "two\nlines");
}
END_TEST

START_TEST(required_fields_missing)
{
	const char *pairs[] = { "name", "   ", NULL };
	struct form_read r = read_pairs(pairs);
	ck_assert_uint_eq(r.problem_count, 2);
	ck_assert_str_eq(problem(&r, NAME), "Enter the name");
	ck_assert_str_eq(problem(&r, ACTIVE), "Choose whether it is active");
	/* optional fields left empty are fine, and stored as "" */
	ck_assert_ptr_null(problem(&r, TOWN));
	ck_assert_str_eq(r.values[TOWN], "");
}
END_TEST

START_TEST(max_length_in_characters)
{
	/* ten characters of two bytes each fit; eleven do not */
	const char *fits[] = { "name", "Al", "active", "0", "town", "éééééééééé", NULL };
	struct form_read r = read_pairs(fits);
	ck_assert(form_fields_ok(&r));
	const char *over[] = { "name", "Al", "active", "0", "town", "ééééééééééé", NULL };
	r = read_pairs(over);
	ck_assert_str_eq(problem(&r, TOWN), "Town or city must be 10 characters or fewer");
	ck_assert_str_eq(r.values[TOWN], "");
	ck_assert_str_eq(r.typed[TOWN], "ééééééééééé");
}
END_TEST

START_TEST(checks_refuse_with_the_forms_words)
{
	const char *pairs[] = { "name",	   "R2D2",   "town",  "two\nlines", "phone",
				"call me", "active", "maybe", "age",	    "200",
				"note",	   "bell\a", NULL };
	struct form_read r = read_pairs(pairs);
	ck_assert_str_eq(
		problem(&r, NAME),
		"Name must only include letters, spaces, hyphens, apostrophes and full stops");
	ck_assert_str_eq(problem(&r, TOWN),
			 "Town or city: Remove the line breaks and special characters");
	ck_assert_ptr_nonnull(strstr(problem(&r, PHONE), "Enter a phone number, like"));
	ck_assert_str_eq(problem(&r, ACTIVE), "Choose whether it is active");
	ck_assert_str_eq(problem(&r, AGE), "Age must be 130 or less");
	ck_assert_str_eq(problem(&r, NOTE), "Note must not contain special characters");
	const char *words[] = { "name", "A", "active", "1", "age", "ten", NULL };
	r = read_pairs(words);
	ck_assert_str_eq(problem(&r, AGE), "Age must be a whole number, like 18");
}
END_TEST

START_TEST(values_kept_for_redisplay)
{
	const char *pairs[] = { "name",	  "",  "town", " <b>Leeds</b>\t", "phone", "12",
				"active", "1", "way",  "email",		  "way",   "sms",
				NULL };
	struct form_read r = read_pairs(pairs);
	ck_assert(!form_fields_ok(&r));
	/* refused or not, what was typed is there to show again, trimmed, as typed */
	ck_assert_str_eq(r.typed[TOWN], "<b>Leeds</b>");
	ck_assert_str_eq(r.typed[PHONE], "12");
	ck_assert_str_eq(r.values[PHONE], "");
	ck_assert_uint_eq(r.list_counts[WAYS], 2);
	ck_assert_str_eq(r.lists[WAYS][0], "email");
	ck_assert_str_eq(r.lists[WAYS][1], "sms");
	ck_assert_ptr_null(r.lists[WAYS][2]);
	ck_assert(form_fields_has(&r, WAYS, "sms"));
	ck_assert(!form_fields_has(&r, WAYS, "post"));
}
END_TEST

START_TEST(unknown_fields_ignored)
{
	const char *pairs[] = { "csrf",	  "token", "name",  "Ada", "evil", "<script>",
				"active", "0",	   "name2", "x",   NULL };
	struct form_read r = read_pairs(pairs);
	ck_assert(form_fields_ok(&r));
	ck_assert_uint_eq(r.count, FIELD_COUNT);
	for (size_t i = 0; i < FIELD_COUNT; i++)
		ck_assert_ptr_null(strstr(r.typed[i], "script"));
}
END_TEST

START_TEST(page_rules_and_table_order)
{
	const char *pairs[] = { "age", "x", "active", "1", "note", "", NULL };
	struct form_read r = read_pairs(pairs);
	/* a rule of the page: the note is required here, and the age belongs to "dob" */
	ck_assert(!form_fields_require(&r, NOTE));
	form_fields_refuse(&r, TOWN, NULL, "Town rule");
	form_fields_sort(&r);
	ck_assert_uint_eq(r.problem_count, 4);
	ck_assert_str_eq(r.problems[0].field, "name");
	ck_assert_str_eq(r.problems[1].message, "Town rule");
	ck_assert_str_eq(r.problems[2].field, "age");
	ck_assert_str_eq(r.problems[3].message, "Enter a note");
	/* a field that does not apply loses its problems */
	form_fields_drop(&r, AGE);
	ck_assert(!form_fields_refused(&r, AGE));
	ck_assert_uint_eq(r.problem_count, 3);
}
END_TEST

static Suite *form_fields_suite(void)
{
	Suite *s = suite_create("form_fields");
	TCase *tc = tcase_create("read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, valid_form_is_normalised);
	tcase_add_test(tc, required_fields_missing);
	tcase_add_test(tc, max_length_in_characters);
	tcase_add_test(tc, checks_refuse_with_the_forms_words);
	tcase_add_test(tc, values_kept_for_redisplay);
	tcase_add_test(tc, unknown_fields_ignored);
	tcase_add_test(tc, page_rules_and_table_order);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(form_fields_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
