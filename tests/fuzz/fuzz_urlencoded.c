/* libFuzzer target: req_parse_urlencoded (fcgi/request.c) with small limits, so inputs
 * reach them. Besides the sanitizers' checks, what it accepts must keep the parser's
 * promises, and survive being encoded again and parsed back unchanged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/request.h"

static const struct req_limits limits = { .body_bytes = 4096, .fields = 8, .field_bytes = 32 };

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_urlencoded: %s\n", why);
	abort();
}

/* Percent-encodes every byte but the unreserved ones, like a browser would. */
static size_t encode(const char *in, size_t len, char *out)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = digits[c >> 4];
			out[o++] = digits[c & 0xf];
		}
	}
	return o;
}

static void check_fields(const struct req_fields *fields, size_t from)
{
	if (fields->count - from > limits.fields)
		fail("more fields than the limit");
	for (size_t i = from; i < fields->count; i++) {
		const struct req_field *f = &fields->items[i];
		if (f->name == NULL || f->value == NULL)
			fail("NULL name or value");
		if (strlen(f->value) != f->value_len)
			fail("value_len is not the length of the value (a NUL inside?)");
		if (f->value_len > limits.field_bytes)
			fail("value longer than field_bytes");
		if (!req_valid_utf8(f->name, strlen(f->name)) ||
		    !req_valid_utf8(f->value, f->value_len))
			fail("accepted invalid UTF-8");
		const char *first = req_field_get(fields, f->name);
		if (first == NULL)
			fail("req_field_get cannot find a parsed name");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *arena;
	if (arena == NULL)
		arena = arena_new(4096);
	arena_reset(arena);

	struct req_fields fields = { 0 };
	enum req_status status =
		req_parse_urlencoded(arena, (const char *)data, size, &limits, &fields);
	if (status != REQ_OK && status != REQ_MALFORMED && status != REQ_TOO_LARGE)
		fail("unknown status");
	if (status != REQ_OK)
		return 0;
	check_fields(&fields, 0);

	/* the same input parses the same way when appended to what is already there */
	struct req_fields again = fields;
	if (req_parse_urlencoded(arena, (const char *)data, size, &limits, &again) != REQ_OK ||
	    again.count != 2 * fields.count)
		fail("parsing again gave a different answer");

	/* encode what was accepted, parse it back: the same fields */
	size_t encoded_size = 1;
	for (size_t i = 0; i < fields.count; i++)
		encoded_size += 3 * (strlen(fields.items[i].name) + fields.items[i].value_len) + 2;
	char *encoded = arena_alloc(arena, encoded_size);
	size_t len = 0;
	for (size_t i = 0; i < fields.count; i++) {
		if (i > 0)
			encoded[len++] = '&';
		len += encode(fields.items[i].name, strlen(fields.items[i].name), encoded + len);
		encoded[len++] = '=';
		len += encode(fields.items[i].value, fields.items[i].value_len, encoded + len);
	}
	struct req_fields round = { 0 };
	if (req_parse_urlencoded(arena, encoded, len, &limits, &round) != REQ_OK)
		fail("re-encoded fields were refused");
	if (round.count != fields.count)
		fail("re-encoded fields came back a different number");
	for (size_t i = 0; i < fields.count; i++)
		if (strcmp(round.items[i].name, fields.items[i].name) != 0 ||
		    round.items[i].value_len != fields.items[i].value_len ||
		    memcmp(round.items[i].value, fields.items[i].value,
			   fields.items[i].value_len) != 0)
			fail("a re-encoded field came back different");
	return 0;
}
