/* The request pipeline, which owns request policy: headers → route (its flags) → session and
 * layout data → role (before a large body is read) → body → CSRF → handler → response → log. */
#include "worker.h"

#include <ctype.h>
#include <errno.h>
#include <fcgiapp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "fastcgi_out.h"
#include "layout.h"
#include "log.h"
#include "model/catalog.h"
#include "multipart.h"
#include "pages/access.h"
#include "pages/pages.h"
#include "render.h"
#include "route.h"
#include "session.h"

static volatile sig_atomic_t stopping;

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

/* What an unusable request gets: the error page, or for a JSON route (route may be NULL) the
 * JSON error shape. */
static void refuse(struct request *req, const struct route *route, int status, const char *message)
{
	if (route != NULL && (route->flags & ROUTE_JSON))
		http_json_error(req, status, NULL, message ? message : view_error_title(status),
				NULL);
	else
		view_error(req, status, message);
}

static void database_failed(struct request *req, const struct route *route, enum db_status status)
{
	if (route->flags & ROUTE_JSON)
		page_json_database_failed(req, status);
	else
		page_database_failed(req, status);
}

/* Fills req from the FastCGI parameters: everything but the body, which stays unread until
 * the route, session and role allow it (read_body). *length is the body's declared size.
 * Returns 0, or the status to answer with. */
static int read_head(struct request *req, FCGX_Request *fcgi, long long *length)
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
	*length = 0;
	if (req->method == HTTP_POST || req->method == HTTP_PUT || req->method == HTTP_PATCH)
		*length = content_length(param(fcgi, "CONTENT_LENGTH"));
	if (*length < 0)
		*length = 0;

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

	enum req_status parsed =
		req_parse_urlencoded(req->arena, req->query_string, strlen(req->query_string),
				     &config->limits, &req->query);
	if (parsed != REQ_OK)
		return parsed == REQ_TOO_LARGE ? 413 : 400;
	return 0;
}

/* The route's body limits: an upload route takes a multipart body up to Limits.UploadBytes,
 * every other body is a form's (Limits.BodyBytes). */
static struct req_limits body_limits(const struct request *req, const struct route *route)
{
	char media_type[80];
	req_media_type(req->content_type, media_type, sizeof media_type);
	struct req_limits limits = req->config->limits;
	if ((route->flags & ROUTE_UPLOAD) && strcmp(media_type, "multipart/form-data") == 0)
		limits.body_bytes = req->config->upload_bytes;
	return limits;
}

/* Reads and parses the body of length bytes (already checked against the route's limit).
 * Returns 0, or the status to answer with. */
