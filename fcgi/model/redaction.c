/* Redaction of one client everywhere its details are held; the retention step of the job. */
#include "redaction.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../vocabulary.h"
#include "audit.h"
#include "referral_rules.h"
#include "settings.h"

#define REMOVED_TEXT "(removed)"
#define RETENTION_BATCH 200

/* text as an urlencoded form carries it ("Mary Ann" → "Mary+Ann"), to find parked forms. */
static const char *form_encoded(struct arena *arena, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(arena, strlen(text) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || strchr("-._*", *p) != NULL) {
			*o++ = (char)*p;
		} else if (*p == ' ') {
			*o++ = '+';
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

/* Forms parked at a session timeout (resumable_posts) that would write about the client, or
 * that quote its last name, email or NHS number: sent after sign-in they would put back what
 * was removed. */
static enum db_status forget_parked(struct arena *arena, long long id, const struct db_result *c)
{
	const char *last = form_encoded(arena, db_value(c, 0, 0));
	const char *email = form_encoded(arena, db_value(c, 0, 1));
	const char *nhs = db_value(c, 0, 2);
	enum db_status status =
		db_run(arena, NULL,
		       "DELETE FROM resumable_posts WHERE path = CONCAT('/clients/', ?)"
		       " OR path LIKE CONCAT('/clients/', ?, '/%')"
		       " OR (LENGTH(?) > 1 AND LOCATE(?, body) > 0)"
		       " OR (? <> '' AND LOCATE(?, body) > 0) OR (? <> '' AND LOCATE(?, body) > 0)",
		       "iissssss", id, id, last, last, email, email, nhs, nhs);
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"DELETE p FROM resumable_posts p JOIN referrals r"
				" ON p.path LIKE CONCAT('/referrals/', r.id, '/%')"
				" WHERE r.client_id = ?",
				"i", id);
	if (status == DB_OK)
		status = db_run(
			arena, NULL,
			"DELETE p FROM resumable_posts p JOIN drafts d"
			" ON p.path LIKE CONCAT('/drafts/', d.id, '/%') WHERE d.client_id = ?",
			"i", id);
	return status;
}

/* The client row itself: identifying details gone, the date of birth kept as its year. */
static enum db_status redact_client_row(struct arena *arena, long long id, enum redaction_kind kind,
					const char *now)
{
	return db_run(
		arena, NULL,
		"UPDATE clients SET title_id = NULL, first_name = '" REMOVED_TEXT "',"
		" last_name = '" REMOVED_TEXT "', first_name_key = '', last_name_key = '',"
		" first_name_sound = '', last_name_sound = '',"
		" date_of_birth = MAKEDATE(YEAR(date_of_birth), 1), pronoun_id = NULL,"
		" gender_description = '', email = '', phone = '', alt_phone = '',"
		" contact_email = 0, contact_phone = 0, contact_sms = 0, contact_voicemail = 0,"
		" contact_post = 0, nhs_number = '', gp_practice_name = '', gp_ods_code = '',"
		" address_line1 = '', address_line2 = '', town = '', postcode = '',"
		" no_fixed_abode = 0, updated_at = ?, redacted_at = ?, redaction_kind = ?"
		" WHERE id = ?",
		"sssi", now, now, kind == REDACTION_ERASURE ? "erasure" : "retention", id);
}

/* What the client's referrals hold: answers, notes, files, reasons. */
static enum db_status redact_referral_data(struct arena *arena, long long id)
{
	enum db_status status = db_run(
		arena, NULL,
		"UPDATE answers a JOIN referral_groups g ON g.id = a.group_id SET a.answer = ''"
		" WHERE g.client_id = ?",
		"i", id);
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"UPDATE notes SET body = '" REMOVED_TEXT "' WHERE client_id = ?",
				"i", id);
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"UPDATE notes n JOIN referrals r ON r.id = n.referral_id"
				" SET n.body = '" REMOVED_TEXT "' WHERE r.client_id = ?",
				"i", id);
	if (status == DB_OK)
		status =
			db_run(arena, NULL,
			       "UPDATE files f JOIN referrals r ON r.id = f.referral_id"
			       " SET f.data = '', f.name = '" REMOVED_TEXT "', f.content_type = '',"
			       " f.size = 0, f.sha256 = SHA2('', 256) WHERE r.client_id = ?",
			       "i", id);
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"UPDATE referrals SET status_reason = '' WHERE client_id = ?", "i",
				id);
	if (status == DB_OK)
		status = db_run(
			arena, NULL,
			"UPDATE consents SET consentor_name = '', consentor_relationship = ''"
			" WHERE client_id = ?",
			"i", id);
	return status;
}

