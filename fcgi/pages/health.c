/* /health: whether the database and the directory answer, for monitoring; /ping: whether a
 * worker answers at all (a liveness probe, and the benchmark's bare endpoint). */
#include "../config.h"
#include "../ldap_auth.h"
#include "../model/health.h"
#include "pages.h"

void page_health(struct request *req)
{
	bool database = health_database(req->arena) == DB_OK;
	bool directory = ldap_reachable(&req->config->ldap);
	bool ok = database && directory;
	req->status = ok ? 200 : 503;
	http_header_add(req, "Content-Type", "application/json");
	http_body_puts(req, ok ? "{\"status\":\"ok\"" : "{\"status\":\"down\"");
	http_body_puts(req, database ? ",\"database\":\"ok\"" : ",\"database\":\"down\"");
	http_body_puts(req, directory ? ",\"directory\":\"ok\"}\n" : ",\"directory\":\"down\"}\n");
}

void page_ping(struct request *req)
{
	req->status = 200;
	http_header_add(req, "Content-Type", "text/plain; charset=utf-8");
	http_body_puts(req, "ok\n");
}
