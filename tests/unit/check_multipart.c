/* Unit tests of the multipart/form-data parser (fcgi/multipart.c): bodies as browsers and
 * curl send them, the boundary in its forms, the limits, and what must be refused. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/multipart.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define TYPE "multipart/form-data; boundary=XyZ"

static struct arena *arena;
static struct req_fields fields;
static struct multipart_files files;
/* Small limits so the tests can reach them: 4 parts, fields of 16 bytes, bodies of 2 KiB. */
static const struct req_limits limits = { .body_bytes = 2048, .fields = 4, .field_bytes = 16 };

static void setup(void)
{
	arena = arena_new(4096);
	memset(&fields, 0, sizeof fields);
	memset(&files, 0, sizeof files);
}

static void teardown(void)
{
	arena_free(arena);
	arena = NULL;
}

static enum req_status parse_with(const char *content_type, const char *body, size_t len)
{
	return multipart_parse(arena, body, len, content_type, &limits, &fields, &files);
}

static enum req_status parse(const char *body)
{
	return parse_with(TYPE, body, strlen(body));
}

/* ---- what is accepted ---- */

START_TEST(fields_and_a_file)
{
	const char *body =
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"csrf\"\r\n"
		"\r\n"
		"abc123\r\n"
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"file\"; filename=\"onspd.csv\"\r\n"
		"Content-Type: text/csv\r\n"
		"\r\n"
		"pcds,oslaua\r\nLS1 1UR,E08000035\r\n"
		"\r\n"
		"--XyZ--\r\n";
	ck_assert_int_eq(parse(body), REQ_OK);
	ck_assert_uint_eq(fields.count, 1);
	ck_assert_str_eq(fields.items[0].name, "csrf");
	ck_assert_str_eq(fields.items[0].value, "abc123");
	ck_assert_uint_eq(fields.items[0].value_len, 6);
	ck_assert_str_eq(req_field_get(&fields, "csrf"), "abc123");
	ck_assert_uint_eq(files.count, 1);
	const struct multipart_file *file = multipart_file_get(&files, "file");
	ck_assert_ptr_nonnull(file);
	ck_assert_str_eq(file->filename, "onspd.csv");
	ck_assert_str_eq(file->content_type, "text/csv");
	/* the content ends before the CRLF that precedes the delimiter, and keeps its own */
	const char *want = "pcds,oslaua\r\nLS1 1UR,E08000035\r\n";
	ck_assert_uint_eq(file->len, strlen(want));
	ck_assert(memcmp(file->data, want, file->len) == 0);
	ck_assert(file->data > body && file->data < body + strlen(body)); /* not copied */
	ck_assert_ptr_null(multipart_file_get(&files, "other"));
}
END_TEST

START_TEST(empty_file_input)
{
	/* what a browser sends for a file input with nothing chosen */
	const char *body = "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
			   "Content-Type: application/octet-stream\r\n"
			   "\r\n"
			   "\r\n"
			   "--XyZ--\r\n";
	ck_assert_int_eq(parse(body), REQ_OK);
	ck_assert_uint_eq(files.count, 1);
	ck_assert_str_eq(files.items[0].filename, "");
	ck_assert_uint_eq(files.items[0].len, 0);
}
END_TEST

START_TEST(empty_field_and_no_content_type)
{
	const char *body = "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"q\"\r\n"
			   "\r\n"
			   "\r\n"
			   "--XyZ\r\n"
			   "content-disposition: FORM-DATA; NAME=f; FILENAME=a.csv\r\n"
			   "\r\n"
			   "x\r\n"
			   "--XyZ--";
	ck_assert_int_eq(parse(body), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "q"), "");
	ck_assert_uint_eq(files.count, 1);
	ck_assert_str_eq(files.items[0].name, "f");
	ck_assert_str_eq(files.items[0].filename, "a.csv");
	ck_assert_str_eq(files.items[0].content_type, "");
	ck_assert_uint_eq(files.items[0].len, 1);
}
END_TEST

START_TEST(binary_file_content)
{
	static const char body[] =
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"file\"; filename=\"b.bin\"\r\n"
		"\r\n"
		"\0\xff\r\n--Xy\r\n-\r\n"
		"--XyZ--\r\n";
	ck_assert_int_eq(parse_with(TYPE, body, sizeof body - 1), REQ_OK);
	ck_assert_uint_eq(files.items[0].len, 11);
	ck_assert(memcmp(files.items[0].data, "\0\xff\r\n--Xy\r\n-", 11) == 0);
}
END_TEST