/* The copies: the edit history's values, the timeline's quoting details, inbox messages, the
 * journey's saved values. */
static enum db_status redact_copies(struct arena *arena, long long id)
{
	enum db_status status = db_run(arena, NULL,
				       "UPDATE events SET old_value = NULL, new_value = NULL"
				       " WHERE subject_type = 'client' AND subject_id = ?",
				       "i", id);
	/* the timeline keeps its actions and statuses; details may quote a reason, a
	 * representative's name or a file's name */
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"UPDATE events e JOIN referrals r ON r.id = e.subject_id"
				" SET e.detail = IF(e.action = ?, e.detail, NULL),"
				" e.new_value = IF(e.action = ?, NULL, e.new_value)"
				" WHERE e.subject_type = 'referral' AND r.client_id = ?",
				"ssi", event_name(EVENT_SENT), event_name(EVENT_FILE_ADDED), id);
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"UPDATE inbox_messages m JOIN referrals r"
				" ON m.link = CONCAT('/referrals/', r.id)"
				" SET m.subject = 'Client details removed', m.body = ''"
				" WHERE r.client_id = ?",
				"i", id);
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"UPDATE inbox_messages SET subject = 'Client details removed',"
				" body = '' WHERE link = CONCAT('/clients/', ?)",
				"i", id);
	return status;
}

/* The client's drafts (CLIENT_DRAFTS) removed whole, with what they saved and the forms
 * parked on their steps. c: the client's last name, email, NHS number, first name. */
static enum db_status forget_drafts(struct arena *arena, long long id, const struct db_result *c)
{
	const char *last = db_value(c, 0, 0), *email = db_value(c, 0, 1);
	const char *nhs = db_value(c, 0, 2), *first = db_value(c, 0, 3);
	struct db_result drafts;
	enum db_status status =
		db_run(arena, &drafts,
		       "SELECT d.id" CLIENT_DRAFTS("?", "?", "?", "?", "?", "?", "?") " FOR UPDATE",
		       "issssss", id, first, last, nhs, nhs, email, email);
	for (size_t i = 0; status == DB_OK && i < drafts.rows; i++) {
		long long draft = db_int(&drafts, i, 0, 0);
		status = db_run(arena, NULL,
				"DELETE FROM resumable_posts WHERE path LIKE CONCAT('/drafts/', ?, "
				"'/%')",
				"i", draft);
		if (status == DB_OK) /* its draft_values go with it (ON DELETE CASCADE) */
			status = db_run(arena, NULL, "DELETE FROM drafts WHERE id = ?", "i", draft);
	}
	return status;
}

static enum db_status still_due(struct arena *arena, long long id, const char *cutoff, bool *due)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT COUNT(*), SUM(" REFERRAL_OPEN(
			       "r") " OR COALESCE(r.closed_at, r.updated_at) > ?)"
				    " FROM referrals r WHERE r.client_id = ? LOCK IN SHARE MODE",
		       "si", cutoff, id);
	*due = status == DB_OK && db_int(&r, 0, 0, 0) > 0 && db_int(&r, 0, 1, 1) == 0;
	return status;
}

