/* Notes on referrals and clients, and files: the SQL, the events and the inbox messages. */
#include "note.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../crypto.h"
#include "../vocabulary.h"
#include "audit.h"
#include "inbox.h"
#include "referral_access.h"

static const char *text_or_empty(const struct db_result *r, size_t row, unsigned col)
{
	const char *v = db_value(r, row, col);
	return v != NULL ? v : "";
}

static void read_notes(struct arena *arena, const struct db_result *r, struct note_list *out)
{
	out->count = r->rows;
	out->items = r->rows ? arena_alloc(arena, r->rows * sizeof *out->items) : NULL;
	for (size_t i = 0; i < r->rows; i++) {
		out->items[i] = (struct note){
			.id = db_int(r, i, 0, 0),
			.text = text_or_empty(r, i, 1),
			.author = text_or_empty(r, i, 2),
			.org_name = text_or_empty(r, i, 3),
			.created_at = text_or_empty(r, i, 4),
		};
	}
}

/* The author's organisation, or (none: written as a system administrator) "Administrator". */
#define NOTE_ORG "COALESCE(o.name, 'Administrator')"

enum db_status note_list_client(struct arena *arena, long long client_id, const struct scope *scope,
				struct note_list *out)
{
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT n.id, n.body, s.display_name, " NOTE_ORG ", n.created_at FROM notes n"
		" JOIN staff s ON s.id = n.staff_id LEFT JOIN organisations o ON o.id = "
		"n.organisation_id"
		" WHERE n.client_id = ? AND (? = 1 OR EXISTS (SELECT 1 FROM client_orgs co"
		"  WHERE co.client_id = n.client_id AND co.organisation_id = ?))"
		" ORDER BY n.created_at DESC, n.id DESC LIMIT ?",
		"iiii", client_id, (long long)scope->admin, scope->org_id,
		(long long)NOTE_LIST_MAX);
	if (status == DB_OK)
		read_notes(arena, &r, out);
	return status;
}

/* The referral's group, issue and the acting organisation's name, for the messages. */
struct referral_facts {
	long long group_id;
	const char *issue;
	const char *org_name;
	long long receiving_org_id;
};

static enum db_status referral_facts(struct arena *arena, long long referral_id, long long org_id,
				     struct referral_facts *out)
{
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT r.group_id, i.name,"
		" COALESCE((SELECT name FROM organisations WHERE id = ?), 'An administrator'),"
		" r.receiving_org_id"
		" FROM referrals r JOIN issues i ON i.id = r.issue_id WHERE r.id = ?",
		"ii", org_id, referral_id);
	if (status != DB_OK)
		return status;
	if (r.rows != 1)
		return DB_ERROR; /* the caller checked it exists */
	out->group_id = db_int(&r, 0, 0, 0);
	out->issue = arena_strdup(arena, text_or_empty(&r, 0, 1));
	out->org_name = arena_strdup(arena, text_or_empty(&r, 0, 2));
	out->receiving_org_id = db_int(&r, 0, 3, 0);
	return DB_OK;
}

/* An inbox message to each active staff member of the sender's who chose updates of this kind
 * ("note" or "file") on the group, except the one who added it. */
static enum db_status tell_subscribers(struct arena *arena, const struct referral_facts *facts,
				       long long referral_id, long long author_id, const char *what)
{
	const char *subject =
		arena_printf(arena, "Referral %lld %s added: %s", referral_id, what, facts->issue);
	const char *body = arena_printf(arena, "%s added a %s to referral %lld (%s).",
					facts->org_name, what, referral_id, facts->issue);
	const char *link = arena_printf(arena, "/referrals/%lld", referral_id);
	bool file = strcmp(what, "file") == 0;
	struct inbox_item message = { .kind = inbox_kind_name(file ? INBOX_FILE_ADDED
								   : INBOX_NOTE_ADDED),
				      .subject = subject,
				      .body = body,
				      .link = link };
	enum db_status status = inbox_to_subscribers(
		arena, facts->group_id, file ? INBOX_ON_FILE_ADDED : INBOX_ON_NOTE_ADDED, author_id,
		&message);
	/* both sides hear of it: the receiving organisation's staff too (issue 14) */
	if (status == DB_OK)
		status = inbox_to_org_staff_except(arena, facts->receiving_org_id, author_id,
						   &message, NULL);
	return status;
}

