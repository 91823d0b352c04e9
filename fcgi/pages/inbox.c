/* The inbox: messages, unread count, mark read. */
#include "inbox.h"

#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../json.h"
#include "../log.h"
#include "../render.h"
#include "../session.h"
#include "../vocabulary.h"
#include "../layout.h"
#include "../model/inbox.h"
#include "../model/inbox_view.h"
#include "access.h"
#include "pages.h"

/* ?page= or the form's page: 1 when absent or not a number. */
static long long page_number(const char *text)
{
	if (text == NULL)
		return 1;
	long long page = page_parse_id(text);
	if (page == 0 && strlen(text) > 18)
		return INBOX_PAGE_MAX;
	if (page > INBOX_PAGE_MAX)
		return INBOX_PAGE_MAX;
	return page < 1 ? 1 : page;
}

/* "2026-11-23 14:05:00" (UTC) as "23 November 2026 at 14:05" in the configured zone. */
static const char *when(struct arena *arena, const char *utc)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (utc == NULL || strptime(utc, "%Y-%m-%d %H:%M:%S", &tm) == NULL)
		return utc ? utc : "";
	time_t t = timegm(&tm);
	struct tm local;
	localtime_r(&t, &local);
	char date[16];
	strftime(date, sizeof date, "%Y-%m-%d", &local);
	return arena_printf(arena, "%s at %02d:%02d", page_long_date(arena, date), local.tm_hour,
			    local.tm_min);
}

/* ?org=: one of the reader's organisations whose referrals' messages alone are listed
 * (issue 12 point 7), offered in Filter.Orgs.N.{Value,Text}; 0 for all of them. An
 * organisation not theirs is refused with a message beside the choice, and all are shown. */
static long long chosen_org(struct request *req)
{
	struct arena *a = req->arena;
	const struct layout *l = req->layout;
	const char *text = http_query(req, "org");
	long long chosen = text != NULL && text[0] != '\0' ? page_parse_id(text) : 0;
	bool known = chosen == 0;
	view_set(req, "Filter.Orgs.0.Value", "");
	view_set(req, "Filter.Orgs.0.Text", "All your organisations");
	for (size_t i = 0; l != NULL && i < l->org_count; i++) {
		view_set(req, arena_printf(a, "Filter.Orgs.%zu.Value", i + 1),
			 arena_printf(a, "%lld", l->orgs[i].id));
		view_set(req, arena_printf(a, "Filter.Orgs.%zu.Text", i + 1), l->orgs[i].name);
		if (l->orgs[i].id == chosen) {
			known = true;
			view_set(req, "Filter.Name", l->orgs[i].name);
		}
	}
	if (!known || (text != NULL && text[0] != '\0' && chosen == 0)) {
		form_error(req, "org", "Choose one of your organisations from the list");
		return 0;
	}
	if (chosen != 0)
		form_keep(req, "org", arena_printf(a, "%lld", chosen));
	return chosen;
}

void page_inbox(struct request *req)
{
	long long staff_id = req->session->staff_id;
	struct inbox_page found;
	long long org = chosen_org(req);
	long long page = page_number(http_query(req, "page"));
	struct scope scope = page_scope(req);
	const char **names; /* whom each message is about, for a reader who may see the client */
	long long *client_ids;
	enum db_status status = inbox_view_page(req->arena, staff_id, org, &scope, page, &found,
						&names, &client_ids);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < found.count; i++) {
		const struct inbox_message *m = &found.items[i];
		const char *prefix = arena_printf(req->arena, "Messages.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), m->id);
		view_set(req, arena_printf(req->arena, "%s.Kind", prefix), m->kind);
		const struct vocab_term *kind = inbox_kind_term(inbox_kind_from_name(m->kind));
		view_set(req, arena_printf(req->arena, "%s.KindLabel", prefix), kind->label);
		view_set(req, arena_printf(req->arena, "%s.KindColour", prefix), kind->colour);
		view_set(req, arena_printf(req->arena, "%s.Subject", prefix), m->subject);
		view_set(req, arena_printf(req->arena, "%s.Body", prefix), m->body);
		/* only application paths become links */
		if (m->link != NULL && m->link[0] == '/' && m->link[1] != '/')
			view_set(req, arena_printf(req->arena, "%s.Link", prefix), m->link);
		view_set(req, arena_printf(req->arena, "%s.When", prefix),
			 when(req->arena, m->created_at));
		view_set_int(req, arena_printf(req->arena, "%s.Unread", prefix), m->unread ? 1 : 0);
		if (names[i][0] != '\0') {
			view_set(req, arena_printf(req->arena, "%s.Client", prefix), names[i]);
			page_access(req, ACCESS_LIST_INBOX, client_ids[i]); /* issue 15 */
		}
	}
	view_set_int(req, "Inbox.Total", found.total);
	view_set_int(req, "Inbox.Unread", found.unread);
	view_set_int(req, "Inbox.TotalMore", found.total > INBOX_COUNT_CAP);
	view_set_int(req, "Inbox.UnreadMore", found.unread > INBOX_COUNT_CAP);
	view_set(req, "Inbox.Cap", page_thousands(req->arena, INBOX_COUNT_CAP));
	view_set_int(req, "Inbox.Page", found.page);
	view_set_int(req, "Inbox.Pages", found.pages);
	const char *app = req->config->base_path;
	const char *filter = org ? arena_printf(req->arena, "org=%lld&", org) : "";
	if (found.page > 1)
		view_set(req, "Pagination.Prev",
			 arena_printf(req->arena, "%s/inbox?%spage=%lld", app, filter,
				      found.page - 1));
	if (found.page < found.pages)
		view_set(req, "Pagination.Next",
			 arena_printf(req->arena, "%s/inbox?%spage=%lld", app, filter,
				      found.page + 1));
	const char *done = http_query(req, "done");
	if (done != NULL && strcmp(done, "all") == 0)
		view_set(req, "Notice.Done", "Every message is marked as read.");
	else if (done != NULL && strcmp(done, "one") == 0)
		view_set(req, "Notice.Done", "The message is marked as read.");
	http_header_add(req, "Cache-Control", "no-store");
	view_render(req, form_has_errors(req) ? 400 : 200, "pages/inbox.cs", "Inbox");
}

void page_inbox_read(struct request *req)
{
	long long id = page_parse_id(req->captures[0]);
	bool found = false;
	enum db_status status =
		id > 0 ? inbox_mark_read(req->arena, req->session->staff_id, id, &found) : DB_OK;
	if (!page_found(req, status, found))
		return;
	long long page = page_number(http_form(req, "page"));
	http_redirect(req, arena_printf(req->arena, "/inbox?page=%lld&done=one", page));
}

void page_inbox_read_all(struct request *req)
{
	long long count = 0;
	enum db_status status = inbox_mark_all_read(req->arena, req->session->staff_id, &count);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	http_redirect(req, "/inbox?done=all");
}

void page_api_inbox_unread(struct request *req)
{
	/* the session statement counted them (up to SESSION_UNREAD_CAP: 100 means "100 or more") */
	struct json json;
	json_init(&json, req->arena);
	json_object_begin(&json);
	json_member_int(&json, "unread", req->session->unread);
	json_object_end(&json);
	http_json(req, 200, &json);
}
