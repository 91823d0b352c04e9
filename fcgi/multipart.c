/* multipart/form-data parsing: find the boundary, walk the parts between delimiters, read
 * each part's Content-Disposition (and Content-Type), and hand out fields and files. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* memmem */
#endif
#include "multipart.h"

#include <string.h>

#include "arena.h"

#define NAME_MAX_BYTES 256 /* as for urlencoded field names */
#define FILENAME_MAX_BYTES 1024
#define HEADERS_MAX_BYTES 8192 /* one part's header section */
#define CONTENT_TYPE_MAX_BYTES 255

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether len bytes at s are word, case-insensitively (word is lower case). */
static bool span_is(const char *s, size_t len, const char *word)
{
	if (strlen(word) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (lower(s[i]) != word[i])
			return false;
	return true;
}

static bool space(char c)
{
	return c == ' ' || c == '\t';
}

/* RFC 2046 bchars: what a boundary may be made of (a space, but not at the end). */
static bool boundary_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

bool multipart_boundary(const char *content_type, char *out, size_t out_size)
{
	if (content_type == NULL || out_size < MULTIPART_BOUNDARY_MAX + 1)
		return false;
	const char *p = strchr(content_type, ';');
	while (p != NULL) {
		p++;
		while (space(*p))
			p++;
		const char *name = p;
		while (*p && *p != '=' && *p != ';' && !space(*p))
			p++;
		size_t name_len = (size_t)(p - name);
		while (space(*p))
			p++;
		if (*p != '=') {
			p = strchr(p, ';');
			continue;
		}
		p++;
		while (space(*p))
			p++;
		size_t len = 0;
		bool quoted = *p == '"';
		if (quoted) {
			p++;
			/* an HTTP quoted-string: a backslash quotes the next character */
			while (*p && *p != '"') {
				if (*p == '\\' && p[1] != '\0')
					p++;
				if (len < MULTIPART_BOUNDARY_MAX + 1)
					out[len] = *p;
				len++;
				p++;
			}
			if (*p != '"')
				return false;
			p++;
		} else {
			while (*p && *p != ';' && !space(*p)) {
				if (len < MULTIPART_BOUNDARY_MAX + 1)
					out[len] = *p;
				len++;
				p++;
			}
		}
		if (span_is(name, name_len, "boundary")) {
			if (len == 0 || len > MULTIPART_BOUNDARY_MAX || out[len - 1] == ' ')
				return false;
			for (size_t i = 0; i < len; i++)
				if (!boundary_char(out[i]))
					return false;
			out[len] = '\0';
			return true;
		}
		p = strchr(p, ';');
	}
	return false;
}

const struct multipart_file *multipart_file_get(const struct multipart_files *files,
						const char *name)
{
	for (size_t i = 0; i < files->count; i++)
		if (strcmp(files->items[i].name, name) == 0)
			return &files->items[i];
	return NULL;
}

static void push_field(struct arena *arena, struct req_fields *out, const char *name,
		       const char *value, size_t value_len)
{
	out->items =
		arena_grow(arena, out->items, out->count, &out->capacity, sizeof *out->items, 16);
	out->items[out->count++] = (struct req_field){ name, value, value_len };
}

static void push_file(struct arena *arena, struct multipart_files *out, struct multipart_file file)
{
	out->items =
		arena_grow(arena, out->items, out->count, &out->capacity, sizeof *out->items, 4);
	out->items[out->count++] = file;
}

/* Text the program will show or store: valid UTF-8 without NUL. */
static bool plain_text(const char *s, size_t len)
{
	return memchr(s, '\0', len) == NULL && req_valid_utf8(s, len);
}

/* What a part's headers say about it. */
struct part_headers {
	const char *name;
	size_t name_len;
	const char *filename; /* NULL: not a file */
	size_t filename_len;
	const char *content_type;
	size_t content_type_len;
	bool form_data;
};

/* Content-Disposition: form-data; name="x"; filename="y". Parameter values are taken the
 * way browsers write them (RFC 7578 4.2, the HTML standard): inside quotes up to the next
 * quote, with no backslash escapes (browsers percent-encode a quote in a filename). */
static enum req_status parse_disposition(const char *p, const char *end, struct part_headers *h)
{
	const char *type = p;
	while (p < end && *p != ';' && !space(*p))
		p++;
	h->form_data = span_is(type, (size_t)(p - type), "form-data");
	while (p < end) {
		while (p < end && (space(*p) || *p == ';'))
			p++;
		if (p == end)
			break;
		const char *name = p;
		while (p < end && *p != '=' && *p != ';' && !space(*p))
			p++;
		size_t name_len = (size_t)(p - name);
		while (p < end && space(*p))
			p++;
		if (p == end || *p != '=') {
			continue; /* a parameter without a value: nothing we use */
		}
		p++;
		while (p < end && space(*p))
			p++;
		const char *value;
		size_t value_len;
		if (p < end && *p == '"') {
			value = ++p;
			const char *close = memchr(p, '"', (size_t)(end - p));
			if (close == NULL)
				return REQ_MALFORMED;
			value_len = (size_t)(close - value);
			p = close + 1;
		} else {
			value = p;
			while (p < end && *p != ';' && !space(*p))
				p++;
			value_len = (size_t)(p - value);
		}
		if (span_is(name, name_len, "name")) {
			h->name = value;
			h->name_len = value_len;
		} else if (span_is(name, name_len, "filename")) {
			h->filename = value;
			h->filename_len = value_len;
		}
	}
	return REQ_OK;
}

/* The header section of one part, from p up to end (the blank line excluded). */
static enum req_status parse_headers(const char *p, const char *end, struct part_headers *h)
{
	memset(h, 0, sizeof *h);
	while (p < end) {
		const char *line_end = memmem(p, (size_t)(end - p), "\r\n", 2);
		if (line_end == NULL)
			line_end = end;
		const char *colon = memchr(p, ':', (size_t)(line_end - p));
		if (colon == NULL)
			return REQ_MALFORMED;
		const char *value = colon + 1;
		while (value < line_end && space(*value))
			value++;
		const char *value_end = line_end;
		while (value_end > value && space(value_end[-1]))
			value_end--;
		if (span_is(p, (size_t)(colon - p), "content-disposition")) {
			enum req_status status = parse_disposition(value, value_end, h);
			if (status != REQ_OK)
				return status;
		} else if (span_is(p, (size_t)(colon - p), "content-type")) {
			h->content_type = value;
			h->content_type_len = (size_t)(value_end - value);
		}
		p = line_end == end ? end : line_end + 2;
	}
	return REQ_OK;
}

/* A copy of the part's Content-Type when it is short printable ASCII, else "". */
static const char *content_type_copy(struct arena *arena, const struct part_headers *h)
{
	if (h->content_type == NULL || h->content_type_len > CONTENT_TYPE_MAX_BYTES)
		return "";
	for (size_t i = 0; i < h->content_type_len; i++)
		if ((unsigned char)h->content_type[i] < 0x20 ||
		    (unsigned char)h->content_type[i] > 0x7e)
			return "";
	return arena_strndup(arena, h->content_type, h->content_type_len);
}

/* One part: the headers and content between two delimiters. */
static enum req_status take_part(struct arena *arena, const char *part, const char *part_end,
				 const struct req_limits *limits, struct req_fields *fields,
				 struct multipart_files *files)
{
	const char *content;
	const char *headers_end;
	if ((size_t)(part_end - part) >= 2 && part[0] == '\r' && part[1] == '\n') {
		headers_end = part; /* no headers at all */
		content = part + 2;
	} else {
		size_t window = (size_t)(part_end - part);
		if (window > HEADERS_MAX_BYTES + 4)
			window = HEADERS_MAX_BYTES + 4;
		headers_end = memmem(part, window, "\r\n\r\n", 4);
		if (headers_end == NULL)
			return REQ_MALFORMED;
		content = headers_end + 4;
	}
	struct part_headers h;
	enum req_status status = parse_headers(part, headers_end, &h);
	if (status != REQ_OK)
		return status;
	if (!h.form_data || h.name == NULL || h.name_len == 0)
		return REQ_MALFORMED;
	if (h.name_len > NAME_MAX_BYTES)
		return REQ_TOO_LARGE;
	if (!plain_text(h.name, h.name_len))
		return REQ_MALFORMED;
	const char *name = arena_strndup(arena, h.name, h.name_len);
	size_t content_len = (size_t)(part_end - content);

	if (h.filename == NULL) {
		if (content_len > limits->field_bytes)
			return REQ_TOO_LARGE;
		if (!plain_text(content, content_len))
			return REQ_MALFORMED;
		push_field(arena, fields, name, arena_strndup(arena, content, content_len),
			   content_len);
		return REQ_OK;
	}
	if (h.filename_len > FILENAME_MAX_BYTES)
		return REQ_TOO_LARGE;
	if (!plain_text(h.filename, h.filename_len))
		return REQ_MALFORMED;
	/* old browsers sent the whole path: keep only its last part */
	const char *base = h.filename;
	for (size_t i = 0; i < h.filename_len; i++)
		if (h.filename[i] == '/' || h.filename[i] == '\\')
			base = h.filename + i + 1;
	size_t base_len = h.filename_len - (size_t)(base - h.filename);
	push_file(arena, files,
		  (struct multipart_file){ .name = name,
					   .filename = arena_strndup(arena, base, base_len),
					   .content_type = content_type_copy(arena, &h),
					   .data = content,
					   .len = content_len });
	return REQ_OK;
}

enum req_status multipart_parse(struct arena *arena, const char *body, size_t len,
				const char *content_type, const struct req_limits *limits,
				struct req_fields *fields, struct multipart_files *files)
{
	if (len > limits->body_bytes)
		return REQ_TOO_LARGE;
	char media_type[32];
	req_media_type(content_type, media_type, sizeof media_type);
	char boundary[MULTIPART_BOUNDARY_MAX + 1];
	if (strcmp(media_type, "multipart/form-data") != 0 ||
	    !multipart_boundary(content_type, boundary, sizeof boundary))
		return REQ_MALFORMED;
	if (body == NULL)
		return REQ_MALFORMED;

	/* "\r\n--" boundary: the delimiter; the first one may start the body without the CRLF */
	char delimiter[MULTIPART_BOUNDARY_MAX + 5];
	size_t boundary_len = strlen(boundary);
	memcpy(delimiter, "\r\n--", 4);
	memcpy(delimiter + 4, boundary, boundary_len);
	size_t delimiter_len = boundary_len + 4;

	const char *end = body + len;
	const char *p;
	if (len >= delimiter_len - 2 && memcmp(body, delimiter + 2, delimiter_len - 2) == 0) {
		p = body + delimiter_len - 2;
	} else {
		const char *first = memmem(body, len, delimiter, delimiter_len);
		if (first == NULL)
			return REQ_MALFORMED;
		p = first + delimiter_len; /* a preamble before it is ignored */
	}
	size_t parts = 0;
	for (;;) {
		/* p is just after a delimiter: "--" closes, else the line ends (after any padding)
		 */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return REQ_OK; /* an epilogue after the close is ignored */
		while (p < end && space(*p))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return REQ_MALFORMED;
		p += 2;
		const char *next = memmem(p, (size_t)(end - p), delimiter, delimiter_len);
		if (next == NULL)
			return REQ_MALFORMED; /* the body ends inside a part */
		if (++parts > limits->fields)
			return REQ_TOO_LARGE;
		enum req_status status = take_part(arena, p, next, limits, fields, files);
		if (status != REQ_OK)
			return status;
		p = next + delimiter_len;
	}
}