/* ---- adding a note ---- */

struct add_note_work {
	const struct note_actor *actor;
	long long referral_id, client_id;
	const char *text;
	long long id;
	long long org_id; /* what the note is recorded for: 0 for an administrator's */
};

/* Whether the actor may add to the referral now (party or administrator, not read-only), and
 * as whom: *org_id their organisation, or 0 when they add as an administrator. */
static enum db_status may_add(struct arena *arena, const struct note_actor *actor,
			      long long referral_id, bool *allowed, long long *org_id)
{
	struct referral_access access;
	enum db_status status = referral_access_get(arena, referral_id, &actor->scope, &access);
	*allowed = status == DB_OK && access.role != REFERRAL_NONE && !access.read_only;
	*org_id = access.role == REFERRAL_ADMIN ? 0 : actor->scope.org_id;
	return status;
}

/* The note of w, on its referral or (of_client) its client, and its audit row; sets w->id. */
static enum db_status insert_note(struct arena *arena, struct add_note_work *w, bool of_client)
{
	long long subject = of_client ? w->client_id : w->referral_id;
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		of_client ? "INSERT INTO notes (client_id, body, staff_id, organisation_id)"
			    " VALUES (?, ?, ?, NULLIF(?, 0))"
			  : "INSERT INTO notes (referral_id, body, staff_id, organisation_id)"
			    " VALUES (?, ?, ?, NULLIF(?, 0))",
		"isii", subject, w->text, w->actor->staff_id, w->org_id);
	if (status != DB_OK)
		return status;
	w->id = (long long)r.insert_id;
	struct audit_entry entry = {
		.staff_id = w->actor->staff_id,
		.organisation_id = w->org_id,
		.action = of_client ? "client.note_added" : event_name(EVENT_NOTE_ADDED),
		.subject_type = of_client ? "client" : "referral",
		.subject_id = subject,
		.detail = arena_printf(arena, "Note %lld", w->id),
		.remote_addr = w->actor->remote_addr,
	};
	return audit_record(arena, &entry);
}

static enum db_status add_referral_note(struct arena *arena, void *context)
{
	struct add_note_work *w = context;
	w->id = 0;
	bool allowed;
	enum db_status status = may_add(arena, w->actor, w->referral_id, &allowed, &w->org_id);
	if (status != DB_OK || !allowed)
		return status;
	struct referral_facts facts;
	status = referral_facts(arena, w->referral_id, w->org_id, &facts);
	if (status != DB_OK)
		return status;
	status = insert_note(arena, w, false);
	if (status != DB_OK)
		return status;
	return tell_subscribers(arena, &facts, w->referral_id, w->actor->staff_id, "note");
}

enum db_status note_add_referral(struct arena *arena, const struct note_actor *actor,
				 long long referral_id, const char *text, long long *id)
{
	struct add_note_work w = { .actor = actor, .referral_id = referral_id, .text = text };
	enum db_status status = db_transaction(arena, add_referral_note, &w);
	*id = w.id;
	return status;
}

static enum db_status add_client_note(struct arena *arena, void *context)
{
	struct add_note_work *w = context;
	w->id = 0;
	/* recorded for the organisation when it sees the client, else as an administrator's */
	struct db_result r;
	enum db_status status = db_run(
		arena, &r, "SELECT 1 FROM client_orgs WHERE client_id = ? AND organisation_id = ?",
		"ii", w->client_id, w->actor->scope.org_id);
	if (status != DB_OK || (r.rows == 0 && !w->actor->scope.admin))
		return status;
	w->org_id = r.rows == 1 ? w->actor->scope.org_id : 0;
	return insert_note(arena, w, true);
}

