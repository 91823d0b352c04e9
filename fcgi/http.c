/* Building the response: headers, body, redirects, the security headers of every response. */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "config.h"

const char *const http_method_names[HTTP_METHOD__MAX] = {
	[HTTP_GET] = "GET",       [HTTP_HEAD] = "HEAD",       [HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT",       [HTTP_DELETE] = "DELETE",   [HTTP_PATCH] = "PATCH",
	[HTTP_OPTIONS] = "OPTIONS", [HTTP_OTHER] = "OTHER",
};

enum http_method http_method_parse(const char *name)
{
	if (name == NULL)
		return HTTP_OTHER;
	for (int m = 0; m < HTTP_OTHER; m++)
		if (strcmp(name, http_method_names[m]) == 0)
			return (enum http_method)m;
	return HTTP_OTHER;
}

void http_header_add(struct request *req, const char *name, const char *value)
{
	if (req->header_count == req->header_capacity) {
		size_t capacity = req->header_capacity ? req->header_capacity * 2 : 16;
		struct http_header *headers = arena_alloc(req->arena, capacity * sizeof *headers);
		if (req->header_count)
			memcpy(headers, req->headers, req->header_count * sizeof *headers);
		req->headers = headers;
		req->header_capacity = capacity;
	}
	req->headers[req->header_count++] = (struct http_header){name, value};
}

void http_body_append(struct request *req, const char *bytes, size_t len)
{
	struct body_buffer *body = req->body;
	if (body->len + len + 1 > body->capacity) {
		size_t capacity = body->capacity ? body->capacity : 16384;
		while (capacity < body->len + len + 1)
			capacity *= 2;
		char *bigger = realloc(body->data, capacity);
		if (bigger == NULL)
			abort();
		body->data = bigger;
		body->capacity = capacity;
	}
	memcpy(body->data + body->len, bytes, len);
	body->len += len;
	body->data[body->len] = '\0';
}

void http_body_puts(struct request *req, const char *text)
{
	http_body_append(req, text, strlen(text));
}

void http_redirect(struct request *req, const char *app_path)
{
	req->status = 303;
	http_header_add(req, "Location", arena_printf(req->arena, "%s%s", req->config->base_path, app_path));
}

const char *http_form(const struct request *req, const char *name)
{
	return req_field_get(&req->form, name);
}

const char *http_query(const struct request *req, const char *name)
{
	return req_field_get(&req->query, name);
}

const char *http_safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || (unsigned char)*p == 0x7f)
			return "/";
	return next;
}

void http_security_headers(struct request *req)
{
	http_header_add(req, "Content-Security-Policy",
			"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
			"base-uri 'none'; object-src 'none'");
	http_header_add(req, "X-Content-Type-Options", "nosniff");
	http_header_add(req, "X-Frame-Options", "DENY");
	http_header_add(req, "Referrer-Policy", "same-origin");
	http_header_add(req, "Cross-Origin-Opener-Policy", "same-origin");
	http_header_add(req, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	/* Every page may show personal data or a form token: never store them in caches. */
	http_header_add(req, "Cache-Control", "no-store");
	if (req->tls)
		http_header_add(req, "Strict-Transport-Security", "max-age=31536000");
}

const char *http_json_string(struct arena *arena, const char *text)
{
	if (text == NULL)
		return "null";
	char *out = arena_alloc(arena, strlen(text) * 6 + 3), *o = out;
	*o++ = '"';
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		unsigned char ch = *p;
		if (ch == '"' || ch == '\\') {
			*o++ = '\\';
			*o++ = (char)ch;
		} else if (ch == '\n' || ch == '\r' || ch == '\t') {
			*o++ = '\\';
			*o++ = ch == '\n' ? 'n' : ch == '\r' ? 'r' : 't';
		} else if (ch < 0x20 || ch == 0x7f || ch == '<' || ch == '>' || ch == '&') {
			o += sprintf(o, "\\u%04x", ch);
		} else if (ch == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			o += sprintf(o, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
			p += 2;
		} else {
			*o++ = (char)ch;
		}
	}
	*o++ = '"';
	*o = '\0';
	return out;
}
