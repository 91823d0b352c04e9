/* The JSON writer: a buffer that doubles from the arena as it fills (the old copy stays in
 * the arena until the request ends, which costs at most as much again). */
#include "json.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"

void json_init(struct json *json, struct arena *arena)
{
	*json = (struct json){ .arena = arena };
	json->capacity = 256;
	json->data = arena_alloc(arena, json->capacity);
	json->data[0] = '\0';
}

static void put(struct json *json, const char *bytes, size_t len)
{
	if (json->len + len + 1 > json->capacity) {
		size_t capacity = json->capacity * 2;
		while (json->len + len + 1 > capacity)
			capacity *= 2;
		char *grown = arena_alloc(json->arena, capacity);
		memcpy(grown, json->data, json->len);
		json->data = grown;
		json->capacity = capacity;
	}
	memcpy(json->data + json->len, bytes, len);
	json->len += len;
	json->data[json->len] = '\0';
}

static void put_text(struct json *json, const char *text)
{
	put(json, text, strlen(text));
}

/* Before any value: the comma between items of an array (an object's comes before its key). */
static void before_value(struct json *json)
{
	if (json->after_key) {
		json->after_key = false;
		return;
	}
	if (json->has_items[json->depth])
		put(json, ",", 1);
	json->has_items[json->depth] = true;
}

static void open_container(struct json *json, char bracket)
{
	before_value(json);
	put(json, &bracket, 1);
	if (json->depth < JSON_MAX_DEPTH)
		json->depth++;
	json->has_items[json->depth] = false;
}

static void close_container(struct json *json, char bracket)
{
	put(json, &bracket, 1);
	if (json->depth > 0)
		json->depth--;
}

void json_object_begin(struct json *json)
{
	open_container(json, '{');
}

void json_object_end(struct json *json)
{
	close_container(json, '}');
}

void json_array_begin(struct json *json)
{
	open_container(json, '[');
}

void json_array_end(struct json *json)
{
	close_container(json, ']');
}

/* The length of the UTF-8 sequence at p (1 to 4), or 0 when it is not a valid one: overlong
 * forms, surrogates and code points above U+10FFFF are refused as the standard says. */
static size_t utf8_length(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	size_t len = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
	if (len == 0 || p[0] > 0xf4)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90))
		return 0;
	return len;
}

static void put_string(struct json *json, const char *text)
{
	put(json, "\"", 1);
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		char escape[8];
		size_t len = utf8_length(p);
		if (*p == '"' || *p == '\\') {
			escape[0] = '\\';
			escape[1] = (char)*p;
			put(json, escape, 2);
		} else if (*p == '\n' || *p == '\r' || *p == '\t') {
			put(json, *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : "\\t", 2);
		} else if (*p < 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == '&') {
			snprintf(escape, sizeof escape, "\\u%04x", *p);
			put(json, escape, 6);
		} else if (len == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
			   (p[2] == 0xa8 || p[2] == 0xa9)) {
			put(json, p[2] == 0xa8 ? "\\u2028" : "\\u2029", 6);
		} else if (len == 0) {
			put(json, "\\ufffd", 6); /* not UTF-8: one replacement per byte */
			len = 1;
		} else {
			put(json, (const char *)p, len);
		}
		p += len ? len : 1;
	}
	put(json, "\"", 1);
}

void json_key(struct json *json, const char *name)
{
	json->after_key = false;
	before_value(json);
	put_string(json, name);
	put(json, ":", 1);
	json->after_key = true;
}

void json_string(struct json *json, const char *text)
{
	if (text == NULL) {
		json_null(json);
		return;
	}
	before_value(json);
	put_string(json, text);
}

void json_int(struct json *json, long long value)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%lld", value);
	before_value(json);
	put(json, digits, (size_t)len);
}

void json_bool(struct json *json, bool value)
{
	before_value(json);
	put_text(json, value ? "true" : "false");
}

void json_null(struct json *json)
{
	before_value(json);
	put_text(json, "null");
}

void json_member_string(struct json *json, const char *name, const char *text)
{
	json_key(json, name);
	json_string(json, text);
}

void json_member_int(struct json *json, const char *name, long long value)
{
	json_key(json, name);
	json_int(json, value);
}

void json_member_bool(struct json *json, const char *name, bool value)
{
	json_key(json, name);
	json_bool(json, value);
}

const char *json_text(const struct json *json)
{
	return json->data;
}
