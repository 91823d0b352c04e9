/* Referral notes, client notes and files: the standalone notes pages, adding notes, uploading
 * and downloading files. Every handler asks who may see the referral (referral_access_get) or
 * the client (client_get_visible) before it reads anything else, and answers 404 otherwise;
 * 403 while consent has expired, and for adding to a referral that is read-only for them. */
#include "notes.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/client.h"
#include "../model/note.h"
#include "../model/referral.h"
#include "../model/referral_access.h"
#include "access.h"
#include "clients.h"
#include "privacy.h"
#include "pages.h"

/* 512 → "512 bytes", 12345 → "12 KB", 1040000 → "1.0 MB". */
static const char *human_size(struct arena *arena, long long bytes)
{
	if (bytes < 1024)
		return arena_printf(arena, "%lld byte%s", bytes, bytes == 1 ? "" : "s");
	if (bytes < 1024 * 1024)
		return arena_printf(arena, "%lld KB", (bytes + 1023) / 1024);
	return arena_printf(arena, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

/* An upload limit as people read it, in MB (issue 12): 1,032,192 bytes → "0.98 MB", rounded
 * down so a file of the size shown is always taken; "2 MB", not "2.00 MB". */
static const char *limit_text(struct arena *arena, long long bytes)
{
	long long hundredths = bytes * 100 / (1024 * 1024);
	if (hundredths % 100 == 0)
		return arena_printf(arena, "%lld MB", hundredths / 100);
	if (hundredths % 10 == 0)
		return arena_printf(arena, "%lld.%lld MB", hundredths / 100, hundredths % 100 / 10);
	return arena_printf(arena, "%lld.%02lld MB", hundredths / 100, hundredths % 100);
}

/* The note's text as lines (Prefix.Lines.N), so the template keeps its line breaks while
 * escaping everything. */
static void set_lines(struct request *req, const char *prefix, const char *text)
{
	int n = 0;
	const char *p = text;
	for (;;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		view_set(req, arena_printf(req->arena, "%s.Lines.%d", prefix, n++),
			 arena_strndup(req->arena, p, len));
		if (end == NULL)
			break;
		p = end + 1;
	}
}

static void set_notes(struct request *req, const struct note_list *notes)
{
	view_set_int(req, "NotesCount", (long long)notes->count);
	for (size_t i = 0; i < notes->count; i++) {
		const struct note *n = &notes->items[i];
		const char *prefix = arena_printf(req->arena, "Notes.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), n->id);
		view_set(req, arena_printf(req->arena, "%s.Author", prefix), n->author);
		view_set(req, arena_printf(req->arena, "%s.Org", prefix), n->org_name);
		view_set(req, arena_printf(req->arena, "%s.When", prefix),
			 page_local_date_time(req->arena, n->created_at));
		set_lines(req, prefix, n->text);
	}
}

bool notes_set_referral(struct request *req, long long referral_id, const char *back,
			const char *read_only_reason)
{
	struct note_list notes;
	struct scope scope = page_scope(req);
	struct note_file_list files;
	enum db_status status = note_list_referral(req->arena, referral_id, &scope, &notes, &files);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	set_notes(req, &notes);
	if (read_only_reason != NULL)
		view_set(req, "NoteForm.ReadOnly", read_only_reason);
	view_set(req, "NoteForm.Action",
		 arena_printf(req->arena, "/referrals/%lld/notes", referral_id));
	view_set(req, "NoteForm.Back", back ? back : "");
	view_set_int(req, "FilesCount", (long long)files.count);
	for (size_t i = 0; i < files.count; i++) {
		const struct note_file *f = &files.items[i];
		const char *prefix = arena_printf(req->arena, "Files.%zu", i);
		view_set_int(req, arena_printf(req->arena, "%s.Id", prefix), f->id);
		view_set(req, arena_printf(req->arena, "%s.Name", prefix), f->name);
		view_set(req, arena_printf(req->arena, "%s.Size", prefix),
			 human_size(req->arena, f->size));
		view_set(req, arena_printf(req->arena, "%s.Uploader", prefix), f->uploader);
		view_set(req, arena_printf(req->arena, "%s.Org", prefix), f->org_name);
		view_set(req, arena_printf(req->arena, "%s.When", prefix),
			 page_local_date_time(req->arena, f->created_at));
	}
	view_set(req, "FileForm.Action",
		 arena_printf(req->arena, "/referrals/%lld/files", referral_id));
	view_set(req, "FileForm.Back", back ? back : "");
	view_set_int(req, "FileForm.Max", NOTE_FILE_COUNT_MAX);
	view_set(req, "FileForm.MaxSize", limit_text(req->arena, NOTE_FILE_MAX_BYTES));
	if (files.count >= NOTE_FILE_COUNT_MAX)
		view_set_int(req, "FileForm.Full", 1);
	return true;
}

bool notes_set_client(struct request *req, long long client_id, const char *back)
{
	struct note_list notes;
	struct scope scope = page_scope(req);
	enum db_status status = note_list_client(req->arena, client_id, &scope, &notes);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	set_notes(req, &notes);
	view_set(req, "NoteForm.Action",
		 arena_printf(req->arena, "/clients/%lld/notes", client_id));
	view_set(req, "NoteForm.Back", back ? back : "");
	return true;
}

/* ---- referral notes and files ---- */

/* The referral of the path, if the active organisation may see its notes and files (and, to
 * add, may add to it): its id, or 0 after the 404, 403 (or database) page. *role: its part. */
static long long visible_referral(struct request *req, const char *id_text, bool adding,
				  enum referral_role *role)
{
	long long id = page_parse_id(id_text);
	struct referral_access access = { .role = REFERRAL_NONE };
	if (id > 0) {
		struct scope scope = page_scope(req);
		enum db_status status = referral_access_get(req->arena, id, &scope, &access);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return 0;
		}
	}
	*role = access.role;
	if (access.role == REFERRAL_NONE) {
		view_error(req, 404, NULL);
		return 0;
	}
	/* issue 15: nothing more about a redacted client (said before the consent, which has
	 * usually expired too and cannot be renewed for them) */
	if (adding && access.redacted_at != NULL) {
		page_client_removed(req, access.redacted_at, access.redaction_kind,
				    arena_printf(req->arena, "/referrals/%lld", id));
		return 0;
	}
	if (access.consent_expired) {
		page_consent_expired(req, arena_printf(req->arena, "/referrals/%lld", id));
		return 0;
	}
	if (access.redacted_at != NULL)
		view_set(req, "NoteForm.ReadOnly", PAGE_CLIENT_REMOVED_READ_ONLY);
	if (adding && access.read_only) {
		view_set(req, "Error.Link", arena_printf(req->arena, "/referrals/%lld", id));
		view_set(req, "Error.LinkText", arena_printf(req->arena, "View referral %lld", id));
		view_error(req, 403, access.ended_reason);
		return 0;
	}
	return id;
}

/* Where a form returns to: the referral page when it came from there, else the notes page. */
static const char *back_of(struct request *req, const char *kind, long long id)
{
	const char *back = http_form(req, "back");
	const char *page = arena_printf(req->arena, "/%s/%lld", kind, id);
	if (back != NULL && strcmp(back, page) == 0)
		return page;
	return arena_printf(req->arena, "/%s/%lld/notes", kind, id);
}

static void show_referral_notes(struct request *req, long long id, enum referral_role role,
				int status_code)
{
	struct referral r;
	bool found = false;
	struct scope scope = page_scope(req);
	enum db_status status = referral_get(req->arena, id, &scope, &r, &found);
	if (status != DB_OK || !found) {
		page_database_failed(req, status != DB_OK ? status : DB_ERROR);
		return;
	}
	const char *back = http_form(req, "back");
	/* expired consent never reaches here (visible_referral) */
	if (!notes_set_referral(
		    req, id,
		    back && strcmp(back, arena_printf(req->arena, "/referrals/%lld", id)) == 0
			    ? back
			    : "",
		    referral_ended_reason(role, r.status)))
		return;
	view_set_int(req, "Referral.Id", id);
	view_set(req, "Referral.Issue", r.issue_name);
	view_set(req, "Referral.SendingOrg", r.sending_org_name);
	view_set(req, "Referral.ReceivingOrg", r.receiving_org_name);
	const char *added = http_query(req, "added");
	if (added != NULL && strcmp(added, "note") == 0)
		view_set(req, "Notice.Added", "Your note has been added");
	else if (added != NULL && strcmp(added, "file") == 0)
		view_set(req, "Notice.Added", "Your file has been uploaded");
	view_render(req, status_code, "pages/notes/referral.cs",
		    arena_printf(req->arena, "Notes and files: referral %lld", id));
}

void page_referral_notes(struct request *req)
{
	enum referral_role role;
	long long id = visible_referral(req, req->captures[0], false, &role);
	page_access(req, ACCESS_REFERRAL_NOTES, id); /* issue 15: logged only if shown */
	if (id > 0)
		show_referral_notes(req, id, role, 200);
}

static struct note_actor actor_of(const struct request *req)
{
	return (struct note_actor){
		.staff_id = req->session->staff_id,
		.scope = page_scope(req),
		.remote_addr = req->remote_addr,
	};
}

/* The 403 for an addition the model refused after the page's own check allowed it (the
 * referral changed in between). */
static void refused(struct request *req, long long id)
{
	view_set(req, "Error.Link", arena_printf(req->arena, "/referrals/%lld", id));
	view_set(req, "Error.LinkText", arena_printf(req->arena, "View referral %lld", id));
	view_error(req, 403, "Nothing can be added to this referral now.");
}

/* The note typed, or NULL after adding an error for the field "note". */
static const char *valid_note(struct request *req)
{
	const char *text = form_text(req, "note");
	const char *problem = NULL;
	if (!valid_required(text))
		problem = "Enter a note";
	else if (valid_text_length(text, 1, NOTE_TEXT_MAX) == VALID_LENGTH_TOO_LONG)
		problem = arena_printf(req->arena, "Note must be %d characters or fewer",
				       NOTE_TEXT_MAX);
	else if (valid_multiline(text) != NULL)
		problem = "Note must not contain special characters (only letters, numbers, "
			  "punctuation and line breaks)";
	if (problem != NULL) {
		form_error(req, "note", problem);
		return NULL;
	}
	return text;
}

/* back + "?added=KIND", with the referral page's #notes or #files anchor. */
static void redirect_added(struct request *req, const char *back, const char *kind)
{
	http_redirect(req, arena_printf(req->arena, "%s?added=%s#%ss", back, kind, kind));
}

void page_referral_note_add(struct request *req)
{
	enum referral_role role;
	long long id = visible_referral(req, req->captures[0], true, &role);
	if (id == 0)
		return;
	const char *text = valid_note(req);
	if (text == NULL) {
		show_referral_notes(req, id, role, 400);
		return;
	}
	struct note_actor actor = actor_of(req);
	long long note_id;
	enum db_status status = note_add_referral(req->arena, &actor, id, text, &note_id);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (note_id == 0) {
		refused(req, id);
		return;
	}
	redirect_added(req, back_of(req, "referrals", id), "note");
}

void page_referral_file_add(struct request *req)
{
	enum referral_role role;
	long long id = visible_referral(req, req->captures[0], true, &role);
	if (id == 0)
		return;
	const struct multipart_file *file = multipart_file_get(&req->files, "file");
	if (file == NULL || file->filename[0] == '\0') {
		form_error(req, "file", "Select a file to upload");
		show_referral_notes(req, id, role, 400);
		return;
	}
	if (file->len == 0) {
		form_error(req, "file", "The selected file is empty");
		show_referral_notes(req, id, role, 400);
		return;
	}
	if (file->len > NOTE_FILE_MAX_BYTES) {
		form_error(req, "file",
			   arena_printf(req->arena, "The selected file must be smaller than %s",
					limit_text(req->arena, NOTE_FILE_MAX_BYTES)));
		show_referral_notes(req, id, role, 413);
		return;
	}
	struct note_actor actor = actor_of(req);
	long long file_id;
	enum note_outcome outcome;
	enum db_status status =
		note_file_add(req->arena, &actor, id, file->filename, file->content_type,
			      file->data, file->len, &file_id, &outcome);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (outcome == NOTE_REFUSED) {
		refused(req, id);
		return;
	}
	if (outcome == NOTE_FULL) {
		form_error(req, "file",
			   arena_printf(
				   req->arena,
				   "A referral can have at most %d files: this one has %d already",
				   NOTE_FILE_COUNT_MAX, NOTE_FILE_COUNT_MAX));
		show_referral_notes(req, id, role, 409);
		return;
	}
	redirect_added(req, back_of(req, "referrals", id), "file");
}

/* ---- downloads ---- */

/* The name for filename="...": ASCII only (each other character becomes one "_"). The
 * stored name has no quotes, backslashes or control characters already. */
static const char *ascii_name(struct arena *arena, const char *name)
{
	char *out = arena_alloc(arena, strlen(name) + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x80) {
			*o++ = (*p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7F) ? '_'
										    : (char)*p;
		} else if ((*p & 0xC0) != 0x80) {
			*o++ = '_'; /* the first byte of a UTF-8 sequence */
		}
	}
	*o = '\0';
	return out;
}

/* RFC 5987 value characters kept; everything else percent-encoded. */
static const char *ext_value(struct arena *arena, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(arena, strlen(name) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || strchr("!#$&+-.^_`|~", *p) != NULL) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

void page_file_download(struct request *req)
{
	long long id = page_parse_id(req->captures[0]);
	struct note_file file;
	struct referral_access access = { .role = REFERRAL_NONE };
	enum db_status status = DB_OK;
	if (id > 0) {
		struct scope scope = page_scope(req);
		status = note_file_get(req->arena, id, &scope, &file, &access);
	}
	if (!page_found(req, status, access.role != REFERRAL_NONE))
		return;
	if (access.consent_expired) {
		page_consent_expired(req,
				     arena_printf(req->arena, "/referrals/%lld", file.referral_id));
		return;
	}
	page_access(req, ACCESS_FILE, id); /* issue 15: who looked */
	req->status = 200;
	/* never the uploaded type: nothing a user sent is rendered by the browser */
	http_header_add(req, "Content-Type", "application/octet-stream");
	http_header_add(req, "Content-Disposition",
			arena_printf(req->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
				     ascii_name(req->arena, file.name),
				     ext_value(req->arena, file.name)));
	http_header_add(req, "Content-Security-Policy", "sandbox; default-src 'none'");
	http_body_append(req, file.data, file.len);
}

/* ---- client notes ---- */

static void show_client_notes(struct request *req, const struct client *client, int status_code)
{
	const char *back = http_form(req, "back");
	const char *profile = arena_printf(req->arena, "/clients/%lld", client->id);
	if (!notes_set_client(req, client->id, back && strcmp(back, profile) == 0 ? back : ""))
		return;
	if (client->redacted_at[0] != '\0') /* issue 15: nothing more is added about them */
		view_set(req, "NoteForm.ReadOnly", PAGE_CLIENT_REMOVED_READ_ONLY);
	view_set_int(req, "Client.Id", client->id);
	view_set(req, "Client.Name",
		 arena_printf(req->arena, "%s %s", client->first_name, client->last_name));
	const char *added = http_query(req, "added");
	if (added != NULL && strcmp(added, "note") == 0)
		view_set(req, "Notice.Added", "Your note has been added");
	view_render(req, status_code, "pages/notes/client.cs", "Client notes");
}

void page_client_notes(struct request *req)
{
	struct client client;
	if (!clients_load(req, &client))
		return;
	page_access(req, ACCESS_CLIENT_NOTES, client.id); /* issue 15: who looked */
	show_client_notes(req, &client, 200);
}

void page_client_note_add(struct request *req)
{
	struct client client;
	if (!clients_load_for_change(req, &client))
		return;
	const char *text = valid_note(req);
	if (text == NULL) {
		show_client_notes(req, &client, 400);
		return;
	}
	struct note_actor actor = actor_of(req);
	long long note_id;
	enum db_status status = note_add_client(req->arena, &actor, client.id, text, &note_id);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (note_id == 0) {
		view_error(req, 404, NULL); /* it cannot see the client (any more) */
		return;
	}
	redirect_added(req, back_of(req, "clients", client.id), "note");
}
