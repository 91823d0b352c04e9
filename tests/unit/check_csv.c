/* Unit tests of the CSV reader (fcgi/csv.c): RFC 4180 records from memory and from a
 * stream that hands over its bytes in awkward pieces, line numbers, limits, and how a
 * malformed record is skipped without losing the ones after it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/csv.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct csv_limits limits = { .fields = 8, .field_bytes = 32, .record_bytes = 128 };

static struct csv_reader *reader;

static void teardown(void)
{
	csv_reader_free(reader);
	reader = NULL;
}

static struct csv_reader *from_text(const char *text)
{
	csv_reader_free(reader);
	reader = csv_reader_memory(text, strlen(text), &limits);
	ck_assert_ptr_nonnull(reader);
	return reader;
}

/* A stream that gives at most `piece` bytes per read, to cross every buffer boundary. */
struct trickle {
	const char *text;
	size_t len;
	size_t at;
	size_t piece;
	bool fail_at_end;
};

static long trickle_read(void *context, char *buffer, size_t size)
{
	struct trickle *t = context;
	if (t->at == t->len)
		return t->fail_at_end ? -1 : 0;
	size_t n = t->len - t->at;
	if (n > t->piece)
		n = t->piece;
	if (n > size)
		n = size;
	memcpy(buffer, t->text + t->at, n);
	t->at += n;
	return (long)n;
}

static struct trickle stream_source;

static struct csv_reader *from_stream(const char *text, size_t piece)
{
	csv_reader_free(reader);
	stream_source = (struct trickle){ text, strlen(text), 0, piece, false };
	reader = csv_reader_stream(trickle_read, &stream_source, &limits);
	ck_assert_ptr_nonnull(reader);
	return reader;
}

/* The next record, which must be a good one with `count` fields. */
static struct csv_record expect_record(size_t count)
{
	struct csv_record record;
	ck_assert_int_eq(csv_next(reader, &record), CSV_RECORD);
	ck_assert_uint_eq(record.count, count);
	return record;
}

static void expect_end(void)
{
	struct csv_record record;
	ck_assert_int_eq(csv_next(reader, &record), CSV_END);
	ck_assert_int_eq(csv_next(reader, &record), CSV_END); /* and stays at the end */
}

/* ---- what is accepted ---- */

START_TEST(plain_records)
{
	from_text("pcds,oslaua,doterm\nLS1 1UR,E08000035,\nM1 1AE,E08000003,202001\n");
	struct csv_record r = expect_record(3);
	ck_assert_str_eq(r.fields[0], "pcds");
	ck_assert_str_eq(r.fields[2], "doterm");
	ck_assert_uint_eq(r.line, 1);
	r = expect_record(3);
	ck_assert_str_eq(r.fields[0], "LS1 1UR");
	ck_assert_str_eq(r.fields[1], "E08000035");
	ck_assert_str_eq(r.fields[2], "");
	ck_assert_uint_eq(r.lengths[2], 0);
	ck_assert_uint_eq(r.line, 2);
	r = expect_record(3);
	ck_assert_str_eq(r.fields[2], "202001");
	ck_assert_uint_eq(r.line, 3);
	expect_end();
	ck_assert_uint_eq(csv_line(reader), 4);
}
END_TEST

START_TEST(crlf_and_lone_cr)
{
	from_text("a,b\r\nc,d\re,f\r\n");
	struct csv_record r = expect_record(2);
	ck_assert_str_eq(r.fields[1], "b");
	r = expect_record(2);
	ck_assert_str_eq(r.fields[0], "c");
	ck_assert_str_eq(r.fields[1], "d");
	ck_assert_uint_eq(r.line, 2);
	r = expect_record(2);
	ck_assert_str_eq(r.fields[1], "f");
	ck_assert_uint_eq(r.line, 3);
	expect_end();
}
END_TEST

START_TEST(last_record_without_line_end)
{
	from_text("a,b\nc,d");
	expect_record(2);
	struct csv_record r = expect_record(2);
	ck_assert_str_eq(r.fields[1], "d");
	expect_end();
}
END_TEST

