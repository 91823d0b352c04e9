/* The request a handler works on, and the response it builds. One per request, allocated
 * from the request's arena; the worker fills it in and writes the response out. */
#ifndef REFERRALS_HTTP_H
#define REFERRALS_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "multipart.h"
#include "request.h"

struct arena;
struct config;
struct layout;
struct session;
struct _hdf;

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_DELETE,
	HTTP_PATCH,
	HTTP_OPTIONS,
	HTTP_OTHER,
	HTTP_METHOD__MAX
};
extern const char *const http_method_names[HTTP_METHOD__MAX];
enum http_method http_method_parse(const char *name);

struct http_header {
	const char *name;
	const char *value;
};

struct body_buffer {
	char *data;
	size_t len;
	size_t capacity;
};

#define ROUTE_MAX_CAPTURES 4
/* struct request carries the files of multipart/form-data uploads (req->files) */

struct request {
	struct arena *arena;
	const struct config *config;
	char id[17];
	enum http_method method;
	const char *path;	  /* below the base path, always starting with '/' */
	const char *query_string; /* raw, without '?' */
	const char *remote_addr;
	const char *host;
	const char *origin;
	const char *sec_fetch_site;
	const char *user_agent;
	const char *content_type;
	bool tls;
	struct req_fields query;
	struct req_fields form;
	struct multipart_files files; /* the files of a multipart/form-data body */
	const char *raw_body; /* the urlencoded body as sent (kept to resume it after sign-in) */
	struct req_fields cookies;
	const char *captures[ROUTE_MAX_CAPTURES]; /* path pattern groups */
	struct session *session;		  /* NULL when signed out */
	const struct layout *layout; /* the page frame's data, loaded by the pipeline */
	bool replay;	   /* the handler made this a parked POST to run now (see page_resume) */
	struct _hdf *view; /* template data, made on first use */

	/* the response */
	int status;
	struct http_header *headers;
	size_t header_count;
	size_t header_capacity;
	struct body_buffer *body; /* owned by the worker, reused between requests */
	int body_file; /* > 0: an open file sent after body and closed (a large download) */
};

void http_header_add(struct request *req, const char *name, const char *value);
void http_body_append(struct request *req, const char *bytes, size_t len);
void http_body_puts(struct request *req, const char *text);
/* 303 to a path below the base path ("/signin?next=%2F"). */
void http_redirect(struct request *req, const char *app_path);
/* The field of the urlencoded body (POST) or NULL. */
const char *http_form(const struct request *req, const char *name);
const char *http_query(const struct request *req, const char *name);
/* A local path safe to redirect to after sign-in: starts with one '/', no scheme, no
 * backslash or control characters; otherwise "/". */
const char *http_safe_next(const char *next);
/* Answers status with what json holds (application/json, not stored by caches). */
struct json;
void http_json(struct request *req, int status, const struct json *json);
/* The one error shape of every JSON answer (HACKING.md, "JSON answers"):
 * {"error": code, "message": text for people[, "field": the input at fault]}
 * code is a stable word for scripts ("invalid", "not_found", "forbidden" ...), NULL for the
 * status's own (http_error_code); field may be NULL. */
void http_json_error(struct request *req, int status, const char *code, const char *message,
		     const char *field);
/* The code of an error status when the caller has no more precise one ("not_found"). */
const char *http_error_code(int status);
/* Security headers every response carries; pages add no-store through this too. */
void http_security_headers(struct request *req);

#endif
