/* Route matching with PCRE2: each pattern compiled once, anchored, JIT where available. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "route.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"

struct compiled_route {
	const struct route *route;
	pcre2_code *code;
};

struct router {
	struct compiled_route *routes;
	size_t count;
	pcre2_match_data *match_data;
};

struct router *router_new(const struct route *table, size_t count, bool testing)
{
	struct router *router = calloc(1, sizeof *router);
	if (router == NULL)
		abort();
	router->routes = calloc(count ? count : 1, sizeof *router->routes);
	if (router->routes == NULL)
		abort();
	for (size_t i = 0; i < count; i++) {
		if ((table[i].flags & ROUTE_TESTING_ONLY) && !testing)
			continue;
		int error;
		PCRE2_SIZE offset;
		pcre2_code *code = pcre2_compile(
			(PCRE2_SPTR)table[i].pattern, PCRE2_ZERO_TERMINATED,
			PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF, &error, &offset, NULL);
		if (code == NULL) {
			PCRE2_UCHAR message[256];
			pcre2_get_error_message(error, message, sizeof message);
			log_error("route pattern %s: %s at %zu", table[i].pattern, (char *)message,
				  (size_t)offset);
			abort(); /* a broken table is a programming error caught by the unit tests
				  */
		}
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
		router->routes[router->count].route = &table[i];
		router->routes[router->count].code = code;
		router->count++;
	}
	router->match_data = pcre2_match_data_create(ROUTE_MAX_CAPTURES + 1, NULL);
	return router;
}

void router_free(struct router *router)
{
	if (router == NULL)
		return;
	for (size_t i = 0; i < router->count; i++)
		pcre2_code_free(router->routes[i].code);
	pcre2_match_data_free(router->match_data);
	free(router->routes);
	free(router);
}

enum route_result router_match(const struct router *router, struct arena *arena,
			       enum http_method method, const char *path,
			       const struct route **found, const char **captures,
			       const char **allow)
{
	enum http_method wanted = method == HTTP_HEAD ? HTTP_GET : method;
	bool allowed[HTTP_METHOD__MAX] = { false };
	const struct route *first = NULL;
	size_t path_len = strlen(path);
	for (size_t i = 0; i < router->count; i++) {
		const struct compiled_route *entry = &router->routes[i];
		/* PCRE2_NO_UTF_CHECK is not used: the path comes from the client */
		int rc = pcre2_match(entry->code, (PCRE2_SPTR)path, path_len, 0, 0,
				     router->match_data, NULL);
		if (rc < 0)
			continue;
		if (first == NULL)
			first = entry->route;
		allowed[entry->route->method] = true;
		if (entry->route->method != wanted)
			continue;
		PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(router->match_data);
		for (int g = 0; g < ROUTE_MAX_CAPTURES; g++) {
			captures[g] = NULL;
			if (g + 1 < rc && ovector[2 * (g + 1)] != PCRE2_UNSET)
				captures[g] = arena_strndup(arena, path + ovector[2 * (g + 1)],
							    ovector[2 * (g + 1) + 1] -
								    ovector[2 * (g + 1)]);
		}
		*found = entry->route;
		return ROUTE_FOUND;
	}
	if (first == NULL)
		return ROUTE_NOT_FOUND;
	*found = first;
	char list[128] = "";
	if (allowed[HTTP_GET])
		allowed[HTTP_HEAD] = true;
	for (int m = 0; m < HTTP_OTHER; m++) {
		if (!allowed[m])
			continue;
		if (list[0])
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, http_method_names[m], sizeof list - strlen(list) - 1);
	}
	*allow = arena_strdup(arena, list);
	return ROUTE_WRONG_METHOD;
}
