/* Pure parsers for what a request carries: query strings, urlencoded bodies and cookies.
 * They take bytes and limits and return fields or a status; no I/O, so a fuzzer can drive them. */
#ifndef REFERRALS_REQUEST_H
#define REFERRALS_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum req_status {
	REQ_OK = 0,
	REQ_MALFORMED, /* 400: bad percent-encoding, NUL bytes, invalid UTF-8 */
	REQ_TOO_LARGE, /* 413: over a configured limit */
};

struct req_limits {
	size_t body_bytes;  /* largest request body accepted */
	size_t fields;	    /* most fields in one query string or body */
	size_t field_bytes; /* longest single decoded value */
};

struct req_field {
	const char *name;
	const char *value; /* NUL-terminated; decoded values never contain NUL */
	size_t value_len;
};

struct req_fields {
	struct req_field *items;
	size_t count;
	size_t capacity;
};

/* Parses "a=1&b=two+words&c=%C3%A9" (a query string or an application/x-www-form-urlencoded
 * body) into out, appending. Every name and value must decode to valid UTF-8 without NUL. */
enum req_status req_parse_urlencoded(struct arena *arena, const char *text, size_t len,
				     const struct req_limits *limits, struct req_fields *out);
/* Parses a Cookie header. Malformed pairs are skipped (a browser may hold cookies from other
 * applications on the same host that we must not choke on); values are not decoded. */
void req_parse_cookies(struct arena *arena, const char *header, struct req_fields *out);
/* The first value for name, or NULL. */
const char *req_field_get(const struct req_fields *fields, const char *name);
/* Decodes %XX and '+' in place into out (which holds len + 1); returns the decoded length
 * or -1 for bad escapes. */
long req_percent_decode(const char *in, size_t len, char *out);
bool req_valid_utf8(const char *s, size_t len);
/* The media type of a Content-Type header without parameters, lower-cased into out. */
void req_media_type(const char *content_type, char *out, size_t out_size);

#endif
