/* libFuzzer target: req_parse_cookies (fcgi/request.c). A Cookie header is whatever the
 * browser holds for the host, other applications' cookies included: nothing may crash, and
 * every cookie kept must be a well-formed name and value (RFC 6265) found in the header. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/request.h"

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_cookies: %s\n", why);
	abort();
}

static bool token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

static bool cookie_octet(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *arena;
	if (arena == NULL)
		arena = arena_new(4096);
	arena_reset(arena);

	/* a header is a C string: stop at the first NUL as the FastCGI layer would */
	char *header = arena_strndup(arena, (const char *)data, size);
	size_t equals = 0;
	for (const char *p = header; *p; p++)
		equals += *p == '=';

	struct req_fields cookies = { 0 };
	req_parse_cookies(arena, header, &cookies);
	if (cookies.count > equals)
		fail("more cookies than '=' signs");
	/* a buffer for "name=value" and "name=\"value\"", and one for the whole list again */
	char *pair = arena_alloc(arena, size + 4);
	char *rebuilt = arena_alloc(arena, 2 * size + 1);
	size_t rebuilt_len = 0;
	const char *cursor = header; /* the cookies are in the header's order */
	for (size_t i = 0; i < cookies.count; i++) {
		const struct req_field *c = &cookies.items[i];
		size_t name_len = strlen(c->name);
		if (name_len == 0)
			fail("empty name");
		for (size_t k = 0; k < name_len; k++)
			if (!token_char((unsigned char)c->name[k]))
				fail("name with a character outside token");
		if (strlen(c->value) != c->value_len)
			fail("value_len is not the length of the value");
		for (size_t k = 0; k < c->value_len; k++)
			if (!cookie_octet((unsigned char)c->value[k]))
				fail("value with a character outside cookie-octet");
		if (name_len + 1 + c->value_len > size ||
		    rebuilt_len + 2 + name_len + 1 + c->value_len > 2 * size)
			fail("the cookies kept add up to more than the header");

		memcpy(pair, c->name, name_len);
		pair[name_len] = '=';
		memcpy(pair + name_len + 1, c->value, c->value_len);
		pair[name_len + 1 + c->value_len] = '\0';
		/* the first place it can be, as it is or quoted: never past where it really is */
		const char *at = strstr(cursor, pair);
		pair[name_len + 1] = '"';
		memcpy(pair + name_len + 2, c->value, c->value_len);
		memcpy(pair + name_len + 2 + c->value_len, "\"", 2);
		const char *quoted = strstr(cursor, pair);
		if (at == NULL || (quoted != NULL && quoted < at))
			at = quoted;
		if (at == NULL)
			fail("a cookie that is not in the header, or out of order");
		cursor = at + 1;
		if (req_field_get(&cookies, c->name) == NULL)
			fail("req_field_get cannot find a parsed name");

		/* what was kept, written as a browser would */
		if (i > 0) {
			memcpy(rebuilt + rebuilt_len, "; ", 2);
			rebuilt_len += 2;
		}
		memcpy(rebuilt + rebuilt_len, c->name, name_len);
		rebuilt[rebuilt_len + name_len] = '=';
		memcpy(rebuilt + rebuilt_len + name_len + 1, c->value, c->value_len);
		rebuilt_len += name_len + 1 + c->value_len;
	}
	rebuilt[rebuilt_len] = '\0';

	/* parses back the same */
	struct req_fields round = { 0 };
	req_parse_cookies(arena, rebuilt, &round);
	if (round.count != cookies.count)
		fail("rebuilt header gave a different number of cookies");
	for (size_t i = 0; i < round.count; i++)
		if (strcmp(round.items[i].name, cookies.items[i].name) != 0 ||
		    strcmp(round.items[i].value, cookies.items[i].value) != 0)
			fail("rebuilt header gave a different cookie");
	return 0;
}
