/* Notes on referrals and clients, and files attached to referrals.
 *
 * The lists and note_file_get read only what the scope is party to (or, an administrator's,
 * everything); the pages ask referral_access_get (referral notes and files: whether consent
 * has expired, whether the referral is read-only for them) or client_get_visible (client
 * notes) first. A note or file added with actor org_id 0 is an administrator's (shown as
 * "Administrator"): one who is not party writes as themselves, not as their organisation.
 * Adding a referral note or file writes its
 * event on the referral's timeline and the inbox messages of the sender's subscribers who
 * chose that kind of update, in the same transaction. */
#ifndef REFERRALS_MODEL_NOTE_H
#define REFERRALS_MODEL_NOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "referral_access.h"

#define NOTE_TEXT_MAX 5000 /* characters of a note */
#define NOTE_LIST_MAX 500  /* most notes shown for one referral or client (newest) */

/* The largest file: fixed, whatever Referrals.Limits.BodyBytes says, so it always fits in
 * the worker's default 1 MiB body with the form's other parts around it. */
#define NOTE_FILE_MAX_BYTES (1048576 - 16384)
#define NOTE_FILE_COUNT_MAX 20 /* files per referral */
#define NOTE_FILE_NAME_MAX 200 /* characters of a stored file name */

struct note {
	long long id;
	const char *text;
	const char *author;	/* the staff member's name */
	const char *org_name;	/* the organisation they wrote it for */
	const char *created_at; /* UTC "YYYY-MM-DD HH:MM:SS" */
};

struct note_list {
	struct note *items;
	size_t count;
};

/* Who does it: the person, the scope they act in (checked again here, inside the write's
 * transaction), for the events. */
struct note_actor {
	long long staff_id;
	struct scope scope;
	const char *remote_addr;
};

/* A client's notes, newest first (at most NOTE_LIST_MAX); a referral's: note_list_referral. */
enum db_status note_list_client(struct arena *arena, long long client_id, const struct scope *scope,
				struct note_list *out);

/* Adds a note (text validated by the caller). The referral's: with its 'referral.note_added'
 * event and inbox messages for note_added subscribers (not the author); only when
 * referral_access_get lets the actor add to it (party or administrator, not read-only). The
 * client's: with a 'client.note_added' event, when the actor's organisation sees the client
 * or the actor is an administrator. *id the new note's, 0 when refused. */
enum db_status note_add_referral(struct arena *arena, const struct note_actor *actor,
				 long long referral_id, const char *text, long long *id);
enum db_status note_add_client(struct arena *arena, const struct note_actor *actor,
			       long long client_id, const char *text, long long *id);

/* ---- files ---- */

struct note_file {
	long long id;
	long long referral_id;
	const char *name;
	const char *content_type; /* as uploaded: shown, never sent back as the type */
	long long size;
	const char *sha256;
	const char *uploader;
	const char *org_name;
	const char *created_at;
	const char *data; /* note_file_get only */
	size_t len;
};

struct note_file_list {
	struct note_file *items;
	size_t count;
};

/* A referral's notes (at most NOTE_LIST_MAX) and files (no bytes), each newest first, in one
 * statement: what its page and its notes page show. */
enum db_status note_list_referral(struct arena *arena, long long referral_id,
				  const struct scope *scope, struct note_list *notes,
				  struct note_file_list *files);

enum note_outcome {
	NOTE_ADDED,
	NOTE_REFUSED, /* the actor may not add to it (see note_add_referral) */
	NOTE_FULL,    /* the referral has NOTE_FILE_COUNT_MAX files already */
};

/* Adds a file when the actor may add to the referral (as note_add_referral) and it has fewer
 * than NOTE_FILE_COUNT_MAX (the referral row is locked while counting, so concurrent uploads
 * cannot pass the limit). name
 * is stored as note_file_clean_name makes it. With its 'referral.file_added' event and inbox
 * messages for file_added subscribers (not the uploader). */
enum db_status note_file_add(struct arena *arena, const struct note_actor *actor,
			     long long referral_id, const char *name, const char *content_type,
			     const char *data, size_t len, long long *id,
			     enum note_outcome *outcome);

/* The file with its bytes, when scope may see its referral's files: *access its referral's
 * access (role REFERRAL_NONE when there is no such file or the scope is not party; with
 * consent_expired nothing but out->referral_id is read). */
enum db_status note_file_get(struct arena *arena, long long id, const struct scope *scope,
			     struct note_file *out, struct referral_access *access);

/* A file name safe to store and to put in a header: the last path component, without control
 * characters, quotes, backslashes, slashes or characters that are not valid UTF-8, spaces
 * trimmed, at most NOTE_FILE_NAME_MAX characters; "file" when nothing is left. Leading dots
 * are dropped (no hidden files, no "..") . */
const char *note_file_clean_name(struct arena *arena, const char *filename);

#endif