START_TEST(quoted_fields)
{
	from_text("\"LS1 1UR\",\"Leeds, West Yorkshire\",\"say \"\"hello\"\"\",\"\"\n");
	struct csv_record r = expect_record(4);
	ck_assert_str_eq(r.fields[0], "LS1 1UR");
	ck_assert_str_eq(r.fields[1], "Leeds, West Yorkshire");
	ck_assert_str_eq(r.fields[2], "say \"hello\"");
	ck_assert_uint_eq(r.lengths[2], 11);
	ck_assert_str_eq(r.fields[3], "");
	expect_end();
}
END_TEST

START_TEST(line_breaks_inside_quotes)
{
	from_text("a,\"two\nlines\",b\r\n\"crlf\r\ninside\",x\nlast,y\n");
	struct csv_record r = expect_record(3);
	ck_assert_str_eq(r.fields[1], "two\nlines");
	ck_assert_uint_eq(r.line, 1);
	r = expect_record(2);
	ck_assert_str_eq(r.fields[0], "crlf\r\ninside");
	ck_assert_uint_eq(r.line, 3);
	r = expect_record(2);
	ck_assert_str_eq(r.fields[0], "last");
	ck_assert_uint_eq(r.line, 5); /* lines inside quotes are counted */
	expect_end();
}
END_TEST

START_TEST(empty_fields_and_trailing_comma)
{
	from_text(",,\na,\n");
	struct csv_record r = expect_record(3);
	for (size_t i = 0; i < 3; i++)
		ck_assert_str_eq(r.fields[i], "");
	r = expect_record(2);
	ck_assert_str_eq(r.fields[0], "a");
	ck_assert_str_eq(r.fields[1], "");
	expect_end();
}
END_TEST

START_TEST(empty_lines_skipped_but_counted)
{
	from_text("\n\r\na\n\n\nb\r\n\r\n");
	struct csv_record r = expect_record(1);
	ck_assert_str_eq(r.fields[0], "a");
	ck_assert_uint_eq(r.line, 3);
	r = expect_record(1);
	ck_assert_str_eq(r.fields[0], "b");
	ck_assert_uint_eq(r.line, 6);
	expect_end();
}
END_TEST

START_TEST(empty_input)
{
	from_text("");
	expect_end();
	csv_reader_free(reader);
	reader = csv_reader_memory(NULL, 0, &limits);
	expect_end();
}
END_TEST

START_TEST(byte_order_mark_skipped)
{
	from_text("\xEF\xBB\xBFpcds,x\n");
	struct csv_record r = expect_record(2);
	ck_assert_str_eq(r.fields[0], "pcds");
	/* only at the start */
	from_text("a\n\xEF\xBB\xBF"
		  "b\n");
	expect_record(1);
	r = expect_record(1);
	ck_assert_str_eq(r.fields[0], "\xEF\xBB\xBF"
				      "b");
}
END_TEST

START_TEST(spaces_are_data)
{
	from_text(" a , b \n");
	struct csv_record r = expect_record(2);
	ck_assert_str_eq(r.fields[0], " a ");
	ck_assert_str_eq(r.fields[1], " b ");
}
END_TEST

START_TEST(utf8_passed_through)
{
	from_text("Ynys Môn,Caerdydd\n");
	struct csv_record r = expect_record(2);
	ck_assert_str_eq(r.fields[0], "Ynys Môn");
}
END_TEST

/* ---- what is refused, and what comes after it ---- */

static const char *const malformed_records[] = {
	"ab\"c,d\n",	  /* a quote inside an unquoted field */
	"\"ab\"c,d\n",	  /* text after a closing quote */
	"\"ab\" ,d\n",	  /* even a space */
	"a,\"unclosed\n", /* a quote never closed, at the end of the input */
};

