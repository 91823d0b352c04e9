/* Method + path pattern → handler and the role it needs. The app's table is in routes.c;
 * this file is the matching machinery (PCRE2, compiled once per worker, JIT). */
#ifndef REFERRALS_ROUTE_H
#define REFERRALS_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"

enum role {
	ROLE_ANYONE,	/* anyone; no session is even looked up (health checks) */
	ROLE_PUBLIC,	/* anyone; the session is loaded when there is one */
	ROLE_SIGNED_IN, /* a session, even without an organisation (sign out) */
	ROLE_STAFF,	/* a session with an active organisation */
	ROLE_ADMIN,	/* a system administrator */
};

typedef void (*route_handler)(struct request *req);

/* What the request pipeline (worker.c) does differently for a route; OR them together. */
enum route_flags {
	/* An ordinary HTML page: a body up to Referrals.Limits.BodyBytes, errors as pages. */
	ROUTE_PAGE = 0,
	/* The route exists only when Referrals.Testing = 1 (the test stack). */
	ROUTE_TESTING_ONLY = 1u << 0,
	/* A POST here after the session timed out is not kept for after sign-in (signing out,
	 * switching organisation, uploads: nothing typed to lose, or too large to keep). */
	ROUTE_NOT_RESUMABLE = 1u << 1,
	/* Takes a multipart/form-data upload up to Referrals.Limits.UploadBytes. A body over the
	 * ordinary limit is read only once the session and role allow the route. */
	ROUTE_UPLOAD = 1u << 2,
	/* Answers JSON: the pipeline's refusals (405, 403, 5xx) use the JSON error shape too. */
	ROUTE_JSON = 1u << 3,
	/* Asked by a page's script on its own (the inbox badge's poll), not by the person: the
	 * session's idle timeout does not start again. */
	ROUTE_BACKGROUND = 1u << 4,
};

struct route {
	enum http_method method;
	const char *pattern; /* anchored at both ends; groups become req->captures */
	enum role role;
	route_handler handler;
	enum route_flags flags;
};

enum route_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_WRONG_METHOD };

struct router;

struct router *router_new(const struct route *table, size_t count, bool testing);
void router_free(struct router *router);
/* Finds the route for method and path. HEAD matches GET routes. On ROUTE_FOUND, *found is
 * set and captures (ROUTE_MAX_CAPTURES, copied into arena) filled; on ROUTE_WRONG_METHOD,
 * *found is the first route of the path (for its flags) and allow lists the methods the path
 * takes ("GET, POST"). */
enum route_result router_match(const struct router *router, struct arena *arena,
			       enum http_method method, const char *path,
			       const struct route **found, const char **captures,
			       const char **allow);

/* The application's route table. */
extern const struct route app_routes[];
extern const size_t app_route_count;

#endif
