/* Closure reasons: the list (active ones in order, then retired), add, rename, reorder,
 * retire and restore; each change audited by the model. */
#include "admin_closure_reasons.h"

#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../model/closure_reason.h"
#include "admin_list.h"
#include "pages.h"

#define CLOSURE_REASON_MAX 200

/* Shows the list; with errors (status 400) the add form keeps what was typed. */
static void show_reasons(struct request *req, int status)
{
	struct closure_reason_list list;
	enum db_status db = closure_reason_list(req->arena, &list);
	if (db != DB_OK) {
		page_database_failed(req, db);
		return;
	}
	for (size_t i = 0; i < list.count; i++) {
		const struct closure_reason *reason = &list.items[i];
		const char *prefix = arena_printf(req->arena, "Reasons.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), reason->id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), reason->name);
		view_set_int(req, arena_printf(req->arena, "%s.Retired", prefix), reason->retired);
		view_set_int(req, arena_printf(req->arena, "%s.AutoClose", prefix),
			     reason->auto_close);
	}
	const char *done = http_query(req, "done");
	if (done != NULL && status == 200) {
		static const char *const notices[][2] = {
			{ "added", "Closure reason added" },
			{ "renamed", "Closure reason renamed" },
			{ "retired", "Closure reason retired" },
			{ "restored", "Closure reason restored" },
			{ "moved", "Order changed" },
		};
		for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++)
			if (strcmp(done, notices[i][0]) == 0)
				view_set(req, "Success", notices[i][1]);
	}
	view_render(req, status, "pages/admin/closure_reasons.cs", "Closure reasons");
}

void page_closure_reasons(struct request *req)
{
	show_reasons(req, 200);
}

/* The checks a closure reason's name gets on add and rename. */
static bool valid_reason_name(struct request *req, const char *name)
{
	if (name[0] == '\0')
		form_error(req, "name", "Enter a name for the closure reason");
	else if (strlen(name) > CLOSURE_REASON_MAX)
		form_error(req, "name", "Closure reason must be 200 characters or fewer");
	else if (strpbrk(name, "\r\n\t") != NULL)
		form_error(req, "name", "Closure reason must be on one line");
	return !form_has_errors(req);
}

static void duplicate(struct request *req, const char *name)
{
	form_error(req, "name",
		   arena_printf(req->arena, "There is already a closure reason called ‘%s’", name));
}

void page_closure_reason_add(struct request *req)
{
	const char *name = form_text(req, "name");
	if (!valid_reason_name(req, name)) {
		show_reasons(req, 400);
		return;
	}
	enum closure_reason_change result = CLOSURE_REASON_NOT_FOUND;
	enum db_status status =
		closure_reason_add(req->arena, req->session->staff_id, name, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (result == CLOSURE_REASON_DUPLICATE) {
		duplicate(req, name);
		show_reasons(req, 400);
		return;
	}
	http_redirect(req, "/admin/closure-reasons?done=added");
}

/* The reason named by the path, or an error page (and false). */
static bool load_reason(struct request *req, struct closure_reason *reason)
{
	bool found = false;
	enum db_status status =
		closure_reason_get(req->arena, page_parse_id(req->captures[0]), reason, &found);
	if (status != DB_OK)
		page_database_failed(req, status);
	else if (!found)
		view_error(req, 404, "There is no such closure reason.");
	return status == DB_OK && found;
}

static void show_edit(struct request *req, int status, const struct closure_reason *reason)
{
	view_set_int(req, "Reason.Id", reason->id);
	view_set(req, "Reason.Name", reason->name);
	view_render(req, status, "pages/admin/closure_reason_edit.cs", "Rename closure reason");
}

void page_closure_reason_edit(struct request *req)
{
	struct closure_reason reason;
	if (!load_reason(req, &reason))
		return;
	form_keep(req, "name", reason.name);
	show_edit(req, 200, &reason);
}

void page_closure_reason_save(struct request *req)
{
	struct closure_reason reason;
	if (!load_reason(req, &reason))
		return;
	const char *name = form_text(req, "name");
	if (!valid_reason_name(req, name)) {
		show_edit(req, 400, &reason);
		return;
	}
	enum closure_reason_change result = CLOSURE_REASON_NOT_FOUND;
	enum db_status status =
		closure_reason_rename(req->arena, req->session->staff_id, reason.id, name, &result);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (result == CLOSURE_REASON_DUPLICATE) {
		duplicate(req, name);
		show_edit(req, 400, &reason);
		return;
	}
	if (result == CLOSURE_REASON_NOT_FOUND) {
		view_error(req, 404, "There is no such closure reason.");
		return;
	}
	http_redirect(req, "/admin/closure-reasons?done=renamed");
}

static void set_retired(struct request *req, bool retired)
{
	enum closure_reason_change result = CLOSURE_REASON_NOT_FOUND;
	enum db_status status =
		closure_reason_set_retired(req->arena, req->session->staff_id,
					   page_parse_id(req->captures[0]), retired, &result);
	if (status == DB_OK && result == CLOSURE_REASON_IN_USE) {
		form_error(req, "reasons",
			   "That reason is the one automatic closing uses. Choose another "
			   "reason for automatic closing in the settings first, then retire it.");
		show_reasons(req, 409);
		return;
	}
	admin_list_answer(req, status, result != CLOSURE_REASON_NOT_FOUND,
			  "There is no such closure reason.",
			  retired ? "/admin/closure-reasons?done=retired"
				  : "/admin/closure-reasons?done=restored");
}

void page_closure_reason_retire(struct request *req)
{
	set_retired(req, true);
}

void page_closure_reason_restore(struct request *req)
{
	set_retired(req, false);
}

void page_closure_reason_move(struct request *req)
{
	bool up;
	if (!admin_list_direction(req, "the reason", &up))
		return;
	enum closure_reason_change result = CLOSURE_REASON_NOT_FOUND;
	enum db_status status = closure_reason_move(req->arena, req->session->staff_id,
						    page_parse_id(req->captures[0]), up, &result);
	admin_list_answer(req, status, result != CLOSURE_REASON_NOT_FOUND,
			  "There is no such active closure reason.",
			  "/admin/closure-reasons?done=moved");
}
