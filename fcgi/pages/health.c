/* /health: whether the database and the directory answer, for monitoring; /ping: whether a
 * worker answers at all (a liveness probe, and the benchmark's bare endpoint). */
#include "../config.h"
#include "../json.h"
#include "../ldap_auth.h"
#include "../model/health.h"
#include "pages.h"

void page_health(struct request *req)
{
	bool database = health_database(req->arena) == DB_OK;
	bool directory = ldap_reachable(&req->config->ldap);
	bool ok = database && directory;
	struct json json;
	json_init(&json, req->arena);
	json_object_begin(&json);
	json_member_string(&json, "status", ok ? "ok" : "down");
	json_member_string(&json, "database", database ? "ok" : "down");
	json_member_string(&json, "directory", directory ? "ok" : "down");
	json_object_end(&json);
	http_json(req, ok ? 200 : 503, &json);
}

void page_ping(struct request *req)
{
	req->status = 200;
	http_header_add(req, "Content-Type", "text/plain; charset=utf-8");
	http_body_puts(req, "ok\n");
}
