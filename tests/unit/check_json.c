/* Unit tests of fcgi/json.c: commas and colons in nested objects and arrays, every kind of
 * value, string escaping (JSON's own, control characters, the HTML-safe < > & and U+2028/9),
 * UTF-8 passed through, bytes that are not UTF-8 replaced, and a buffer that grows. */
#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/json.h"

static struct arena *arena;
static struct json json;

static void setup(void)
{
	arena = arena_new(4096);
	json_init(&json, arena);
}

static void teardown(void)
{
	arena_free(arena);
}

static const char *string_of(const char *text)
{
	json_init(&json, arena);
	json_string(&json, text);
	return json_text(&json);
}

START_TEST(empty_containers)
{
	json_object_begin(&json);
	json_object_end(&json);
	ck_assert_str_eq(json_text(&json), "{}");
	json_init(&json, arena);
	json_array_begin(&json);
	json_array_end(&json);
	ck_assert_str_eq(json_text(&json), "[]");
}
END_TEST

START_TEST(every_kind_of_value)
{
	json_object_begin(&json);
	json_member_string(&json, "s", "text");
	json_member_int(&json, "n", -42);
	json_member_int(&json, "big", LLONG_MAX);
	json_member_bool(&json, "yes", true);
	json_member_bool(&json, "no", false);
	json_key(&json, "nothing");
	json_null(&json);
	json_member_string(&json, "absent", NULL);
	json_object_end(&json);
	ck_assert_str_eq(json_text(&json),
			 "{\"s\":\"text\",\"n\":-42,\"big\":9223372036854775807,"
			 "\"yes\":true,\"no\":false,\"nothing\":null,\"absent\":null}");
}
END_TEST

START_TEST(nesting)
{
	json_object_begin(&json);
	json_key(&json, "list");
	json_array_begin(&json);
	json_int(&json, 1);
	json_object_begin(&json);
	json_member_int(&json, "a", 2);
	json_key(&json, "b");
	json_array_begin(&json);
	json_array_end(&json);
	json_object_end(&json);
	json_array_begin(&json);
	json_string(&json, "x");
	json_string(&json, "y");
	json_array_end(&json);
	json_null(&json);
	json_array_end(&json);
	json_member_bool(&json, "after", true);
	json_object_end(&json);
	ck_assert_str_eq(json_text(&json),
			 "{\"list\":[1,{\"a\":2,\"b\":[]},[\"x\",\"y\"],null],\"after\":true}");
}
END_TEST

START_TEST(json_escapes)
{
	ck_assert_str_eq(string_of("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"");
	ck_assert_str_eq(string_of("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
	ck_assert_str_eq(string_of(""), "\"\"");
	ck_assert_str_eq(string_of("/"), "\"/\"");
}
END_TEST

START_TEST(control_characters)
{
	char every[33];
	for (int i = 1; i < 32; i++)
		every[i - 1] = (char)i;
	every[31] = 0x7f;
	every[32] = '\0';
	const char *out = string_of(every);
	ck_assert_str_eq(out,
			 "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n"
			 "\\u000b\\u000c\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014"
			 "\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e"
			 "\\u001f\\u007f\"");
}
END_TEST

START_TEST(html_safe)
{
	ck_assert_str_eq(string_of("</script><b>&amp;"),
			 "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;\"");
	/* U+2028 and U+2029 end a line in older script engines */
	ck_assert_str_eq(string_of("a\xe2\x80\xa8"
				   "b\xe2\x80\xa9"
				   "c"),
			 "\"a\\u2028b\\u2029c\"");
}
END_TEST

START_TEST(utf8_passes_through)
{
	const char *text = "Zo\xc3\xab \xe2\x80\x99O\xe2\x80\x99"
			   "Brien \xe4\xb8\xad \xf0\x9f\x98\x80 \xe2\x80\xa7";
	char expected[128];
	strcpy(expected, "\"");
	strcat(expected, text);
	strcat(expected, "\"");
	ck_assert_str_eq(string_of(text), expected);
}
END_TEST

START_TEST(not_utf8_replaced)
{
	/* a lone continuation byte, a truncated sequence, an overlong '/', a surrogate, and a
	 * byte that never starts one: each byte becomes U+FFFD, the rest is kept */
	ck_assert_str_eq(string_of("a\x80z"), "\"a\\ufffdz\"");
	ck_assert_str_eq(string_of("a\xc3"), "\"a\\ufffd\"");
	ck_assert_str_eq(string_of("\xe2\x80z"), "\"\\ufffd\\ufffdz\"");
	ck_assert_str_eq(string_of("\xc0\xaf"), "\"\\ufffd\\ufffd\"");
	ck_assert_str_eq(string_of("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
	ck_assert_str_eq(string_of("\xf5\x80\x80\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	ck_assert_str_eq(string_of("\xff"), "\"\\ufffd\"");
}
END_TEST

/* The assertions of check_request's test of http_json_string, which this writer replaced. */
START_TEST(string_escapes_as_before)
{
	ck_assert_str_eq(string_of(NULL), "null");
	ck_assert_str_eq(string_of(""), "\"\"");
	ck_assert_str_eq(string_of("Zoë O’Brien"), "\"Zoë O’Brien\"");
	ck_assert_str_eq(string_of("a\"b\\c"), "\"a\\\"b\\\\c\"");
	ck_assert_str_eq(string_of("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
	ck_assert_str_eq(string_of("<script>&</script>"),
			 "\"\\u003cscript\\u003e\\u0026\\u003c/script\\u003e\"");
	ck_assert_str_eq(string_of("\x01\x7f"), "\"\\u0001\\u007f\"");
	ck_assert_str_eq(string_of("a\xe2\x80\xa8"
				   "b\xe2\x80\xa9"),
			 "\"a\\u2028b\\u2029\"");
}
END_TEST

START_TEST(keys_are_escaped)
{
	json_object_begin(&json);
	json_member_int(&json, "a\"<", 1);
	json_object_end(&json);
	ck_assert_str_eq(json_text(&json), "{\"a\\\"\\u003c\":1}");
}
END_TEST

START_TEST(grows)
{
	json_array_begin(&json);
	for (int i = 0; i < 10000; i++)
		json_string(&json, "0123456789");
	json_array_end(&json);
	const char *out = json_text(&json);
	ck_assert_uint_eq(strlen(out), 2 + 10000 * 12 + 9999);
	ck_assert_int_eq(strncmp(out, "[\"0123456789\",\"0123456789\"", 26), 0);
	ck_assert_str_eq(out + strlen(out) - 14, ",\"0123456789\"]");
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("writer");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, empty_containers);
	tcase_add_test(tc, every_kind_of_value);
	tcase_add_test(tc, nesting);
	tcase_add_test(tc, keys_are_escaped);
	tcase_add_test(tc, grows);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, json_escapes);
	tcase_add_test(tc, control_characters);
	tcase_add_test(tc, html_safe);
	tcase_add_test(tc, utf8_passes_through);
	tcase_add_test(tc, not_utf8_replaced);
	tcase_add_test(tc, string_escapes_as_before);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(json_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
