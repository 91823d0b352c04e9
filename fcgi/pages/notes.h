/* Referral notes, client notes and files. Routes and handlers.
 *
 * Referral notes and files: whoever referral_access lets see the referral (its sender, its
 * receiver, administrators); anyone else gets 404, exactly as for a referral that does not
 * exist. Client notes: every organisation that can see the client (client_is_visible) and
 * administrators. Downloads are attachments of type application/octet-stream with nosniff. */
#ifndef REFERRALS_PAGES_NOTES_H
#define REFERRALS_PAGES_NOTES_H

#include "../http.h"

void page_referral_notes(struct request *req);	  /* GET /referrals/N/notes */
void page_referral_note_add(struct request *req); /* POST /referrals/N/notes */
void page_referral_file_add(struct request *req); /* POST /referrals/N/files (multipart) */
void page_file_download(struct request *req);	  /* GET /files/N */
void page_client_notes(struct request *req);	  /* GET /clients/N/notes */
void page_client_note_add(struct request *req);	  /* POST /clients/N/notes */

/* Sets the template data of the notes and files partials (views/pages/notes/) for referral
 * id: Notes.*, NoteForm.*, Files.*, FileForm.* (back: the path the forms return to, "" for
 * the notes page; read_only_reason: no forms but this sentence, referral_ended_reason's, or
 * NULL). For the referral page to include them; false after an error page. */
bool notes_set_referral(struct request *req, long long referral_id, const char *back,
			const char *read_only_reason);
/* The same for a client's notes (Notes.*, NoteForm.*); the caller checked visibility. */
bool notes_set_client(struct request *req, long long client_id, const char *back);

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define NOTE_ROUTES \
	{HTTP_GET, "/referrals/([0-9]+)/notes", ROLE_STAFF, page_referral_notes, ROUTE_PAGE}, \
	{HTTP_POST, "/referrals/([0-9]+)/notes", ROLE_STAFF, page_referral_note_add, ROUTE_PAGE}, \
	{HTTP_POST, "/referrals/([0-9]+)/files", ROLE_STAFF, page_referral_file_add, ROUTE_NOT_RESUMABLE}, \
	{HTTP_GET, "/files/([0-9]+)", ROLE_STAFF, page_file_download, ROUTE_PAGE}, \
	{HTTP_GET, "/clients/([0-9]+)/notes", ROLE_STAFF, page_client_notes, ROUTE_PAGE}, \
	{HTTP_POST, "/clients/([0-9]+)/notes", ROLE_STAFF, page_client_note_add, ROUTE_PAGE},
/* clang-format on */

#endif
