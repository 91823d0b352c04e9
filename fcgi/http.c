/* Building the response: headers, body, redirects, the security headers of every response. */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "config.h"
#include "json.h"

const char *const http_method_names[HTTP_METHOD__MAX] = {
	[HTTP_GET] = "GET",	    [HTTP_HEAD] = "HEAD",     [HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT",	    [HTTP_DELETE] = "DELETE", [HTTP_PATCH] = "PATCH",
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
	req->headers[req->header_count++] = (struct http_header){ name, value };
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
	http_header_add(req, "Location",
			arena_printf(req->arena, "%s%s", req->config->base_path, app_path));
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
	http_header_add(
		req, "Content-Security-Policy",
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

void http_json(struct request *req, int status, const struct json *json)
{
	req->status = status;
	req->body->len = 0;
	http_header_add(req, "Content-Type", "application/json; charset=utf-8");
	http_body_puts(req, json_text(json));
	http_body_puts(req, "\n");
}

const char *http_error_code(int status)
{
	switch (status) {
	case 400:
		return "invalid";
	case 401:
		return "signed_out";
	case 403:
		return "forbidden";
	case 404:
		return "not_found";
	case 405:
		return "method_not_allowed";
	case 409:
		return "conflict";
	case 410:
		return "gone";
	case 413:
		return "too_large";
	case 429:
		return "too_many";
	case 503:
		return "unavailable";
	default:
		return "internal";
	}
}

void http_json_error(struct request *req, int status, const char *code, const char *message,
		     const char *field)
{
	struct json json;
	json_init(&json, req->arena);
	json_object_begin(&json);
	json_member_string(&json, "error", code != NULL ? code : http_error_code(status));
	json_member_string(&json, "message", message);
	if (field != NULL)
		json_member_string(&json, "field", field);
	json_object_end(&json);
	http_json(req, status, &json);
}