enum db_status redaction_redact(struct arena *arena, long long client_id, enum redaction_kind kind,
				const struct redaction_actor *actor, const char *now,
				const char *cutoff, bool *done)
{
	*done = false;
	struct db_result c;
	enum db_status status =
		db_run(arena, &c,
		       "SELECT last_name, email, nhs_number, first_name FROM clients"
		       " WHERE id = ? AND redacted_at IS NULL FOR UPDATE",
		       "i", client_id);
	if (status != DB_OK || c.rows != 1)
		return status;
	if (cutoff != NULL) {
		bool due = false;
		status = still_due(arena, client_id, cutoff, &due);
		if (status != DB_OK || !due)
			return status;
	}
	status = forget_parked(arena, client_id, &c);
	if (status == DB_OK)
		status = redact_client_row(arena, client_id, kind, now);
	if (status == DB_OK)
		status = redact_referral_data(arena, client_id);
	if (status == DB_OK)
		status = redact_copies(arena, client_id);
	if (status == DB_OK)
		status = forget_drafts(arena, client_id, &c);
	if (status != DB_OK)
		return status;
	struct audit_entry entry = {
		.staff_id = actor->staff_id,
		.action = kind == REDACTION_ERASURE ? "client.erased" : "client.redacted",
		.subject_type = "client",
		.subject_id = client_id,
		.detail = kind == REDACTION_ERASURE
				  ? arena_printf(arena, "Erased on request: %s",
						 actor->reason ? actor->reason : "")
				  : "Client details removed under the retention policy",
		.remote_addr = actor->remote_addr,
	};
	status = audit_record(arena, &entry);
	*done = status == DB_OK;
	return status;
}

struct erase_work {
	long long client_id;
	const struct redaction_actor *actor;
	bool *done;
};

static enum db_status erase_work(struct arena *arena, void *context)
{
	struct erase_work *w = context;
	struct db_result now;
	enum db_status status =
		db_run(arena, &now, "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')", "");
	if (status != DB_OK)
		return status;
	return redaction_redact(arena, w->client_id, REDACTION_ERASURE, w->actor,
				db_value(&now, 0, 0), NULL, w->done);
}

enum db_status redaction_erase(struct arena *arena, long long client_id,
			       const struct redaction_actor *actor, bool *done)
{
	struct erase_work work = { client_id, actor, done };
	return db_transaction(arena, erase_work, &work);
}

enum db_status redaction_preview(struct arena *arena, long long client_id,
				 struct redaction_preview *out)
{
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT (SELECT COUNT(*) FROM referrals WHERE client_id = c.id),"
		" (SELECT COUNT(*) FROM notes WHERE client_id = c.id)"
		"  + (SELECT COUNT(*) FROM notes n JOIN referrals r ON r.id = n.referral_id"
		"     WHERE r.client_id = c.id),"
		" (SELECT COUNT(*) FROM files f JOIN referrals r ON r.id = f.referral_id"
		"  WHERE r.client_id = c.id),"
		" (SELECT COUNT(*) FROM answers a JOIN referral_groups g ON g.id = a.group_id"
		"  WHERE g.client_id = c.id),"
		" (SELECT COUNT(*) FROM consents WHERE client_id = c.id),"
		" (SELECT COUNT(*) FROM events WHERE subject_type = 'client' AND subject_id = c.id"
		"  AND action = 'client.change'),"
		" (SELECT COUNT(*)" CLIENT_DRAFTS(
			"c.id", "c.first_name", "c.last_name", "c.nhs_number", "c.nhs_number",
			"c.email",
			"c.email") "),"
				   " (SELECT COUNT(*) FROM inbox_messages m JOIN referrals r"
				   "  ON m.link = CONCAT('/referrals/', r.id) WHERE r.client_id = "
				   "c.id),"
				   " DATE_FORMAT(c.redacted_at, '%Y-%m-%d %H:%i:%s')"
				   " FROM clients c WHERE c.id = ?",
		"i", client_id);
	*out = (struct redaction_preview){ 0 };
	if (status != DB_OK || r.rows != 1)
		return status;
	long long *counts[] = { &out->referrals, &out->notes,	&out->history,	&out->drafts,
				&out->files,	 &out->answers, &out->consents, &out->messages };
	static const unsigned columns[] = { 0, 1, 5, 6, 2, 3, 4, 7 };
	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
		*counts[i] = db_int(&r, 0, columns[i], 0);
	out->redacted_at = db_value(&r, 0, 8);
	return DB_OK;
}