static int read_body(struct request *req, FCGX_Request *fcgi, const struct route *route,
		     long long length)
{
	if (req->method != HTTP_POST && req->method != HTTP_PUT && req->method != HTTP_PATCH)
		return 0;
	char media_type[80];
	req_media_type(req->content_type, media_type, sizeof media_type);
	bool multipart = strcmp(media_type, "multipart/form-data") == 0;
	struct req_limits limits = body_limits(req, route);
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
	enum req_status parsed = REQ_OK;
	if (strcmp(media_type, "application/x-www-form-urlencoded") == 0) {
		parsed =
			req_parse_urlencoded(req->arena, body, (size_t)length, &limits, &req->form);
		req->raw_body = body;
	} else if (multipart) {
		parsed = multipart_parse(req->arena, body, (size_t)length, req->content_type,
					 &limits, &req->form, &req->files);
	} else if (length > 0) {
		return 400;
	}
	if (parsed != REQ_OK)
		return parsed == REQ_TOO_LARGE ? 413 : 400;
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

/* The role checks that need a session; answers the refusal and returns false when the
 * session may not use the route. */
static bool role_allows(struct request *req, const struct route *route)
{
	if ((route->role == ROLE_STAFF || route->role == ROLE_ADMIN) && req->session->org_id == 0) {
		if (route->flags & ROUTE_JSON)
			refuse(req, route, 403, "You are not in any organisation yet.");
		else
			page_no_organisation(req);
		return false;
	}
	if (route->role == ROLE_ADMIN && !req->session->is_admin) {
		refuse(req, route, 403, "Only system administrators can use this page.");
		return false;
	}
	return true;
}

/* A body larger than any form (an upload) is read only for someone the route lets in: others
 * are answered from the headers alone, and the body is never read. */
static bool may_send_large_body(struct request *req, const struct route *route)
{
	if (route->role != ROLE_PUBLIC && req->session == NULL) {
		refuse(req, route, 401, "Sign in first, then send the file again.");
		return false;
	}
	return req->session == NULL || role_allows(req, route);
}

static void run_handler(struct request *req, const struct route *route)
{
	if (role_allows(req, route))
		route->handler(req);
}

/* page_resume made the request the POST it had parked: route that and run it. */
static void replay(struct request *req, const struct router *router)
{
	req->replay = false;
	const struct route *route = NULL;
	const char *allow = NULL;
	if (router_match(router, req->arena, HTTP_POST, req->path, &route, req->captures, &allow) !=
	    ROUTE_FOUND) {
		http_redirect(req, "/");
		return;
	}
	run_handler(req, route);
}

/* The session's steps: load it (and the layout's data), refuse a large body it may not send,
 * read the body, send the signed-out to sign in (keeping their form), check the form token,
 * then the role checks and the handler. */
static void dispatch_session(struct request *req, const struct route *route, FCGX_Request *fcgi,
			     long long length)
{
	enum db_status status = sess_load(req, !(route->flags & ROUTE_BACKGROUND));
	if (status != DB_OK) {
		if (route->role != ROLE_PUBLIC) {
			database_failed(req, route, status);
			return;
		}
		req->session = NULL; /* the sign-in page still shows; signing in will say why not */
	}
	if (req->session != NULL)
		layout_load(req);
	if ((unsigned long long)length > req->config->limits.body_bytes &&
	    !may_send_large_body(req, route))
		return;
	int bad = read_body(req, fcgi, route, length);
	if (bad != 0) {
		refuse(req, route, bad, NULL);
		return;
	}
	if (route->role != ROLE_PUBLIC && req->session == NULL) {
		/* a form sent just after the session timed out is kept for after sign-in */
		if (unsafe_method(req->method) && !(route->flags & ROUTE_NOT_RESUMABLE) &&
		    sess_park_post(req)) {
			http_redirect(req, "/signin");
			return;
		}
		redirect_to_signin(req);
		return;
	}
	if (unsafe_method(req->method) && !sess_csrf_valid(req)) {
		refuse(req, route, 403,
		       "This form has expired or did not come from this site. "
		       "Go back, reload the page and try again.");
		return;
	}
	if (req->layout == NULL)
		layout_load(req); /* signed out: the sign-in form's token */
	run_handler(req, route);
}

static void dispatch(struct request *req, const struct router *router, FCGX_Request *fcgi)
{
	long long length = 0;
	int early = read_head(req, fcgi, &length);
	if (early != 0) {
		view_error(req, early, NULL);
		return;
	}
	const struct route *route = NULL;
	const char *allow = NULL;
	switch (router_match(router, req->arena, req->method, req->path, &route, req->captures,
			     &allow)) {
	case ROUTE_NOT_FOUND:
		view_error(req, 404, NULL);
		return;
	case ROUTE_WRONG_METHOD:
		http_header_add(req, "Allow", allow);
		refuse(req, route, 405, NULL);
		return;
	case ROUTE_FOUND:
		break;
	}
	if ((unsigned long long)length > body_limits(req, route).body_bytes) {
		refuse(req, route, 413, NULL); /* from the headers: the body is never read */
		return;
	}
	if (route->role == ROLE_ANYONE) {
		int bad = read_body(req, fcgi, route, length);
		if (bad != 0)
			refuse(req, route, bad, NULL);
		else
			route->handler(req);
		return;
	}
	dispatch_session(req, route, fcgi, length);
	if (req->replay)
		replay(req, router);
}

static const char *reason_phrase(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 303:
		return "See Other";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 410:
		return "Gone";
	case 413:
		return "Content Too Large";
	case 429:
		return "Too Many Requests";
	case 500:
		return "Internal Server Error";
	case 503:
		return "Service Unavailable";
	default:
		return "Status";
	}
}

/* The CGI response head: status, headers, request id, blank line; measured first and written
 * once (a dozen headers, the security policy among them, on every request). */
static const char *response_head(struct request *req)
{
	const char *status = arena_printf(req->arena, "Status: %d %s\r\n", req->status,
					  reason_phrase(req->status));
	const char *id = arena_printf(req->arena, "X-Request-Id: %s\r\n\r\n", req->id);
	size_t len = strlen(status) + strlen(id);
	for (size_t i = 0; i < req->header_count; i++)
		len += strlen(req->headers[i].name) + strlen(req->headers[i].value) + 4;
	char *head = arena_alloc(req->arena, len + 1), *o = head;
	o = stpcpy(o, status);
	for (size_t i = 0; i < req->header_count; i++) {
		o = stpcpy(stpcpy(o, req->headers[i].name), ": ");
		o = stpcpy(stpcpy(o, req->headers[i].value), "\r\n");
	}
	stpcpy(o, id);
	return head;
}