START_TEST(preamble_epilogue_and_padding)
{
	const char *body = "This is a preamble.\r\n"
			   "--XyZ  \r\n"
			   "Content-Disposition: form-data; name=\"a\"\r\n"
			   "\r\n"
			   "1\r\n"
			   "--XyZ--\r\n"
			   "and an epilogue";
	ck_assert_int_eq(parse(body), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "a"), "1");
}
END_TEST

START_TEST(no_parts)
{
	ck_assert_int_eq(parse("--XyZ--\r\n"), REQ_OK);
	ck_assert_uint_eq(fields.count + files.count, 0);
}
END_TEST

START_TEST(directory_removed_from_filename)
{
	const char *body = "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"file\"; "
			   "filename=\"C:\\Users\\ben\\onspd.csv\"\r\n"
			   "\r\n"
			   "x\r\n"
			   "--XyZ--\r\n";
	ck_assert_int_eq(parse(body), REQ_OK);
	ck_assert_str_eq(files.items[0].filename, "onspd.csv");
}
END_TEST

START_TEST(utf8_field)
{
	const char *body = "--XyZ\r\n"
			   "Content-Disposition: form-data; name=\"town\"\r\n"
			   "\r\n"
			   "Ynys Môn\r\n"
			   "--XyZ--\r\n";
	ck_assert_int_eq(parse(body), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "town"), "Ynys Môn");
}
END_TEST

START_TEST(appends_to_existing_fields)
{
	ck_assert_int_eq(req_parse_urlencoded(arena, "a=1", 3, &limits, &fields), REQ_OK);
	const char *body =
		"--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--XyZ--";
	ck_assert_int_eq(parse(body), REQ_OK);
	ck_assert_uint_eq(fields.count, 2);
	ck_assert_str_eq(req_field_get(&fields, "a"), "1");
	ck_assert_str_eq(req_field_get(&fields, "b"), "2");
}
END_TEST

/* ---- the boundary ---- */

static const char *const good_types[][2] = {
	{ "multipart/form-data; boundary=XyZ", "XyZ" },
	{ "Multipart/Form-Data;boundary=XyZ", "XyZ" },
	{ "multipart/form-data; charset=utf-8; boundary=\"XyZ\"", "XyZ" },
	{ "multipart/form-data; BOUNDARY=----WebKitFormBoundary7MA4YWxkTrZu0gW",
	  "----WebKitFormBoundary7MA4YWxkTrZu0gW" },
	{ "multipart/form-data; boundary=\"with space\"", "with space" },
	{ "multipart/form-data; boundary=a'()+_,-./:=?b", "a'()+_,-./:=?b" },
};

START_TEST(boundary_good)
{
	char out[MULTIPART_BOUNDARY_MAX + 1];
	ck_assert_msg(multipart_boundary(good_types[_i][0], out, sizeof out), "%s",
		      good_types[_i][0]);
	ck_assert_str_eq(out, good_types[_i][1]);
}
END_TEST

static const char *const bad_types[] = {
	"multipart/form-data",
	"multipart/form-data; boundary=",
	"multipart/form-data; boundary=\"\"",
	"multipart/form-data; boundary=\"unclosed",
	"multipart/form-data; boundary=\"ends with space \"",
	"multipart/form-data; boundary=quo\"te",
	"multipart/form-data; boundary=bad<char>",
	"multipart/form-data; "
	"boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
	"multipart/form-data; notboundary=x",
};

START_TEST(boundary_bad)
{
	char out[MULTIPART_BOUNDARY_MAX + 1];
	ck_assert_msg(!multipart_boundary(bad_types[_i], out, sizeof out), "%s", bad_types[_i]);
}
END_TEST

START_TEST(boundary_longest)
{
	char type[200], out[MULTIPART_BOUNDARY_MAX + 1];
	strcpy(type, "multipart/form-data; boundary=");
	size_t at = strlen(type);
	memset(type + at, 'b', 70);
	type[at + 70] = '\0';
	ck_assert(multipart_boundary(type, out, sizeof out));
	ck_assert_uint_eq(strlen(out), 70);
	ck_assert(!multipart_boundary(NULL, out, sizeof out));
	ck_assert(!multipart_boundary(type, out, 10)); /* too small a buffer */
}
END_TEST

START_TEST(wrong_media_type)
{
	const char *body =
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--";
	ck_assert_int_eq(
		parse_with("application/x-www-form-urlencoded; boundary=XyZ", body, strlen(body)),
		REQ_MALFORMED);
	ck_assert_int_eq(parse_with("multipart/mixed; boundary=XyZ", body, strlen(body)),
			 REQ_MALFORMED);
	ck_assert_int_eq(parse_with(NULL, body, strlen(body)), REQ_MALFORMED);
}
END_TEST

/* ---- what is refused ---- */