START_TEST(malformed_record)
{
	const char *bad = malformed_records[_i];
	char *text = malloc(strlen(bad) + 32);
	strcpy(text, bad);
	bool closes = strstr(bad, "unclosed") == NULL;
	if (closes)
		strcat(text, "good,one\n");
	from_text(text);
	struct csv_record r;
	ck_assert_int_eq(csv_next(reader, &r), CSV_MALFORMED);
	ck_assert_uint_eq(r.count, 0);
	ck_assert_uint_eq(r.line, 1);
	ck_assert_ptr_nonnull(r.excerpt);
	if (closes) {
		r = expect_record(2);
		ck_assert_str_eq(r.fields[0], "good");
		ck_assert_uint_eq(r.line, 2);
	}
	expect_end();
	free(text);
}
END_TEST

START_TEST(nul_byte_is_malformed)
{
	static const char text[] = "a\0b,c\nd,e\n";
	csv_reader_free(reader);
	reader = csv_reader_memory(text, sizeof text - 1, &limits);
	struct csv_record r;
	ck_assert_int_eq(csv_next(reader, &r), CSV_MALFORMED);
	r = expect_record(2);
	ck_assert_str_eq(r.fields[0], "d");
}
END_TEST

START_TEST(too_many_fields)
{
	from_text("1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8,9\nok\n");
	expect_record(8);
	struct csv_record r;
	ck_assert_int_eq(csv_next(reader, &r), CSV_TOO_LARGE);
	ck_assert_uint_eq(r.line, 2);
	r = expect_record(1);
	ck_assert_str_eq(r.fields[0], "ok");
}
END_TEST

START_TEST(field_too_long)
{
	char text[200];
	memset(text, 'x', 32);
	strcpy(text + 32, "\n");
	strcat(text, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy,\"quoted\"\nok\n"); /* 33 y */
	from_text(text);
	struct csv_record r = expect_record(1);
	ck_assert_uint_eq(r.lengths[0], 32);
	ck_assert_int_eq(csv_next(reader, &r), CSV_TOO_LARGE);
	r = expect_record(1);
	ck_assert_str_eq(r.fields[0], "ok");
	ck_assert_uint_eq(r.line, 3);
}
END_TEST

START_TEST(record_too_long)
{
	char text[400];
	strcpy(text, "a");
	for (int i = 0; i < 7; i++)
		strcat(text,
		       ",xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"); /* 1 + 7 x 31 = 218 bytes: over 128 */
	strcat(text, "\nok\n");
	from_text(text);
	struct csv_record r;
	ck_assert_int_eq(csv_next(reader, &r), CSV_TOO_LARGE);
	ck_assert(r.excerpt_truncated);
	ck_assert_uint_eq(strlen(r.excerpt), CSV_EXCERPT_MAX);
	r = expect_record(1);
	ck_assert_str_eq(r.fields[0], "ok");
}
END_TEST

START_TEST(stray_quote_costs_one_line_when_long)
{
	/* an opening quote with no partner: once past the record limit, the record ends at the
	 * next line break instead of swallowing the rest of the file */
	char text[600];
	strcpy(text, "\"stray,");
	for (int i = 0; i < 20; i++)
		strcat(text, "more text ");
	strcat(text, "\nnext,line\n");
	from_text(text);
	struct csv_record r;
	ck_assert_int_eq(csv_next(reader, &r), CSV_TOO_LARGE);
	r = expect_record(2);
	ck_assert_str_eq(r.fields[0], "next");
	ck_assert_uint_eq(r.line, 2);
	expect_end();
}
END_TEST

START_TEST(excerpt_kept_and_cut_on_a_character)
{
	from_text("a,\"b\nc\"\n");
	struct csv_record r = expect_record(2);
	ck_assert_str_eq(r.excerpt, "a,\"b c\"");
	ck_assert(!r.excerpt_truncated);
	/* 159 ASCII bytes then "é" (2 bytes): the cut falls inside it, so it is left out */
	char text[400];
	memset(text, 'a', 159);
	text[159] = '\0';
	strcat(text, "\xC3\xA9tail\n");
	struct csv_limits wide = { .fields = 4, .field_bytes = 300, .record_bytes = 300 };
	csv_reader_free(reader);
	reader = csv_reader_memory(text, strlen(text), &wide);
	ck_assert_int_eq(csv_next(reader, &r), CSV_RECORD);
	ck_assert(r.excerpt_truncated);
	ck_assert_uint_eq(strlen(r.excerpt), 159);
}
END_TEST

