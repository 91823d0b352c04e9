/* libFuzzer target: multipart_parse (fcgi/multipart.c) with small limits. The input is a
 * Content-Type header, a newline, then the body, so the fuzzer explores both. Besides the
 * sanitizers' checks, what it accepts must keep the parser's promises, and survive being
 * written out again as a body and parsed back unchanged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/multipart.h"

static const struct req_limits limits = { .body_bytes = 8192, .fields = 8, .field_bytes = 64 };

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_multipart: %s\n", why);
	abort();
}

static void check(const char *body, size_t len, const struct req_fields *fields,
		  const struct multipart_files *files)
{
	if (fields->count + files->count > limits.fields)
		fail("more parts than the limit");
	for (size_t i = 0; i < fields->count; i++) {
		const struct req_field *f = &fields->items[i];
		if (f->name == NULL || f->value == NULL || f->name[0] == '\0')
			fail("NULL or empty field name, or NULL value");
		if (strlen(f->value) != f->value_len)
			fail("value_len is not the length of the value (a NUL inside?)");
		if (f->value_len > limits.field_bytes)
			fail("value longer than field_bytes");
		if (!req_valid_utf8(f->name, strlen(f->name)) ||
		    !req_valid_utf8(f->value, f->value_len))
			fail("accepted invalid UTF-8");
	}
	for (size_t i = 0; i < files->count; i++) {
		const struct multipart_file *file = &files->items[i];
		if (file->name == NULL || file->name[0] == '\0' || file->filename == NULL ||
		    file->content_type == NULL)
			fail("a file without a name, filename or content type");
		if (strpbrk(file->filename, "/\\") != NULL)
			fail("a filename kept a directory");
		if (!req_valid_utf8(file->filename, strlen(file->filename)))
			fail("a filename is not UTF-8");
		if (file->data < body || file->len > len || file->data + file->len > body + len)
			fail("file bytes outside the body");
		if (multipart_file_get(files, file->name) == NULL)
			fail("multipart_file_get cannot find a parsed file");
	}
}

/* Writes the parts out again as a browser would, with a boundary in none of them. */
static char *rebuild(struct arena *arena, const struct req_fields *fields,
		     const struct multipart_files *files, const char *boundary, size_t *len)
{
	size_t size = 64;
	for (size_t i = 0; i < fields->count; i++)
		size += 128 + strlen(fields->items[i].name) + fields->items[i].value_len;
	for (size_t i = 0; i < files->count; i++)
		size += 192 + strlen(files->items[i].name) + strlen(files->items[i].filename) +
			strlen(files->items[i].content_type) + files->items[i].len;
	char *out = arena_alloc(arena, size);
	size_t n = 0;
	for (size_t i = 0; i < fields->count; i++) {
		n += (size_t)sprintf(out + n,
				     "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n",
				     boundary, fields->items[i].name);
		memcpy(out + n, fields->items[i].value, fields->items[i].value_len);
		n += fields->items[i].value_len;
		memcpy(out + n, "\r\n", 2);
		n += 2;
	}
	for (size_t i = 0; i < files->count; i++) {
		const struct multipart_file *f = &files->items[i];
		n += (size_t)sprintf(
			out + n,
			"--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n",
			boundary, f->name, f->filename);
		if (f->content_type[0] != '\0')
			n += (size_t)sprintf(out + n, "Content-Type: %s\r\n", f->content_type);
		memcpy(out + n, "\r\n", 2);
		n += 2;
		memcpy(out + n, f->data, f->len);
		n += f->len;
		memcpy(out + n, "\r\n", 2);
		n += 2;
	}
	n += (size_t)sprintf(out + n, "--%s--\r\n", boundary);
	*len = n;
	return out;
}

static bool contains(const char *s, size_t len, const char *needle)
{
	return memmem(s, len, needle, strlen(needle)) != NULL;
}

/* Whether the rebuilt body can be parsed back at all: no name, filename or content holds
 * the boundary or a quote, and the order of fields and files does not matter. */
static bool rebuildable(const struct req_fields *fields, const struct multipart_files *files,
			const char *boundary)
{
	for (size_t i = 0; i < fields->count; i++)
		if (strchr(fields->items[i].name, '"') || strpbrk(fields->items[i].name, "\r\n") ||
		    contains(fields->items[i].value, fields->items[i].value_len, boundary))
			return false;
	for (size_t i = 0; i < files->count; i++) {
		const struct multipart_file *f = &files->items[i];
		if (strchr(f->name, '"') || strchr(f->filename, '"') || strpbrk(f->name, "\r\n") ||
		    strpbrk(f->filename, "\r\n") || contains(f->data, f->len, boundary))
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *arena;
	if (arena == NULL)
		arena = arena_new(16384);
	arena_reset(arena);

	const char *newline = memchr(data, '\n', size);
	if (newline == NULL)
		return 0;
	size_t type_len = (size_t)(newline - (const char *)data);
	char *content_type = arena_strndup(arena, (const char *)data, type_len);
	const char *body = newline + 1;
	size_t len = size - type_len - 1;

	struct req_fields fields = { 0 };
	struct multipart_files files = { 0 };
	enum req_status status =
		multipart_parse(arena, body, len, content_type, &limits, &fields, &files);
	if (status != REQ_OK && status != REQ_MALFORMED && status != REQ_TOO_LARGE)
		fail("unknown status");
	if (status != REQ_OK)
		return 0;
	check(body, len, &fields, &files);

	const char *boundary = "fuzzBoundary0123456789";
	if (!rebuildable(&fields, &files, boundary))
		return 0;
	size_t rebuilt_len;
	char *rebuilt = rebuild(arena, &fields, &files, boundary, &rebuilt_len);
	struct req_fields again = { 0 };
	struct multipart_files again_files = { 0 };
	struct req_limits roomy = limits;
	roomy.body_bytes = rebuilt_len; /* the rebuilt headers may be longer than the original */
	if (multipart_parse(arena, rebuilt, rebuilt_len,
			    "multipart/form-data; boundary=fuzzBoundary0123456789", &roomy, &again,
			    &again_files) != REQ_OK)
		fail("a rebuilt body was refused");
	if (again.count != fields.count || again_files.count != files.count)
		fail("a rebuilt body gave a different number of parts");
	for (size_t i = 0; i < fields.count; i++)
		if (strcmp(again.items[i].name, fields.items[i].name) != 0 ||
		    again.items[i].value_len != fields.items[i].value_len ||
		    memcmp(again.items[i].value, fields.items[i].value,
			   fields.items[i].value_len) != 0)
			fail("a rebuilt field came back different");
	for (size_t i = 0; i < files.count; i++)
		if (strcmp(again_files.items[i].name, files.items[i].name) != 0 ||
		    strcmp(again_files.items[i].filename, files.items[i].filename) != 0 ||
		    strcmp(again_files.items[i].content_type, files.items[i].content_type) != 0 ||
		    again_files.items[i].len != files.items[i].len ||
		    memcmp(again_files.items[i].data, files.items[i].data, files.items[i].len) != 0)
			fail("a rebuilt file came back different");
	return 0;
}