/* The redaction of the one client `sql` finds by `id`, if that client has been redacted. */
static enum db_status redaction_found(struct arena *arena, const char *sql, long long id,
				      const char **redacted_at, const char **kind)
{
	struct db_result r;
	enum db_status status = db_run(arena, &r, sql, "i", id);
	*redacted_at = *kind = NULL;
	if (status == DB_OK && r.rows == 1) {
		*redacted_at = db_value(&r, 0, 0);
		*kind = db_value(&r, 0, 1);
	}
	return status;
}

enum db_status redaction_of_client(struct arena *arena, long long client_id,
				   const char **redacted_at, const char **kind)
{
	return redaction_found(
		arena,
		"SELECT DATE_FORMAT(redacted_at, '%Y-%m-%d %H:%i:%s'), redaction_kind"
		" FROM clients WHERE id = ? AND redacted_at IS NOT NULL",
		client_id, redacted_at, kind);
}

enum db_status redaction_of_referral(struct arena *arena, long long referral_id,
				     const char **redacted_at, const char **kind)
{
	return redaction_found(
		arena,
		"SELECT DATE_FORMAT(c.redacted_at, '%Y-%m-%d %H:%i:%s'), c.redaction_kind"
		" FROM referrals f JOIN clients c ON c.id = f.client_id"
		" WHERE f.id = ? AND c.redacted_at IS NOT NULL",
		referral_id, redacted_at, kind);
}

/* ---- the job's step ---- */

struct retention_one {
	long long client_id;
	const char *now, *cutoff;
	bool done;
};

static enum db_status retention_work(struct arena *arena, void *context)
{
	struct retention_one *one = context;
	static const struct redaction_actor job = { 0, NULL, NULL };
	return redaction_redact(arena, one->client_id, REDACTION_RETENTION, &job, one->now,
				one->cutoff, &one->done);
}

/* Where the walk of closures stands (sql/067_privacy_job_indexes.sql): every referral closed
 * at or before (closed_at, referral_id) has been looked at. */
struct retention_mark {
	char closed_at[20];
	long long referral_id;
};

/* The next closures after the mark, up to the cutoff, through referrals_closed. */
static enum db_status retention_batch(struct arena *arena, const struct retention_mark *mark,
				      const char *cutoff, struct db_result *rows)
{
	return db_run(arena, rows,
		      "SELECT id, DATE_FORMAT(closed_at, '%Y-%m-%d %H:%i:%s'), client_id"
		      " FROM referrals WHERE closed_at >= ? AND closed_at <= ?"
		      " AND (closed_at > ? OR id > ?) ORDER BY closed_at, id LIMIT 200",
		      "sssi", mark->closed_at, cutoff, mark->closed_at, mark->referral_id);
}

static enum db_status mark_work(struct arena *arena, void *context)
{
	const struct retention_mark *mark = context;
	return db_run(arena, NULL,
		      "UPDATE retention_progress SET closed_at = ?, referral_id = ? WHERE id = 1",
		      "si", mark->closed_at, mark->referral_id);
}

static enum db_status mark_read(struct arena *arena, struct retention_mark *mark)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT DATE_FORMAT(closed_at, '%Y-%m-%d %H:%i:%s'), referral_id"
		       " FROM retention_progress WHERE id = 1",
		       "");
	snprintf(mark->closed_at, sizeof mark->closed_at, "%s",
		 status == DB_OK && r.rows == 1 ? db_value(&r, 0, 0) : "0001-01-01 00:00:00");
	mark->referral_id = status == DB_OK && r.rows == 1 ? db_int(&r, 0, 1, 0) : 0;
	return status;
}

