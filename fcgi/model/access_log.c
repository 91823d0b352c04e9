/* The access log: views noted during a request, written after it; the access and sharing
 * histories of a client. */
#include "access_log.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"

static const struct {
	const char *name, *label;
} kinds[ACCESS__MAX] = {
	[ACCESS_CLIENT] = { "client", "Client details" },
	[ACCESS_CLIENT_REFERRALS] = { "client_referrals", "Client’s referrals" },
	[ACCESS_CLIENT_NOTES] = { "client_notes", "Client notes" },
	[ACCESS_CLIENT_EDIT] = { "client_edit", "Edit details" },
	[ACCESS_REFERRAL] = { "referral", "Referral" },
	[ACCESS_REFERRAL_NOTES] = { "referral_notes", "Referral notes and files" },
	[ACCESS_FILE] = { "file", "File download" },
	[ACCESS_DRAFT] = { "draft", "Referral journey" },
	[ACCESS_SUBJECT_ACCESS] = { "subject_access", "Subject access download" },
	[ACCESS_FIND] = { "find", "Found by a search (referral journey)" },
	[ACCESS_LIST_RECEIVED] = { "list_received", "Named in the Received referrals list" },
	[ACCESS_LIST_SENT] = { "list_sent", "Named in the Sent referrals list" },
	[ACCESS_LIST_CLIENTS] = { "list_clients", "Named in the client list" },
	[ACCESS_LIST_INBOX] = { "list_inbox", "Named in the inbox" },
	[ACCESS_REFERRAL_CONSENT] = { "referral_consent", "Renew consent" },
	[ACCESS_AUDIT_CLIENT] = { "audit_client", "Its changes in the audit log" },
	[ACCESS_AUDIT_REFERRAL] = { "audit_referral", "A referral’s events in the audit log" },
};

const char *access_kind_name(enum access_kind kind)
{
	return kinds[kind].name;
}

const char *access_kind_label(const char *stored)
{
	for (int k = 0; k < ACCESS__MAX; k++)
		if (stored != NULL && strcmp(stored, kinds[k].name) == 0)
			return kinds[k].label;
	return stored ? stored : "";
}

/* The views of the request now running. A worker runs one request at a time, so one small
 * static list does; it is tied to the request's id so nothing noted can leak into the next. */
static struct {
	char request_id[17];
	long long staff_id, org_id;
	size_t count;
	struct {
		enum access_kind kind;
		long long subject_id;
	} items[ACCESS_PENDING_MAX];
} pending;

void access_log_note(const char *request_id, long long staff_id, long long org_id,
		     enum access_kind kind, long long subject_id)
{
	if (strcmp(pending.request_id, request_id) != 0) {
		snprintf(pending.request_id, sizeof pending.request_id, "%s", request_id);
		pending.count = 0;
	}
	pending.staff_id = staff_id;
	pending.org_id = org_id;
	for (size_t i = 0; i < pending.count; i++) /* the same view twice is one view */
		if (pending.items[i].kind == kind && pending.items[i].subject_id == subject_id)
			return;
	if (pending.count < ACCESS_PENDING_MAX && subject_id > 0)
		pending.items[pending.count++] = (typeof(pending.items[0])){ kind, subject_id };
}

/* How the client of a view is found from its subject: 'c' the subject is the client, 'r' a
 * referral, 'f' a file. */
static char via_of(enum access_kind kind)
{
	switch (kind) {
	case ACCESS_REFERRAL:
	case ACCESS_REFERRAL_NOTES:
	case ACCESS_REFERRAL_CONSENT:
	case ACCESS_AUDIT_REFERRAL:
		return 'r';
	case ACCESS_FILE:
		return 'f';
	default:
		return 'c';
	}
}

/* Every view of the request in one INSERT of a fixed text, whatever their number: they
 * travel as one JSON array of [subject id, kind, via] that JSON_TABLE (MariaDB 10.6 or later)
 * reads back as rows, the client of a referral or file read by the same statement (a subject
 * gone meanwhile: no row). The ids are numbers and the kinds and vias this file's own ASCII
 * names, so the array needs no escaping. */
static enum db_status write_views(struct arena *arena)
{
	char json[ACCESS_PENDING_MAX * 64 + 3]; /* an entry: at most 1 + 2 + 20 + 3 + 24 + 7 */
	size_t len = 0;
	json[len++] = '[';
	for (size_t i = 0; i < pending.count; i++)
		len += (size_t)snprintf(json + len, sizeof json - len, "%s[%lld,\"%s\",\"%c\"]",
					i ? "," : "", pending.items[i].subject_id,
					access_kind_name(pending.items[i].kind),
					via_of(pending.items[i].kind));
	json[len++] = ']';
	json[len] = '\0';
	return db_run(arena, NULL,
		      "INSERT INTO access_log (staff_id, organisation_id, client_id, kind,"
		      " subject_id, request_id)"
		      " SELECT ?, NULLIF(?, 0), CASE j.via WHEN 'c' THEN j.subject"
		      "  WHEN 'r' THEN r.client_id ELSE fr.client_id END, j.kind, j.subject, ?"
		      " FROM JSON_TABLE(?, '$[*]' COLUMNS (subject BIGINT UNSIGNED PATH '$[0]',"
		      "  kind VARCHAR(24) CHARACTER SET ascii PATH '$[1]',"
		      "  via CHAR(1) CHARACTER SET ascii PATH '$[2]')) j"
		      " LEFT JOIN referrals r ON j.via = 'r' AND r.id = j.subject"
		      " LEFT JOIN files f ON j.via = 'f' AND f.id = j.subject"
		      " LEFT JOIN referrals fr ON fr.id = f.referral_id"
		      " WHERE j.via = 'c' OR r.id IS NOT NULL OR fr.id IS NOT NULL",
		      "iiss", pending.staff_id, pending.org_id, pending.request_id, json);
}