START_TEST(unusable_limits)
{
	struct csv_limits zero = { .fields = 0, .field_bytes = 1, .record_bytes = 1 };
	ck_assert_ptr_null(csv_reader_memory("a", 1, &zero));
}
END_TEST

/* ---- streams ---- */

static const char stream_text[] = "\xEF\xBB\xBFpcds,oslaua,town\r\n"
				  "\"LS1 1UR\",E08000035,\"Leeds\"\r\n"
				  "\"CF10 1EP\",W06000015,\"Cardiff, \"\"Caerdydd\"\"\"\r\n"
				  "bad\"quote,x,y\r\n"
				  "\"multi\nline\",E06000023,Bristol";

START_TEST(stream_in_pieces)
{
	/* the same records whatever size the pieces come in, down to one byte */
	from_stream(stream_text, (size_t)_i + 1);
	struct csv_record r = expect_record(3);
	ck_assert_str_eq(r.fields[0], "pcds");
	r = expect_record(3);
	ck_assert_str_eq(r.fields[0], "LS1 1UR");
	ck_assert_str_eq(r.fields[2], "Leeds");
	r = expect_record(3);
	ck_assert_str_eq(r.fields[2], "Cardiff, \"Caerdydd\"");
	ck_assert_uint_eq(r.line, 3);
	ck_assert_int_eq(csv_next(reader, &r), CSV_MALFORMED);
	ck_assert_uint_eq(r.line, 4);
	r = expect_record(3);
	ck_assert_str_eq(r.fields[0], "multi\nline");
	ck_assert_str_eq(r.fields[2], "Bristol");
	ck_assert_uint_eq(r.line, 5);
	expect_end();
}
END_TEST

START_TEST(stream_larger_than_buffer)
{
	/* many records, so the 64 KiB buffer is refilled with records straddling it */
	size_t rows = 20000;
	char *text = malloc(rows * 24 + 1);
	size_t len = 0;
	for (size_t i = 0; i < rows; i++)
		len += (size_t)sprintf(text + len, "\"row %05zu\",%zu\r\n", i, i * 7);
	from_stream(text, 10000);
	for (size_t i = 0; i < rows; i++) {
		struct csv_record r = expect_record(2);
		char want[16];
		sprintf(want, "row %05zu", i);
		ck_assert_str_eq(r.fields[0], want);
		ck_assert_uint_eq(strtoul(r.fields[1], NULL, 10), i * 7);
		ck_assert_uint_eq(r.line, i + 1);
	}
	expect_end();
	free(text);
}
END_TEST

START_TEST(stream_read_error)
{
	from_stream("a,b\nc,d", 100);
	stream_source.fail_at_end = true;
	expect_record(2);
	struct csv_record r;
	ck_assert_int_eq(csv_next(reader, &r), CSV_READ_ERROR);
}
END_TEST

static Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("accepted");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, plain_records);
	tcase_add_test(tc, crlf_and_lone_cr);
	tcase_add_test(tc, last_record_without_line_end);
	tcase_add_test(tc, quoted_fields);
	tcase_add_test(tc, line_breaks_inside_quotes);
	tcase_add_test(tc, empty_fields_and_trailing_comma);
	tcase_add_test(tc, empty_lines_skipped_but_counted);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, byte_order_mark_skipped);
	tcase_add_test(tc, spaces_are_data);
	tcase_add_test(tc, utf8_passed_through);
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, malformed_record, 0, COUNT(malformed_records));
	tcase_add_test(tc, nul_byte_is_malformed);
	tcase_add_test(tc, too_many_fields);
	tcase_add_test(tc, field_too_long);
	tcase_add_test(tc, record_too_long);
	tcase_add_test(tc, stray_quote_costs_one_line_when_long);
	tcase_add_test(tc, excerpt_kept_and_cut_on_a_character);
	tcase_add_test(tc, unusable_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("streams");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, stream_in_pieces, 0, 7);
	tcase_add_test(tc, stream_larger_than_buffer);
	tcase_add_test(tc, stream_read_error);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(csv_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
