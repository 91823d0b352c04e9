/* Parsing of query strings, urlencoded bodies and cookies, with limits. */
#include "request.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long req_percent_decode(const char *in, size_t len, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (in[i] == '+') {
			out[o++] = ' ';
		} else if (in[i] == '%') {
			if (i + 2 >= len)
				return -1;
			int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			out[o++] = in[i];
		}
	}
	out[o] = '\0';
	return (long)o;
}

bool req_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c = p[i];
		size_t extra;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			extra = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			extra = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			extra = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= extra)
			return false;
		for (size_t k = 1; k <= extra; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		/* overlong forms, surrogates, beyond Unicode */
		if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		i += extra + 1;
	}
	return true;
}

static void fields_push(struct arena *arena, struct req_fields *out, const char *name,
			const char *value, size_t value_len)
{
	out->items =
		arena_grow(arena, out->items, out->count, &out->capacity, sizeof *out->items, 16);
	out->items[out->count++] = (struct req_field){ name, value, value_len };
}

/* Decodes one name or value; REQ_OK with *result set, or the reason it is refused. */
static enum req_status decode_part(struct arena *arena, const char *text, size_t len,
				   size_t max_len, const char **result, size_t *result_len)
{
	/* Percent-encoding only shrinks text, so a value whose raw form is three times the
	 * limit is certainly too long; otherwise decode and measure. */
	if (len > max_len * 3)
		return REQ_TOO_LARGE;
	char *decoded = arena_alloc(arena, len + 1);
	long decoded_len = req_percent_decode(text, len, decoded);
	if (decoded_len < 0)
		return REQ_MALFORMED;
	if ((size_t)decoded_len > max_len)
		return REQ_TOO_LARGE;
	if (memchr(decoded, '\0', (size_t)decoded_len) != NULL ||
	    !req_valid_utf8(decoded, (size_t)decoded_len))
		return REQ_MALFORMED;
	*result = decoded;
	*result_len = (size_t)decoded_len;
	return REQ_OK;
}

enum req_status req_parse_urlencoded(struct arena *arena, const char *text, size_t len,
				     const struct req_limits *limits, struct req_fields *out)
{
	size_t added = 0;
	size_t start = 0;
	while (start <= len) {
		const char *amp = memchr(text + start, '&', len - start);
		size_t end = amp ? (size_t)(amp - text) : len;
		if (end > start) {
			if (++added > limits->fields)
				return REQ_TOO_LARGE;
			const char *pair = text + start;
			size_t pair_len = end - start;
			const char *eq = memchr(pair, '=', pair_len);
			size_t name_len = eq ? (size_t)(eq - pair) : pair_len;
			const char *name, *value = "";
			size_t decoded_name_len, value_len = 0;
			enum req_status status =
				decode_part(arena, pair, name_len, 256, &name, &decoded_name_len);
			if (status != REQ_OK)
				return status;
			if (eq) {
				status = decode_part(arena, eq + 1, pair_len - name_len - 1,
						     limits->field_bytes, &value, &value_len);
				if (status != REQ_OK)
					return status;
			}
			fields_push(arena, out, name, value, value_len);
		}
		if (amp == NULL)
			break;
		start = end + 1;
	}
	return REQ_OK;
}

static bool cookie_name_char(unsigned char c)
{
	/* RFC 6265 token characters */
	return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

void req_parse_cookies(struct arena *arena, const char *header, struct req_fields *out)
{
	if (header == NULL)
		return;
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *name = p;
		while (*p && cookie_name_char((unsigned char)*p))
			p++;
		size_t name_len = (size_t)(p - name);
		bool ok = name_len > 0 && *p == '=';
		const char *value = NULL;
		size_t value_len = 0;
		if (ok) {
			value = ++p;
			while (*p && *p != ';')
				p++;
			value_len = (size_t)(p - value);
			while (value_len > 0 &&
			       (value[value_len - 1] == ' ' || value[value_len - 1] == '\t'))
				value_len--;
			if (value_len >= 2 && value[0] == '"' && value[value_len - 1] == '"') {
				value++;
				value_len -= 2;
			}
			for (size_t i = 0; i < value_len; i++) {
				unsigned char c = (unsigned char)value[i];
				if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == '\\')
					ok = false;
			}
		}
		if (ok)
			fields_push(arena, out, arena_strndup(arena, name, name_len),
				    arena_strndup(arena, value, value_len), value_len);
		while (*p && *p != ';')
			p++;
	}
}

const char *req_field_get(const struct req_fields *fields, const char *name)
{
	for (size_t i = 0; i < fields->count; i++)
		if (strcmp(fields->items[i].name, name) == 0)
			return fields->items[i].value;
	return NULL;
}

void req_media_type(const char *content_type, char *out, size_t out_size)
{
	size_t o = 0;
	if (out_size == 0)
		return;
	if (content_type != NULL) {
		const char *p = content_type;
		while (*p == ' ')
			p++;
		for (; *p && *p != ';' && *p != ' ' && o + 1 < out_size; p++)
			out[o++] = (char)tolower((unsigned char)*p);
	}
	out[o] = '\0';
}
