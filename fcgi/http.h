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
	const char *path;         /* below the base path, always starting with '/' */
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
	struct session *session;                  /* NULL when signed out */
	struct _hdf *view;                        /* template data, made on first use */

	/* the response */
	int status;
	struct http_header *headers;
	size_t header_count;
	size_t header_capacity;
	struct body_buffer *body; /* owned by the worker, reused between requests */
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
/* text as a JSON string with its quotes ("null" for NULL). Besides quotes, backslashes and
 * control characters, it escapes < > & and U+2028/U+2029, so the answer stays harmless if
 * anything shows it as HTML or evaluates it as script. Input is valid UTF-8. */
const char *http_json_string(struct arena *arena, const char *text);
/* Security headers every response carries; pages add no-store through this too. */
void http_security_headers(struct request *req);

#endif