static const char *const malformed_bodies[] = {
	"",
	"no delimiter at all",
	"--XyZ", /* nothing after the first delimiter */
	"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", /* no closing delimiter */
	"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ", /* nor after it */
	"--XyZjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
	"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n--XyZ--", /* no blank line */
	"--XyZ\r\n\r\n1\r\n--XyZ--",					       /* no headers */
	"--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",	       /* no disposition */
	"--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--",
	"--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--", /* no name */
	"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--XyZ--",
	"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--", /* unclosed quote
										  */
	"--XyZ\r\nNo colon here\r\n\r\n1\r\n--XyZ--",
	"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--XyZ--", /* not UTF-8
										       */
	"--XyZ\r\nContent-Disposition: form-data; name=\"\xc3\"\r\n\r\n1\r\n--XyZ--",
	"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	"filename=\"\xe2\x82\"\r\n\r\n1\r\n--XyZ--",
};

START_TEST(malformed_body)
{
	ck_assert_int_eq(parse(malformed_bodies[_i]), REQ_MALFORMED);
}
END_TEST

START_TEST(nul_in_field_malformed)
{
	static const char body[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\0y\r\n--XyZ--";
	ck_assert_int_eq(parse_with(TYPE, body, sizeof body - 1), REQ_MALFORMED);
}
END_TEST

START_TEST(headers_too_long)
{
	static char body[12000];
	strcpy(body, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
		     "filename=\"a\"\r\nX-Padding: ");
	size_t at = strlen(body);
	memset(body + at, 'p', 9000);
	strcpy(body + at + 9000, "\r\n\r\nx\r\n--XyZ--");
	struct req_limits big = limits;
	big.body_bytes = 20000;
	ck_assert_int_eq(multipart_parse(arena, body, strlen(body), TYPE, &big, &fields, &files),
			 REQ_MALFORMED);
}
END_TEST

START_TEST(body_over_limit)
{
	static char body[4096];
	strcpy(body, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n");
	size_t at = strlen(body);
	memset(body + at, 'x', 2048);
	strcpy(body + at + 2048, "\r\n--XyZ--");
	ck_assert_int_eq(parse(body), REQ_TOO_LARGE);
	/* a file may use the whole body limit */
	body[at + 1900] = '\0';
	strcat(body, "\r\n--XyZ--");
	ck_assert_int_eq(parse(body), REQ_OK);
	ck_assert_uint_eq(files.items[0].len, 1900);
}
END_TEST

START_TEST(field_over_limit)
{
	const char *body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
			   "12345678901234567\r\n--XyZ--";
	ck_assert_int_eq(parse(body), REQ_TOO_LARGE);
	body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	       "1234567890123456\r\n--XyZ--";
	ck_assert_int_eq(parse(body), REQ_OK);
}
END_TEST

START_TEST(too_many_parts)
{
	char body[1024] = "";
	for (int i = 0; i < 5; i++)
		sprintf(body + strlen(body),
			"--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i,
			i);
	strcat(body, "--XyZ--");
	ck_assert_int_eq(parse(body), REQ_TOO_LARGE);
}
END_TEST

START_TEST(name_over_limit)
{
	char body[1024];
	strcpy(body, "--XyZ\r\nContent-Disposition: form-data; name=\"");
	size_t at = strlen(body);
	memset(body + at, 'n', 257);
	strcpy(body + at + 257, "\"\r\n\r\n1\r\n--XyZ--");
	ck_assert_int_eq(parse(body), REQ_TOO_LARGE);
}
END_TEST

static Suite *multipart_suite(void)
{
	Suite *s = suite_create("multipart");
	TCase *tc = tcase_create("accepted");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fields_and_a_file);
	tcase_add_test(tc, empty_file_input);
	tcase_add_test(tc, empty_field_and_no_content_type);
	tcase_add_test(tc, binary_file_content);
	tcase_add_test(tc, preamble_epilogue_and_padding);
	tcase_add_test(tc, no_parts);
	tcase_add_test(tc, directory_removed_from_filename);
	tcase_add_test(tc, utf8_field);
	tcase_add_test(tc, appends_to_existing_fields);
	suite_add_tcase(s, tc);

	tc = tcase_create("boundary");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, boundary_good, 0, COUNT(good_types));
	tcase_add_loop_test(tc, boundary_bad, 0, COUNT(bad_types));
	tcase_add_test(tc, boundary_longest);
	tcase_add_test(tc, wrong_media_type);
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, malformed_body, 0, COUNT(malformed_bodies));
	tcase_add_test(tc, nul_in_field_malformed);
	tcase_add_test(tc, headers_too_long);
	tcase_add_test(tc, body_over_limit);
	tcase_add_test(tc, field_over_limit);
	tcase_add_test(tc, too_many_parts);
	tcase_add_test(tc, name_over_limit);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(multipart_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
