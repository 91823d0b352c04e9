/* Unit tests of the response writer (fcgi/fastcgi_out.c): the records it writes, read back
 * from the other end of a socket as nginx would, carry the request's id, lengths within the
 * protocol's 16 bits and, in order, exactly the head and body it was given, whatever their
 * sizes: empty, one record, a record's worth to the byte, many records and more than one
 * writev. */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../fcgi/fastcgi_out.h"

struct received {
	int fd;
	uint8_t *bytes;
	size_t len, capacity;
};

/* everything written until the writer's end closes */
static void *read_all(void *arg)
{
	struct received *r = arg;
	for (;;) {
		if (r->len == r->capacity) {
			r->capacity = r->capacity ? r->capacity * 2 : 4096;
			r->bytes = realloc(r->bytes, r->capacity);
		}
		ssize_t n = read(r->fd, r->bytes + r->len, r->capacity - r->len);
		if (n <= 0)
			return NULL;
		r->len += (size_t)n;
	}
}

/* Writes head and body as request id's stdout and returns the content of its records,
 * checking each record's header on the way; *records is how many there were. */
static uint8_t *written(int id, const char *head, size_t head_len, const char *body,
			size_t body_len, size_t *content_len, size_t *records)
{
	int fds[2];
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
	struct received r = { .fd = fds[1] };
	pthread_t reader;
	ck_assert_int_eq(pthread_create(&reader, NULL, read_all, &r), 0);
	ck_assert(fastcgi_write_stdout(fds[0], id, head, head_len, body, body_len));
	close(fds[0]);
	pthread_join(reader, NULL);
	close(fds[1]);

	uint8_t *content = malloc(r.len + 1);
	size_t at = 0;
	*content_len = 0;
	*records = 0;
	while (at < r.len) {
		ck_assert_uint_ge(r.len - at, 8);
		const uint8_t *h = r.bytes + at;
		ck_assert_uint_eq(h[0], 1);		/* FCGI_VERSION_1 */
		ck_assert_uint_eq(h[1], 6);		/* FCGI_STDOUT */
		ck_assert_int_eq(h[2] << 8 | h[3], id); /* the request's */
		size_t length = (size_t)h[4] << 8 | h[5], padding = h[6];
		ck_assert_uint_gt(length, 0); /* an empty record would end the stream */
		ck_assert_uint_le(length, FASTCGI_RECORD_CONTENT_MAX);
		ck_assert_uint_ge(r.len - at - 8, length + padding);
		memcpy(content + *content_len, h + 8, length);
		*content_len += length;
		at += 8 + length + padding;
		(*records)++;
	}
	free(r.bytes);
	return content;
}

static char *pattern(size_t len, unsigned seed)
{
	char *p = malloc(len + 1);
	for (size_t i = 0; i < len; i++)
		p[i] = (char)('a' + (i * 7 + seed + i / 251) % 26);
	p[len] = '\0';
	return p;
}

static void check_round_trip(size_t head_len, size_t body_len, size_t want_records)
{
	char *head = pattern(head_len, 1), *body = pattern(body_len, 5);
	size_t len, records;
	uint8_t *content = written(513, head, head_len, body, body_len, &len, &records);
	ck_assert_uint_eq(len, head_len + body_len);
	ck_assert(memcmp(content, head, head_len) == 0);
	ck_assert(memcmp(content + head_len, body, body_len) == 0);
	ck_assert_uint_eq(records, want_records);
	free(content);
	free(head);
	free(body);
}

START_TEST(a_small_page_is_one_record)
{
	check_round_trip(120, 3000, 1);
}
END_TEST

START_TEST(a_head_alone_and_nothing_at_all)
{
	check_round_trip(80, 0, 1); /* HEAD, or a redirect without a body */
	check_round_trip(0, 0, 0);  /* no record: libfcgi's closing one ends the stream */
}
END_TEST

START_TEST(a_record_holds_its_most_to_the_byte)
{
	check_round_trip(100, FASTCGI_RECORD_CONTENT_MAX - 100, 1);
	check_round_trip(100, FASTCGI_RECORD_CONTENT_MAX - 99, 2);
	check_round_trip(FASTCGI_RECORD_CONTENT_MAX + 1, 0, 2); /* a head over a record */
}
END_TEST

START_TEST(a_large_body_spans_records_and_writes)
{
	/* 40 records: more than one writev's 16 */
	size_t body = 40 * (size_t)FASTCGI_RECORD_CONTENT_MAX - 300;
	check_round_trip(300, body, 40);
}
END_TEST

START_TEST(the_request_id_uses_both_bytes)
{
	size_t len, records;
	uint8_t *content = written(0x1234, "Status: 200 OK\r\n\r\n", 18, "x", 1, &len, &records);
	ck_assert_uint_eq(len, 19);
	free(content);
}
END_TEST

START_TEST(a_closed_connection_answers_false)
{
	int fds[2];
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
	close(fds[1]);
	signal(SIGPIPE, SIG_IGN); /* as the worker does */
	ck_assert(!fastcgi_write_stdout(fds[0], 1, "h", 1, "b", 1));
	close(fds[0]);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("fastcgi_out");
	TCase *tc = tcase_create("records");
	tcase_add_test(tc, a_small_page_is_one_record);
	tcase_add_test(tc, a_head_alone_and_nothing_at_all);
	tcase_add_test(tc, a_record_holds_its_most_to_the_byte);
	tcase_add_test(tc, a_large_body_spans_records_and_writes);
	tcase_add_test(tc, the_request_id_uses_both_bytes);
	tcase_add_test(tc, a_closed_connection_answers_false);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