static void write_response(struct request *req, FCGX_Request *fcgi)
{
	const char *head = response_head(req);
	size_t body_len = req->method != HTTP_HEAD ? req->body->len : 0;
	if (req->body_file <= 0) {
		/* the whole answer at once, in as many records as it needs; libfcgi's
		 * FCGX_Finish_r then writes the end of the stream and of the request */
		fastcgi_write_stdout(fcgi->ipcFd, fcgi->requestId, head, strlen(head),
				     req->body->data, body_len);
		return;
	}
	/* streamed, a block at a time (the subject access zip) */
	FCGX_PutStr(head, (int)strlen(head), fcgi->out);
	if (body_len > 0)
		FCGX_PutStr(req->body->data, (int)body_len, fcgi->out);
	char block[64 * 1024];
	ssize_t n;
	while (req->method != HTTP_HEAD && (n = read(req->body_file, block, sizeof block)) > 0)
		FCGX_PutStr(block, (int)n, fcgi->out);
	close(req->body_file);
	req->body_file = 0;
}

static double elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* One log line per request; the path is printed without its query (it may hold names). sql:
 * the statements run before the answer was sent; after=: those run after it (the access log). */
static void log_request(const struct request *req, const char *raw_method, const char *raw_uri,
			double ms, unsigned long statements)
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
	fprintf(stderr,
		"referrals[%d] request rid=%s method=%s path=%s status=%d ms=%.2f staff=%lld "
		"sql=%lu after=%lu\n",
		(int)getpid(), req->id, method, path, req->status, ms,
		req->session ? req->session->staff_id : 0, statements, db_statements_take());
}

/* With Referrals.Listen the worker takes requests from two sockets, the unix one and the TCP
 * one, both non-blocking: it waits for either in poll(), and a worker that loses the race
 * for a connection goes back to waiting. A socket the master's drain shut down fails
 * accept() and leaves the set; the worker stops when none is left. */
struct listeners {
	int fds[2];
	bool polled;
};

static bool accept_next(FCGX_Request *fcgi, struct listeners *l)
{
	if (!l->polled)
		return FCGX_Accept_r(fcgi) >= 0;
	while (!stopping && (l->fds[0] >= 0 || l->fds[1] >= 0)) {
		struct pollfd ready[2] = { { .fd = l->fds[0], .events = POLLIN | POLLRDHUP },
					   { .fd = l->fds[1], .events = POLLIN | POLLRDHUP } };
		if (poll(ready, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		for (int i = 0; i < 2; i++) {
			if (ready[i].fd < 0 || ready[i].revents == 0)
				continue;
			fcgi->listen_sock = ready[i].fd;
			int rc = FCGX_Accept_r(fcgi);
			if (rc >= 0)
				return true;
			/* a socket shut down (RDHUP) answers EAGAIN once its queue is empty */
			bool shut = ready[i].revents & (POLLRDHUP | POLLHUP | POLLERR);
			if ((rc != -EAGAIN && rc != -EWOULDBLOCK && rc != -EINTR) || shut)
				l->fds[i] = -1;
		}
	}
	return false;
}

int worker_run(const struct config *config, int listen_fd, int tcp_fd)
{
	struct sigaction terminate = { 0 };
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
	db_configure(&config->database);
	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		return 1;
	}
	FCGX_Request fcgi;
	FCGX_InitRequest(&fcgi, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	struct listeners listeners = { { listen_fd, tcp_fd }, tcp_fd >= 0 };
	struct arena *arena = arena_new(64 * 1024);
	struct body_buffer body = { 0 };

	/* SIGTERM is held back while a request runs, so the request finishes whole. */
	sigset_t terminate_set;
	sigemptyset(&terminate_set);
	sigaddset(&terminate_set, SIGTERM);
	sigaddset(&terminate_set, SIGINT);
	while (!stopping) {
		if (!accept_next(&fcgi, &listeners))
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
		double ms = elapsed_ms(&start);
		unsigned long statements = db_statements_take();
		page_access_flush(req); /* issue 15: after the answer, so nobody waits for it */
		log_request(req, raw_method, raw_uri, ms, statements);
		db_return_to_first_host();

		view_end_request(req);
		log_set_request(NULL);
		body.len = 0;
		if (body.capacity > 1024 * 1024) { /* one large page should not pin memory */
			free(body.data);
			body = (struct body_buffer){ 0 };
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