/* The one view of most requests (a referral, a client, a file) in the leanest statement of
 * its kind: a JSON_TABLE costs the server twice a plain INSERT … SELECT by primary key. */
static enum db_status write_one_view(struct arena *arena)
{
	char via = via_of(pending.items[0].kind);
	const char *sql;
	switch (via) {
	case 'r':
		sql = "INSERT INTO access_log (staff_id, organisation_id, client_id, kind,"
		      " subject_id, request_id) SELECT ?, NULLIF(?, 0), r.client_id, ?, r.id, ?"
		      " FROM referrals r WHERE r.id = ?";
		break;
	case 'f':
		sql = "INSERT INTO access_log (staff_id, organisation_id, client_id, kind,"
		      " subject_id, request_id) SELECT ?, NULLIF(?, 0), r.client_id, ?, f.id, ?"
		      " FROM files f JOIN referrals r ON r.id = f.referral_id WHERE f.id = ?";
		break;
	default: /* the subject is the client: subject_id twice, as client_id and as subject */
		sql = "INSERT INTO access_log (staff_id, organisation_id, kind, request_id,"
		      " client_id, subject_id) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?)";
	}
	/* the sixth value is bound only where the statement has a sixth placeholder */
	return db_run(arena, NULL, sql, via == 'c' ? "iissii" : "iissi", pending.staff_id,
		      pending.org_id, access_kind_name(pending.items[0].kind), pending.request_id,
		      pending.items[0].subject_id, pending.items[0].subject_id);
}

enum db_status access_log_flush(struct arena *arena, const char *request_id, int status,
				bool enabled)
{
	enum db_status result = DB_OK;
	if (strcmp(pending.request_id, request_id) == 0 && enabled && status >= 200 &&
	    status < 300 && pending.count > 0)
		result = pending.count == 1 ? write_one_view(arena) : write_views(arena);
	pending.count = 0;
	pending.request_id[0] = '\0';
	return result;
}

/* Both histories in one statement (the profile keeps within its statement budget): rows
 * tagged 'a' (a view) and 's' (a sending), in the columns the two share. */
enum db_status access_histories(struct arena *arena, long long client_id, long long org_id,
				bool is_admin, struct access_history *access,
				struct share_history *sharing)
{
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"(SELECT 'a', DATE_FORMAT(a.occurred_at, '%Y-%m-%d %H:%i:%s'), a.kind, "
		"a.subject_id,"
		"  IF(? = 1 OR a.organisation_id <=> ?, s.display_name, NULL),"
		"  COALESCE(o.name, ''), a.request_id, 0, 0, NULL, 0"
		"  FROM access_log a LEFT JOIN staff s ON s.id = a.staff_id"
		"  LEFT JOIN organisations o ON o.id = a.organisation_id"
		"  WHERE a.client_id = ? ORDER BY a.occurred_at DESC, a.id DESC LIMIT 200)"
		" UNION ALL"
		" (SELECT 's', DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s'), i.name, r.id,"
		"  COALESCE(st.display_name, ''), ro.name, so.name, r.sending_org_id, k.id,"
		"  DATE_FORMAT(k.recorded_at, '%Y-%m-%d %H:%i:%s'), k.given_by_client"
		"  FROM referrals r JOIN referral_groups g ON g.id = r.group_id"
		"  JOIN consents k ON k.id = g.consent_id"
		"  JOIN organisations ro ON ro.id = r.receiving_org_id"
		"  JOIN organisations so ON so.id = r.sending_org_id"
		"  JOIN issues i ON i.id = r.issue_id LEFT JOIN staff st ON st.id = r.created_by"
		"  WHERE r.client_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT 500)",
		"iiii", (long long)is_admin, org_id, client_id, client_id);
	size_t rows = status == DB_OK ? r.rows : 0;
	access->count = sharing->count = 0;
	access->items = arena_zalloc(arena, (rows + 1) * sizeof *access->items);
	sharing->items = arena_zalloc(arena, (rows + 1) * sizeof *sharing->items);
	for (size_t i = 0; i < rows; i++) {
		if (db_value(&r, i, 0)[0] == 'a')
			access->items[access->count++] = (struct access_entry){
				.occurred_at = db_value(&r, i, 1),
				.kind = db_value(&r, i, 2),
				.subject_id = db_int(&r, i, 3, 0),
				.staff_name = db_value(&r, i, 4),
				.organisation = db_value(&r, i, 5),
				.request_id = is_admin ? db_value(&r, i, 6) : NULL,
			};
		else
			sharing->items[sharing->count++] = (struct share_entry){
				.referral_id = db_int(&r, i, 3, 0),
				.sent_at = db_value(&r, i, 1),
				.issue = db_value(&r, i, 2),
				.sent_by = db_value(&r, i, 4),
				.to_organisation = db_value(&r, i, 5),
				.from_organisation = db_value(&r, i, 6),
				.sending_org_id = db_int(&r, i, 7, 0),
				.consent_id = db_int(&r, i, 8, 0),
				.consent_at = db_value(&r, i, 9),
				.consent_from =
					db_int(&r, i, 10, 1) ? "the client" : "a representative",
			};
	}
	return status;
}
