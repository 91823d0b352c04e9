/* The announcements pages: list with reach, write and confirm, one announcement's readers. */
#include "admin_announcements.h"

#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../model/announcement.h"
#include "../model/catalog.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "pages.h"

/* "12 of 40 (30%)" */
static const char *rate(struct arena *arena, long long read, long long recipients)
{
	if (recipients == 0)
		return "No recipients";
	return arena_printf(arena, "%lld of %lld (%lld%%)", read, recipients,
			    (read * 100 + recipients / 2) / recipients);
}

static void set_announcement(struct request *req, const char *at, const struct announcement *a)
{
	view_set_field_int(req, at, "Id", a->id);
	view_set_field(req, at, "Subject", a->subject);
	view_set_field(req, at, "Body", a->body);
	view_set_field(req, at, "Sent", page_local_time(req->arena, a->created_at));
	view_set_field(req, at, "By", a->created_by);
	view_set_field(req, at, "To", a->everyone ? "All staff" : a->organisations);
	view_set_field_int(req, at, "Recipients", a->recipients);
	view_set_field_int(req, at, "Read", a->read);
	view_set_field(req, at, "Rate", rate(req->arena, a->read, a->recipients));
}

void page_announcements(struct request *req)
{
	struct announcement *items;
	size_t count = 0;
	enum db_status status = announcement_list(req->arena, &items, &count);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	for (size_t i = 0; i < count; i++)
		set_announcement(req, arena_printf(req->arena, "Announcements.%zu", i), &items[i]);
	view_render(req, 200, "pages/admin/announcements.cs", "Announcements");
}

/* The organisations to choose from, with those chosen kept checked. */
static bool set_organisations(struct request *req)
{
	struct catalog_org *orgs;
	size_t count = 0;
	if (catalog_organisations(req->arena, true, &orgs, &count) != DB_OK)
		return false;
	for (size_t i = 0; i < count; i++) {
		const char *at = arena_printf(req->arena, "Organisations.%zu", i);
		view_set_field(req, at, "Value", arena_printf(req->arena, "%lld", orgs[i].id));
		view_set_field(req, at, "Text", orgs[i].name);
	}
	return true;
}

void page_announcement_new(struct request *req)
{
	if (!set_organisations(req)) {
		page_database_failed(req, DB_ERROR);
		return;
	}
	view_set(req, "Form.audience", "everyone");
	view_render(req, 200, "pages/admin/announcement_new.cs", "New announcement");
}

/* The form's values into a, checked; errors go on the page (what was typed stays). */
static bool read_form(struct request *req, struct announcement_new *a)
{
	a->subject = form_text(req, "subject");
	a->body = form_text(req, "body");
	const char *audience = http_form(req, "audience");
	a->everyone = audience == NULL || strcmp(audience, "organisations") != 0;
	form_keep(req, "audience", a->everyone ? "everyone" : "organisations");
	size_t count = 0;
	const char **values = form_values(req, "org", &count);
	long long *ids = arena_alloc(req->arena, (count + 1) * sizeof *ids);
	a->org_count = 0;
	for (size_t i = 0; i < count; i++)
		if (page_parse_id(values[i]) > 0)
			ids[a->org_count++] = page_parse_id(values[i]);
	a->org_ids = ids;
	const char *problem = valid_single_line(a->subject);
	if (a->subject[0] == '\0')
		form_error(req, "subject", "Enter a subject");
	else if (valid_utf8_length(a->subject) > ANNOUNCEMENT_SUBJECT_MAX)
		form_error(req, "subject", "Subject must be 300 characters or fewer");
	else if (problem != NULL)
		form_error(req, "subject", problem);
	problem = valid_multiline(a->body);
	if (a->body[0] == '\0')
		form_error(req, "body", "Enter the message");
	else if (valid_utf8_length(a->body) > ANNOUNCEMENT_BODY_MAX)
		form_error(req, "body", "Message must be 2000 characters or fewer");
	else if (problem != NULL)
		form_error(req, "body", problem);
	if (!a->everyone && a->org_count == 0)
		form_error(req, "org", "Choose at least one organisation");
	return !form_has_errors(req);
}

void page_announcement_send(struct request *req)
{
	struct announcement_new a = { .staff_id = req->session->staff_id,
				      .org_id = req->session->org_id,
				      .remote_addr = req->remote_addr };
	bool valid = read_form(req, &a);
	if (!set_organisations(req)) {
		page_database_failed(req, DB_ERROR);
		return;
	}
	if (!valid) {
		view_render(req, 400, "pages/admin/announcement_new.cs", "New announcement");
		return;
	}
	const char *confirm = http_form(req, "confirm");
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		long long count = 0;
		enum db_status status = announcement_recipients(req->arena, &a, &count);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
		view_set_int(req, "Confirm.Recipients", count);
		view_render(req, 200, "pages/admin/announcement_new.cs", "Check the announcement");
		return;
	}
	long long id = 0;
	enum db_status status = announcement_send(req->arena, &a, &id);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	http_redirect(req, arena_printf(req->arena, "/admin/announcements/%lld?done=sent", id));
}

void page_announcement(struct request *req)
{
	long long id = page_parse_id(req->captures[0]);
	struct announcement a;
	struct announcement_reader *readers = NULL;
	size_t count = 0;
	bool found = false;
	enum db_status status = announcement_get(req->arena, id, &a, &readers, &count, &found);
	if (!page_found(req, status, found))
		return;
	set_announcement(req, "Announcement", &a);
	for (size_t i = 0; i < count; i++) {
		const char *at = arena_printf(req->arena, "Readers.%zu", i);
		view_set_field(req, at, "Name", readers[i].name);
		view_set_field(req, at, "Read",
			       readers[i].read_at != NULL
				       ? page_local_time(req->arena, readers[i].read_at)
				       : "Not yet");
	}
	const char *done = http_query(req, "done");
	if (done != NULL && strcmp(done, "sent") == 0)
		view_set(req, "Notice.Done", "The announcement is sent.");
	view_render(req, 200, "pages/admin/announcement.cs", a.subject);
}
