/* The e-mail delivery page: backlog, oldest waiting, and the latest failures with reasons. */
#include "admin_mail.h"

#include "../arena.h"
#include "../config.h"
#include "../model/outbox.h"
#include "../render.h"
#include "pages.h"

void page_admin_mail(struct request *req)
{
	long long backlog = 0, oldest = 0;
	struct outbox_failure *failures;
	size_t count = 0;
	enum db_status status = outbox_backlog(req->arena, &backlog, &oldest);
	if (status == DB_OK)
		status = outbox_failures(req->arena, &failures, &count);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	view_set_int(req, "Mail.Backlog", backlog);
	view_set_int(req, "Mail.OldestMinutes", oldest / 60);
	view_set(req, "Mail.Relay", req->config->mail.host != NULL ? req->config->mail.host : "");
	for (size_t i = 0; i < count; i++) {
		const char *at = arena_printf(req->arena, "Failures.%zu", i);
		view_set_field_int(req, at, "Id", failures[i].id);
		view_set_field(req, at, "Kind", failures[i].kind);
		view_set_field(req, at, "To", failures[i].to);
		view_set_field(req, at, "Written", failures[i].created_at);
		view_set_field(req, at, "Failed", failures[i].failed_at);
		view_set_field(req, at, "Reason", failures[i].reason);
	}
	view_render(req, 200, "pages/admin/mail.cs", "E-mail delivery");
}