enum db_status note_add_client(struct arena *arena, const struct note_actor *actor,
			       long long client_id, const char *text, long long *id)
{
	struct add_note_work w = { .actor = actor, .client_id = client_id, .text = text };
	enum db_status status = db_transaction(arena, add_client_note, &w);
	*id = w.id;
	return status;
}

/* ---- files ---- */

/* A referral's notes or files, newest first: the order the statement's two parts do not
 * promise each other (see note_list_referral). */
struct part_row {
	const char *created_at;
	long long id;
	size_t row;
};

static int newest_first(const void *a, const void *b)
{
	const struct part_row *x = a, *y = b;
	int by_time = strcmp(y->created_at, x->created_at);
	if (by_time != 0)
		return by_time;
	return (y->id > x->id) - (y->id < x->id);
}

/* The columns: part (1 a note, 2 a file), id, created_at, the note's text or the file's name,
 * author, organisation, then the file's type, digest and size. The file's ASCII digest takes
 * the table's collation: a UNION refuses to mix them. */
enum db_status note_list_referral(struct arena *arena, long long referral_id,
				  const struct scope *scope, struct note_list *notes,
				  struct note_file_list *files)
{
	*notes = (struct note_list){ 0 };
	*files = (struct note_file_list){ 0 };
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"(SELECT 1 part, n.id, n.created_at, n.body, s.display_name, " NOTE_ORG ","
		"  '' content_type, '' sha256, 0 size FROM notes n"
		"  JOIN referrals rf ON rf.id = n.referral_id"
		"   AND (? = 1 OR ? IN (rf.sending_org_id, rf.receiving_org_id))"
		"  JOIN staff s ON s.id = n.staff_id"
		"  LEFT JOIN organisations o ON o.id = n.organisation_id"
		"  WHERE n.referral_id = ? ORDER BY n.created_at DESC, n.id DESC LIMIT ?)"
		" UNION ALL (SELECT 2, f.id, f.created_at, f.name, s.display_name, " NOTE_ORG ","
		"  f.content_type, CONVERT(f.sha256 USING utf8mb4) COLLATE utf8mb4_unicode_ci, "
		"f.size"
		"  FROM files f JOIN referrals rf ON rf.id = f.referral_id"
		"   AND (? = 1 OR ? IN (rf.sending_org_id, rf.receiving_org_id))"
		"  JOIN staff s ON s.id = f.uploaded_by"
		"  LEFT JOIN organisations o ON o.id = f.organisation_id"
		"  WHERE f.referral_id = ? ORDER BY f.created_at DESC, f.id DESC LIMIT ?)",
		"iiiiiiii", (long long)scope->admin, scope->org_id, referral_id,
		(long long)NOTE_LIST_MAX, (long long)scope->admin, scope->org_id, referral_id,
		(long long)NOTE_FILE_COUNT_MAX * 2);
	if (status != DB_OK || r.rows == 0)
		return status;
	struct part_row *parts[2] = { arena_alloc(arena, r.rows * sizeof *parts[0]),
				      arena_alloc(arena, r.rows * sizeof *parts[1]) };
	size_t counts[2] = { 0, 0 };
	for (size_t i = 0; i < r.rows; i++) {
		size_t p = db_int(&r, i, 0, 0) == 2;
		parts[p][counts[p]++] =
			(struct part_row){ text_or_empty(&r, i, 2), db_int(&r, i, 1, 0), i };
	}
	for (size_t p = 0; p < 2; p++)
		qsort(parts[p], counts[p], sizeof *parts[p], newest_first);
	notes->items = arena_zalloc(arena, (counts[0] + 1) * sizeof *notes->items);
	for (size_t k = 0; k < counts[0]; k++) {
		size_t i = parts[0][k].row;
		notes->items[notes->count++] = (struct note){
			.id = db_int(&r, i, 1, 0),
			.created_at = text_or_empty(&r, i, 2),
			.text = text_or_empty(&r, i, 3),
			.author = text_or_empty(&r, i, 4),
			.org_name = text_or_empty(&r, i, 5),
		};
	}
	files->items = arena_zalloc(arena, (counts[1] + 1) * sizeof *files->items);
	for (size_t k = 0; k < counts[1]; k++) {
		size_t i = parts[1][k].row;
		files->items[files->count++] = (struct note_file){
			.id = db_int(&r, i, 1, 0),
			.referral_id = referral_id,
			.created_at = text_or_empty(&r, i, 2),
			.name = text_or_empty(&r, i, 3),
			.uploader = text_or_empty(&r, i, 4),
			.org_name = text_or_empty(&r, i, 5),
			.content_type = text_or_empty(&r, i, 6),
			.sha256 = text_or_empty(&r, i, 7),
			.size = db_int(&r, i, 8, 0),
		};
	}
	return DB_OK;
}

