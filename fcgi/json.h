/* A small JSON writer: objects, arrays, strings, integers, booleans and null, written in order
 * into a growing buffer from the request's arena. Commas and colons are placed by the writer,
 * so a caller only says what comes next. Pure (no I/O); http_json sends the result.
 *
 * Strings are escaped for JSON and for being harmless if shown as HTML or run as script:
 * quotes, backslashes and control characters as JSON requires, and also < > & and
 * U+2028/U+2029 as \u escapes (\u003c, \u2028). Other UTF-8 passes through; bytes that are not
 * UTF-8 become U+FFFD, so the output is valid JSON whatever the input. */
#ifndef REFERRALS_JSON_H
#define REFERRALS_JSON_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

#define JSON_MAX_DEPTH 16

struct json {
	struct arena *arena;
	char *data; /* NUL-terminated */
	size_t len;
	size_t capacity;
	unsigned depth;
	bool has_items[JSON_MAX_DEPTH + 1]; /* whether the open container has a value yet */
	bool after_key;			    /* a key was written: its value comes next */
};

void json_init(struct json *json, struct arena *arena);
void json_object_begin(struct json *json);
void json_object_end(struct json *json);
void json_array_begin(struct json *json);
void json_array_end(struct json *json);
/* The name of the next member of the open object. */
void json_key(struct json *json, const char *name);
/* text as a string; NULL writes null. */
void json_string(struct json *json, const char *text);
void json_int(struct json *json, long long value);
void json_bool(struct json *json, bool value);
void json_null(struct json *json);

/* A key and its value in one call. */
void json_member_string(struct json *json, const char *name, const char *text);
void json_member_int(struct json *json, const char *name, long long value);
void json_member_bool(struct json *json, const char *name, bool value);

/* What was written so far. */
const char *json_text(const struct json *json);

#endif
