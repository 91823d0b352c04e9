/* The request cycle: parse → session → route and role → CSRF → handler → response → log. */
#include "worker.h"

#include <ctype.h>
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "model/catalog.h"
#include "multipart.h"
#include "pages/admin_reference.h"
#include "pages/pages.h"
#include "render.h"
#include "route.h"
#include "session.h"

static volatile sig_atomic_t stopping;
static const struct router *worker_router;

static void on_terminate(int signal_number)
{
	(void)signal_number;
	stopping = 1;
	FCGX_ShutdownPending();
}

static const char *param(FCGX_Request *fcgi, const char *name)
{
	return FCGX_GetParam(name, fcgi->envp);
}

/* CONTENT_LENGTH as a number; -1 when absent or not a plain decimal number. */
static long long content_length(const char *text)
{
	if (text == NULL || text[0] == '\0' || strlen(text) > 15)
		return -1;
	long long value = 0;
	for (const char *p = text; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		value = value * 10 + (*p - '0');
	}
	return value;
}

/* The paths that take a file upload (multipart/form-data up to Limits.UploadBytes). */
static const char *const upload_paths[] = {ADMIN_REFERENCE_UPLOAD_PATHS};

static bool upload_path(const char *path)
{
	for (size_t i = 0; i < sizeof upload_paths / sizeof upload_paths[0]; i++)
		if (strcmp(path, upload_paths[i]) == 0)
			return true;
	return false;
}

/* Fills req from the FastCGI parameters and body. Returns 0, or the status to answer with. */
static int read_request(struct request *req, FCGX_Request *fcgi)
{
	const struct config *config = req->config;
	req->method = http_method_parse(param(fcgi, "REQUEST_METHOD"));
	req->remote_addr = param(fcgi, "REMOTE_ADDR");
	req->host = param(fcgi, "HTTP_HOST");
	req->origin = param(fcgi, "HTTP_ORIGIN");
	req->sec_fetch_site = param(fcgi, "HTTP_SEC_FETCH_SITE");
	req->user_agent = param(fcgi, "HTTP_USER_AGENT");
	req->content_type = param(fcgi, "CONTENT_TYPE");
	const char *https = param(fcgi, "HTTPS");
	req->tls = https != NULL && (strcmp(https, "on") == 0 || strcmp(https, "1") == 0);
	req_parse_cookies(req->arena, param(fcgi, "HTTP_COOKIE"), &req->cookies);

	const char *uri = param(fcgi, "REQUEST_URI");
	if (uri == NULL || uri[0] != '/')
		return 400;
	const char *question = strchr(uri, '?');
	size_t path_len = question ? (size_t)(question - uri) : strlen(uri);
	req->query_string = question ? question + 1 : "";
	const char *base = config->base_path;
	size_t base_len = strlen(base);
	if (strncmp(uri, base, base_len) != 0)
		return 404;
	req->path = arena_strndup(req->arena, uri + base_len, path_len - base_len);
	if (req->path[0] == '\0')
		req->path = "/"; /* "/referrals" is the home page too */
	else if (req->path[0] != '/')
		return 404; /* "/referralsX" is not ours */

	enum req_status parsed = req_parse_urlencoded(req->arena, req->query_string,
						      strlen(req->query_string), &config->limits, &req->query);
	if (parsed != REQ_OK)
		return parsed == REQ_TOO_LARGE ? 413 : 400;

	if (req->method != HTTP_POST && req->method != HTTP_PUT && req->method != HTTP_PATCH)
		return 0;
	long long length = content_length(param(fcgi, "CONTENT_LENGTH"));
	if (length < 0)
		length = 0;
	char media_type[80];
	req_media_type(req->content_type, media_type, sizeof media_type);
	bool multipart = strcmp(media_type, "multipart/form-data") == 0;
	/* an upload may be larger than a form, on the few routes that take one */
	struct req_limits limits = config->limits;
	if (multipart && upload_path(req->path))
		limits.body_bytes = config->upload_bytes;
	if ((unsigned long long)length > limits.body_bytes)
		return 413;
	char *body = arena_alloc(req->arena, (size_t)length + 1);
	long long got = 0;
	while (got < length) { /* FCGX_GetStr takes an int: read a large body in pieces */
		long long want = length - got > (1 << 30) ? (1 << 30) : length - got;
		int n = FCGX_GetStr(body + got, (int)want, fcgi->in);
		if (n <= 0)
			break;
		got += n;
	}
	if (got != length)
		return 400;
	body[length] = '\0';
	if (strcmp(media_type, "application/x-www-form-urlencoded") == 0) {
		parsed = req_parse_urlencoded(req->arena, body, (size_t)length, &limits, &req->form);
		if (parsed != REQ_OK)
			return parsed == REQ_TOO_LARGE ? 413 : 400;
		req->raw_body = body;
	} else if (multipart) {
		parsed = multipart_parse(req->arena, body, (size_t)length, req->content_type, &limits,
					 &req->form, &req->files);
		if (parsed != REQ_OK)
			return parsed == REQ_TOO_LARGE ? 413 : 400;
	} else if (length > 0) {
		return 400;
	}
	return 0;
}