struct add_file_work {
	const struct note_actor *actor;
	long long referral_id;
	const char *name, *content_type, *data;
	size_t len;
	const char *sha256;
	long long id;
	enum note_outcome outcome;
};

static enum db_status add_file(struct arena *arena, void *context)
{
	struct add_file_work *w = context;
	w->outcome = NOTE_REFUSED;
	w->id = 0;
	/* the referral row locked first, before anything else is read: two uploads at once
	 * count one after the other, and the count is a locking read of the latest rows */
	struct db_result r;
	enum db_status status = db_run(
		arena, &r, "SELECT id FROM referrals WHERE id = ? FOR UPDATE", "i", w->referral_id);
	if (status != DB_OK)
		return status;
	bool allowed;
	long long org_id;
	status = may_add(arena, w->actor, w->referral_id, &allowed, &org_id);
	if (status != DB_OK || !allowed)
		return status;
	status = db_run(arena, &r, "SELECT COUNT(*) FROM files WHERE referral_id = ? FOR UPDATE",
			"i", w->referral_id);
	if (status != DB_OK)
		return status;
	if (db_int(&r, 0, 0, 0) >= NOTE_FILE_COUNT_MAX) {
		w->outcome = NOTE_FULL;
		return DB_OK;
	}
	struct referral_facts facts;
	status = referral_facts(arena, w->referral_id, org_id, &facts);
	if (status != DB_OK)
		return status;
	status = db_run(arena, &r,
			"INSERT INTO files (referral_id, name, content_type, size, data, sha256, "
			"uploaded_by,"
			" organisation_id) VALUES (?, ?, LEFT(?, 255), ?, ?, ?, ?, NULLIF(?, 0))",
			"issibsii", w->referral_id, w->name, w->content_type, (long long)w->len,
			(const void *)w->data, w->len, w->sha256, w->actor->staff_id, org_id);
	if (status != DB_OK)
		return status;
	w->id = (long long)r.insert_id;
	w->outcome = NOTE_ADDED;
	struct audit_entry entry = {
		.staff_id = w->actor->staff_id,
		.organisation_id = org_id,
		.action = event_name(EVENT_FILE_ADDED),
		.subject_type = "referral",
		.subject_id = w->referral_id,
		.new_value = w->name,
		.detail = arena_printf(arena, "File %lld, %zu bytes", w->id, w->len),
		.remote_addr = w->actor->remote_addr,
	};
	status = audit_record(arena, &entry);
	if (status != DB_OK)
		return status;
	return tell_subscribers(arena, &facts, w->referral_id, w->actor->staff_id, "file");
}

enum db_status note_file_add(struct arena *arena, const struct note_actor *actor,
			     long long referral_id, const char *name, const char *content_type,
			     const char *data, size_t len, long long *id,
			     enum note_outcome *outcome)
{
	uint8_t digest[SHA256_DIGEST_BYTES];
	char *hex = arena_alloc(arena, SHA256_DIGEST_BYTES * 2 + 1);
	crypto_sha256(data, len, digest);
	crypto_hex(digest, sizeof digest, hex);
	struct add_file_work w = {
		.actor = actor,
		.referral_id = referral_id,
		.name = note_file_clean_name(arena, name),
		.content_type = content_type != NULL ? content_type : "",
		.data = data != NULL ? data : "",
		.len = len,
		.sha256 = hex,
	};
	enum db_status status = db_transaction(arena, add_file, &w);
	*id = w.id;
	*outcome = w.outcome;
	return status;
}

