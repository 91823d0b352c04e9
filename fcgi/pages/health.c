/* /health: whether the database and the directory answer, for monitoring; /ping: whether a
 * worker answers at all (a liveness probe, and the benchmark's bare endpoint). */
#include "../config.h"
#include "../json.h"
#include "../ldap_auth.h"
#include "../model/health.h"
#include "../model/outbox.h"
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
	/* the e-mail outbox: how many wait to be sent, and the oldest's age (not a failure:
	 * monitoring decides how long is too long) */
	long long backlog = 0, oldest = 0;
	if (database && outbox_backlog(req->arena, &backlog, &oldest) == DB_OK) {
		json_key(&json, "mail");
		json_object_begin(&json);
		json_member_int(&json, "backlog", backlog);
		json_member_int(&json, "oldest_unsent_seconds", oldest);
		json_object_end(&json);
	}
	json_object_end(&json);
	http_json(req, ok ? 200 : 503, &json);
}

void page_ping(struct request *req)
{
	req->status = 200;
	http_header_add(req, "Content-Type", "text/plain; charset=utf-8");
	http_body_puts(req, "ok\n");
}