static bool unsafe_method(enum http_method method)
{
	return method != HTTP_GET && method != HTTP_HEAD && method != HTTP_OPTIONS;
}

/* The sign-in page, coming back to this page afterwards. */
static void redirect_to_signin(struct request *req)
{
	const char *back = req->method == HTTP_GET ? req->path : "/";
	if (req->method == HTTP_GET && req->query_string[0] != '\0')
		back = arena_printf(req->arena, "%s?%s", req->path, req->query_string);
	char *escaped = arena_alloc(req->arena, strlen(back) * 3 + 1), *o = escaped;
	for (const unsigned char *p = (const unsigned char *)back; *p; p++) {
		if (isalnum(*p) || strchr("-_.~", *p)) {
			*o++ = (char)*p;
		} else {
			o += sprintf(o, "%%%02X", *p);
		}
	}
	*o = '\0';
	http_redirect(req, arena_printf(req->arena, "/signin?next=%s", escaped));
}

static void run_handler(struct request *req, const struct route *route);

static void dispatch(struct request *req, const struct router *router, FCGX_Request *fcgi)
{
	int early = read_request(req, fcgi);
	if (early != 0) {
		view_error(req, early, NULL);
		return;
	}
	const struct route *route = NULL;
	const char *allow = NULL;
	switch (router_match(router, req->arena, req->method, req->path, &route, req->captures, &allow)) {
	case ROUTE_NOT_FOUND:
		view_error(req, 404, NULL);
		return;
	case ROUTE_WRONG_METHOD:
		http_header_add(req, "Allow", allow);
		view_error(req, 405, NULL);
		return;
	case ROUTE_FOUND:
		break;
	}
	if (route->role == ROLE_ANYONE) {
		route->handler(req);
		return;
	}
	enum db_status status = sess_load(req, !(route->flags & ROUTE_BACKGROUND));
	if (status != DB_OK) {
		if (route->role != ROLE_PUBLIC) {
			page_database_failed(req, status);
			return;
		}
		req->session = NULL; /* the sign-in page still shows; signing in will say why not */
	}
	if (route->role != ROLE_PUBLIC && req->session == NULL) {
		/* a form sent just after the session timed out is kept for after sign-in */
		if (unsafe_method(req->method) && !(route->flags & ROUTE_NOT_RESUMABLE) && sess_park_post(req)) {
			http_redirect(req, "/signin");
			return;
		}
		redirect_to_signin(req);
		return;
	}
	if (unsafe_method(req->method) && !sess_csrf_valid(req)) {
		view_error(req, 403, "This form has expired or did not come from this site. "
				     "Go back, reload the page and try again.");
		return;
	}
	run_handler(req, route);
}

/* The role checks that need a session, then the handler. */
static void run_handler(struct request *req, const struct route *route)
{
	if ((route->role == ROLE_STAFF || route->role == ROLE_ADMIN) && req->session->org_id == 0) {
		page_no_organisation(req);
		return;
	}
	if (route->role == ROLE_ADMIN && !req->session->is_admin) {
		view_error(req, 403, "Only system administrators can use this page.");
		return;
	}
	route->handler(req);
}

void page_resume(struct request *req)
{
	const char *path = NULL, *body = NULL;
	if (!sess_take_parked_post(req, &path, &body)) {
		http_redirect(req, "/");
		return;
	}
	/* The form was checked against its session when it was parked, and it is taken only
	 * by the same person: it runs now as if just sent, without its (old) form token. */
	const struct route *route = NULL;
	const char *allow = NULL;
	struct req_fields form = {0};
	if (router_match(worker_router, req->arena, HTTP_POST, path, &route, req->captures, &allow) !=
		    ROUTE_FOUND ||
	    req_parse_urlencoded(req->arena, body, strlen(body), &req->config->limits, &form) != REQ_OK) {
		http_redirect(req, "/");
		return;
	}
	req->method = HTTP_POST;
	req->path = path;
	req->form = form;
	req->raw_body = body;
	run_handler(req, route);
}