enum db_status note_file_get(struct arena *arena, long long id, const struct scope *scope,
			     struct note_file *out, struct referral_access *access)
{
	memset(access, 0, sizeof *access);
	access->role = REFERRAL_NONE;
	struct db_result r;
	enum db_status status =
		db_run(arena, &r, "SELECT referral_id FROM files WHERE id = ?", "i", id);
	if (status != DB_OK || r.rows == 0)
		return status;
	/* the referral's access first: not a byte of the file is read for someone not party */
	status = referral_access_get(arena, db_int(&r, 0, 0, 0), scope, access);
	out->referral_id = db_int(&r, 0, 0, 0);
	if (status != DB_OK || access->role == REFERRAL_NONE || access->consent_expired)
		return status;
	status = db_run(arena, &r,
			"SELECT referral_id, name, content_type, size, sha256, created_at, data"
			" FROM files WHERE id = ?",
			"i", id);
	if (status != DB_OK || r.rows == 0) {
		access->role = REFERRAL_NONE;
		return status;
	}
	*out = (struct note_file){
		.id = id,
		.referral_id = db_int(&r, 0, 0, 0),
		.name = text_or_empty(&r, 0, 1),
		.content_type = text_or_empty(&r, 0, 2),
		.size = db_int(&r, 0, 3, 0),
		.sha256 = text_or_empty(&r, 0, 4),
		.created_at = text_or_empty(&r, 0, 5),
		.data = text_or_empty(&r, 0, 6),
		.len = r.lengths[6],
		.uploader = "",
		.org_name = "",
	};
	return DB_OK;
}

/* The length of the UTF-8 sequence at p (at most left bytes), or 0 when it is not valid. */
static size_t utf8_sequence(const unsigned char *p, size_t left)
{
	if (p[0] < 0x80)
		return 1;
	size_t n;
	uint32_t cp;
	if ((p[0] & 0xE0) == 0xC0) {
		n = 2;
		cp = p[0] & 0x1F;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 3;
		cp = p[0] & 0x0F;
	} else if ((p[0] & 0xF8) == 0xF0) {
		n = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	/* C1 controls, line and paragraph separators, bidirectional overrides: not in a name */
	if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return n;
}

const char *note_file_clean_name(struct arena *arena, const char *filename)
{
	if (filename == NULL)
		filename = "";
	/* the last path component, whichever separator a browser or a script used */
	const char *start = filename;
	for (const char *p = filename; *p; p++)
		if (*p == '/' || *p == '\\')
			start = p + 1;
	size_t len = strlen(start);
	char *out = arena_alloc(arena, len + 1), *o = out;
	size_t chars = 0;
	const unsigned char *p = (const unsigned char *)start;
	while (*p && chars < NOTE_FILE_NAME_MAX) {
		size_t n = utf8_sequence(p, len - (size_t)(p - (const unsigned char *)start));
		if (n == 0) {
			p++;
			continue;
		}
		if (n == 1 && (*p < 0x20 || *p == 0x7F || *p == '"' || *p == '\'' || *p == '`' ||
			       *p == ';' || *p == '<' || *p == '>' || *p == '%' || *p == '*' ||
			       *p == '?' || *p == ':' || *p == '|')) {
			p++;
			continue;
		}
		if (n == 1 && *p == '.' && o == out) { /* no leading dots */
			p++;
			continue;
		}
		memcpy(o, p, n);
		o += n;
		p += n;
		chars++;
	}
	*o = '\0';
	/* spaces trimmed at both ends */
	while (o > out && (o[-1] == ' ' || o[-1] == '.'))
		*--o = '\0';
	char *begin = out;
	while (*begin == ' ')
		begin++;
	if (*begin == '\0')
		return "file";
	return begin;
}
