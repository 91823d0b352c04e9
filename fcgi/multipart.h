/* multipart/form-data bodies (RFC 7578), the way browsers send forms with a file input.
 * Pure: bytes and limits in, fields and files out, or a status; a fuzzer can drive it. */
#ifndef REFERRALS_MULTIPART_H
#define REFERRALS_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "request.h"

struct arena;

/* One part that came with a filename parameter: a file input (a file input left empty
 * arrives with filename "" and no bytes). */
struct multipart_file {
	const char *name;	  /* the form field's name */
	const char *filename;	  /* as sent, less any directory a browser put before it */
	const char *content_type; /* the part's Content-Type, or "" when it had none */
	const char *data;	  /* the bytes, inside the body (not copied, not NUL-terminated) */
	size_t len;
};

struct multipart_files {
	struct multipart_file *items;
	size_t count;
	size_t capacity;
};

/* The longest boundary RFC 2046 allows. */
#define MULTIPART_BOUNDARY_MAX 70

/* Parses body, whose Content-Type header is content_type ("multipart/form-data;
 * boundary=..."). Parts without a filename become fields (appended to fields, exactly like
 * req_parse_urlencoded's: valid UTF-8, no NUL, at most limits->field_bytes); parts with one
 * become files (appended to files; their size is bounded by the body's).
 *   REQ_TOO_LARGE: the body is over limits->body_bytes, there are more than limits->fields
 *                  parts, or a field is over limits->field_bytes;
 *   REQ_MALFORMED: no usable boundary, a delimiter missing, a part without a
 *                  Content-Disposition of form-data with a name, headers too long, a name
 *                  or field that is not UTF-8 or holds a NUL.
 * Names and field values are copied into the arena; file bytes point into body, which must
 * outlive the result. */
enum req_status multipart_parse(struct arena *arena, const char *body, size_t len,
				const char *content_type, const struct req_limits *limits,
				struct req_fields *fields, struct multipart_files *files);

/* The boundary parameter of a Content-Type header, unquoted, into out (at least
 * MULTIPART_BOUNDARY_MAX + 1 bytes); false when there is none or it breaks RFC 2046. */
bool multipart_boundary(const char *content_type, char *out, size_t out_size);

/* The first file sent for the field name, or NULL. */
const struct multipart_file *multipart_file_get(const struct multipart_files *files,
						const char *name);

#endif