static const char *reason_phrase(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

static void write_response(struct request *req, FCGX_Request *fcgi)
{
	FCGX_FPrintF(fcgi->out, "Status: %d %s\r\n", req->status, reason_phrase(req->status));
	for (size_t i = 0; i < req->header_count; i++)
		FCGX_FPrintF(fcgi->out, "%s: %s\r\n", req->headers[i].name, req->headers[i].value);
	FCGX_FPrintF(fcgi->out, "X-Request-Id: %s\r\n\r\n", req->id);
	if (req->method != HTTP_HEAD && req->body->len > 0)
		FCGX_PutStr(req->body->data, (int)req->body->len, fcgi->out);
}

static double elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* One log line per request; the path is printed without its query (it may hold names). */
static void log_request(const struct request *req, const char *raw_method, const char *raw_uri,
			double ms)
{
	char path[256];
	size_t len = 0;
	for (const char *p = raw_uri ? raw_uri : "-"; *p && *p != '?' && len + 1 < sizeof path; p++)
		path[len++] = (unsigned char)*p < 0x21 || *p == '"' ? '_' : *p;
	path[len] = '\0';
	char method[16];
	snprintf(method, sizeof method, "%s", raw_method ? raw_method : "-");
	for (char *m = method; *m; m++)
		if (!isupper((unsigned char)*m))
			*m = '_';
	fprintf(stderr, "referrals[%d] request rid=%s method=%s path=%s status=%d ms=%.2f staff=%lld sql=%lu\n",
		(int)getpid(), req->id, method, path, req->status, ms,
		req->session ? req->session->staff_id : 0, db_statements_take());
}

int worker_run(const struct config *config, int listen_fd)
{
	struct sigaction terminate = {0};
	terminate.sa_handler = on_terminate;
	sigemptyset(&terminate.sa_mask);
	terminate.sa_flags = 0; /* no SA_RESTART: a blocked accept() must return */
	sigaction(SIGTERM, &terminate, NULL);
	sigaction(SIGINT, &terminate, NULL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stderr, NULL, _IOLBF, 0);

	if (!view_load_templates(config->templates_dir)) {
		log_error("cannot load templates from %s", config->templates_dir);
		return 1;
	}
	struct router *router = router_new(app_routes, app_route_count, config->testing);
	worker_router = router;
	db_configure(&config->database);
	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		return 1;
	}
	FCGX_Request fcgi;
	FCGX_InitRequest(&fcgi, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	struct arena *arena = arena_new(64 * 1024);
	struct body_buffer body = {0};

	/* SIGTERM is held back while a request runs, so the request finishes whole. */
	sigset_t terminate_set;
	sigemptyset(&terminate_set);
	sigaddset(&terminate_set, SIGTERM);
	sigaddset(&terminate_set, SIGINT);
	while (!stopping) {
		if (FCGX_Accept_r(&fcgi) < 0)
			break;
		sigprocmask(SIG_BLOCK, &terminate_set, NULL);
		struct timespec start;
		clock_gettime(CLOCK_MONOTONIC, &start);
		struct request *req = arena_zalloc(arena, sizeof *req);
		req->arena = arena;
		req->config = config;
		req->body = &body;
		req->status = 0;
		req->path = "/";
		req->query_string = "";
		uint8_t id_bytes[8];
		crypto_random(id_bytes, sizeof id_bytes);
		crypto_hex(id_bytes, sizeof id_bytes, req->id);
		log_set_request(req->id);
		http_security_headers(req);
		catalog_begin_request();

		dispatch(req, router, &fcgi);
		if (req->status == 0) {
			log_error("handler for %s set no response", req->path);
			view_error(req, 500, NULL);
		}
		/* the parameters are freed with the request: copy what the log line needs */
		const char *raw_method = arena_strdup(arena, param(&fcgi, "REQUEST_METHOD"));
		const char *raw_uri = arena_strdup(arena, param(&fcgi, "REQUEST_URI"));
		write_response(req, &fcgi);
		FCGX_Finish_r(&fcgi);
		log_request(req, raw_method, raw_uri, elapsed_ms(&start));

		view_end_request(req);
		log_set_request(NULL);
		body.len = 0;
		if (body.capacity > 1024 * 1024) { /* one large page should not pin memory */
			free(body.data);
			body = (struct body_buffer){0};
		}
		arena_reset(arena);
		sigprocmask(SIG_UNBLOCK, &terminate_set, NULL);
	}
	FCGX_Free(&fcgi, 0);
	free(body.data);
	arena_free(arena);
	router_free(router);
	view_free_templates();
	catalog_free();
	db_disconnect();
	return 0;
}