/* One batch of closures: each one's client redacted if it is due (checked under lock), then
 * the mark moved past the batch. */
static enum db_status retention_one_batch(const struct db_result *rows, const char *now,
					  const char *cutoff, redaction_leased leased, void *run,
					  struct retention_mark *mark, long long *redacted)
{
	enum db_status status = DB_OK;
	for (size_t i = 0; status == DB_OK && i < rows->rows; i++) {
		struct retention_one one = { db_int(rows, i, 2, 0), now, cutoff, false };
		status = leased(run, retention_work, &one);
		*redacted += one.done;
		mark->referral_id = db_int(rows, i, 0, 0);
		snprintf(mark->closed_at, sizeof mark->closed_at, "%s", db_value(rows, i, 1));
	}
	return status == DB_OK ? leased(run, mark_work, mark) : status;
}

/* ---- drafts past their time ---- */

struct drafts_batch {
	const char *cutoff;
	long long removed;
};

static enum db_status drafts_work(struct arena *arena, void *context)
{
	struct drafts_batch *b = context;
	struct db_result r;
	/* the parked forms of a draft's steps go with it, as an erasure removes them */
	enum db_status status = db_run(
		arena, NULL,
		"DELETE p FROM resumable_posts p JOIN (SELECT id FROM drafts WHERE updated_at < ?"
		" ORDER BY updated_at LIMIT 200) d ON p.path LIKE CONCAT('/drafts/', d.id, '/%')",
		"s", b->cutoff);
	if (status == DB_OK)
		status = db_run(
			arena, &r,
			"DELETE FROM drafts WHERE updated_at < ? ORDER BY updated_at LIMIT 200",
			"s", b->cutoff);
	b->removed = status == DB_OK ? (long long)r.affected : 0;
	return status;
}

enum db_status redaction_drafts_step(struct arena *arena, const char *now, redaction_leased leased,
				     void *run, FILE *out)
{
	long long days = 0, removed = 0;
	const char *cutoff;
	enum db_status status = settings_cutoff(arena, SETTING_DRAFT_EXPIRY_DAYS,
						SETTINGS_SPAN_DAYS, now, &days, &cutoff);
	if (status != DB_OK)
		return status;
	struct drafts_batch batch = { cutoff, 0 };
	for (;;) { /* a batch (and its lease renewal) only when there is one to remove */
		struct db_result any;
		status = db_run(arena, &any, "SELECT 1 FROM drafts WHERE updated_at < ? LIMIT 1",
				"s", batch.cutoff);
		if (status != DB_OK || any.rows == 0)
			break;
		status = leased(run, drafts_work, &batch);
		removed += batch.removed;
		if (status != DB_OK || batch.removed < 200)
			break;
	}
	if (status == DB_OK)
		fprintf(out, "drafts removed after %lld days without a change: %lld\n", days,
			removed);
	return status;
}

enum db_status redaction_retention_step(struct arena *arena, const char *now,
					redaction_leased leased, void *run, FILE *out)
{
	long long months = 0, redacted = 0;
	const char *cutoff;
	enum db_status status = settings_cutoff(arena, SETTING_RETENTION_MONTHS,
						SETTINGS_SPAN_MONTHS, now, &months, &cutoff);
	struct retention_mark mark;
	if (status == DB_OK)
		status = mark_read(arena, &mark);
	if (status != DB_OK)
		return status;
	for (;;) {
		struct db_result rows;
		status = retention_batch(arena, &mark, cutoff, &rows);
		if (status != DB_OK || rows.rows == 0)
			break;
		status = retention_one_batch(&rows, now, cutoff, leased, run, &mark, &redacted);
		if (status != DB_OK || rows.rows < RETENTION_BATCH)
			break;
	}
	if (status == DB_OK)
		fprintf(out, "clients redacted under the retention policy (%lld months): %lld\n",
			months, redacted);
	return status;
}
