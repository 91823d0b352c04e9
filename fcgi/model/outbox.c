/* The e-mail outbox for the sender: claims under a lease, outcomes, digests, backlog. */
#include "outbox.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../vocabulary.h"
#include "inbox.h"

struct claim_work {
	const char *token;
	long long lease_seconds, limit;
	struct db_result rows;
};

/* SKIP LOCKED: a row another sender is claiming is passed over, not waited for; the lease
 * then keeps it from everyone else until it expires (a sender that died mid-send). */
static enum db_status claim_work(struct arena *arena, void *context)
{
	struct claim_work *w = context;
	struct db_result ids;
	enum db_status status =
		db_run(arena, &ids,
		       "SELECT id FROM mail_outbox WHERE state = 'pending' AND mode = 'immediate'"
		       " AND next_attempt_at <= UTC_TIMESTAMP()"
		       " AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP())"
		       " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
		       "i", w->limit);
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < ids.rows && status == DB_OK; i++)
		status = db_run(arena, NULL,
				"UPDATE mail_outbox SET lease_token = ?,"
				" lease_until = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?",
				"sii", w->token, w->lease_seconds, db_int(&ids, i, 0, 0));
	if (status != DB_OK)
		return status;
	return db_run(arena, &w->rows,
		      "SELECT o.id, s.email, o.kind, o.subject, o.body, o.link,"
		      " DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'), o.attempts,"
		      " TIMESTAMPDIFF(SECOND, o.created_at, UTC_TIMESTAMP())"
		      " FROM mail_outbox o JOIN staff s ON s.id = o.staff_id"
		      " WHERE o.lease_token = ? AND o.state = 'pending' ORDER BY o.id",
		      "s", w->token);
}

enum db_status outbox_claim(struct arena *arena, const char *token, long long lease_seconds,
			    size_t limit, struct outbox_mail **out, size_t *count)
{
	struct claim_work w = { .token = token,
				.lease_seconds = lease_seconds,
				.limit = (long long)limit };
	enum db_status status = db_transaction(arena, claim_work, &w);
	*out = db_items(arena, status, &w.rows, sizeof **out, count);
	for (size_t i = 0; status == DB_OK && i < *count; i++) {
		struct outbox_mail *m = &(*out)[i];
		m->id = db_int(&w.rows, i, 0, 0);
		m->to = db_value(&w.rows, i, 1);
		m->kind = db_value(&w.rows, i, 2);
		m->subject = db_value(&w.rows, i, 3);
		m->body = db_value(&w.rows, i, 4);
		m->link = db_value(&w.rows, i, 5);
		m->created_at = db_value(&w.rows, i, 6);
		m->attempts = db_int(&w.rows, i, 7, 0);
		m->age_seconds = db_int(&w.rows, i, 8, 0);
	}
	return status;
}

enum db_status outbox_sent(struct arena *arena, long long id, const char *token)
{
	return db_run(arena, NULL,
		      "UPDATE mail_outbox SET state = 'sent', sent_at = UTC_TIMESTAMP(),"
		      " attempts = attempts + 1, lease_until = NULL, last_error = NULL"
		      " WHERE id = ? AND lease_token = ?",
		      "is", id, token);
}

enum db_status outbox_release(struct arena *arena, const char *token)
{
	return db_run(arena, NULL,
		      "UPDATE mail_outbox SET lease_until = NULL, lease_token = NULL"
		      " WHERE lease_token = ? AND state = 'pending' AND lease_until IS NOT NULL",
		      "s", token);
}

struct retry_work {
	const struct outbox_mail *mail;
	const char *token, *reason;
	long long retry_seconds;
	bool fail;
};

static enum db_status retry_work(struct arena *arena, void *context)
{
	struct retry_work *w = context;
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "UPDATE mail_outbox SET attempts = attempts + 1, last_error = LEFT(?, 500),"
		       " lease_until = NULL, next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND,"
		       " state = IF(? = 1, 'failed', 'pending'),"
		       " failed_at = IF(? = 1, UTC_TIMESTAMP(), NULL)"
		       " WHERE id = ? AND lease_token = ? AND state = 'pending'",
		       "siiiis", w->reason, w->retry_seconds, (long long)w->fail,
		       (long long)w->fail, w->mail->id, w->token);
	if (status != DB_OK || !w->fail || r.affected != 1)
		return status;
	/* the reason goes to the administrators' inbox; never by e-mail (mail_prefs.c) */
	struct inbox_item notice = {
		.kind = inbox_kind_name(INBOX_MAIL_FAILED),
		.subject = arena_printf(arena, "E-mail %lld not delivered", w->mail->id),
		.body = arena_printf(arena,
				     "The e-mail \"%s\" to %s could not be delivered after %lld "
				     "attempts: %s",
				     w->mail->subject, w->mail->to, w->mail->attempts + 1,
				     w->reason),
	};
	return inbox_to_admins(arena, 0, &notice, NULL);
}

enum db_status outbox_retry(struct arena *arena, const struct outbox_mail *mail, const char *token,
			    long long retry_seconds, bool fail, const char *reason)
{
	struct retry_work w = { mail, token, reason, retry_seconds, fail };
	return db_transaction(arena, retry_work, &w);
}

struct digest_work {
	const char *local_date;
	int local_hour;
	long long made;
};

/* One staff member's digest: the rows' subjects and links as lines, one new row carrying them,
 * the gathered rows marked. */
static enum db_status digest_one(struct arena *arena, struct digest_work *w, long long staff_id)
{
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows,
		"SELECT id, subject, link FROM mail_outbox WHERE staff_id = ?"
		" AND state = 'pending' AND mode = 'digest' ORDER BY created_at, id FOR UPDATE",
		"i", staff_id);
	if (status != DB_OK || rows.rows == 0)
		return status;
	size_t size = 1;
	for (size_t i = 0; i < rows.rows; i++)
		size += strlen(db_value(&rows, i, 1)) + strlen(db_value(&rows, i, 2)) + 8;
	char *body = arena_alloc(arena, size);
	body[0] = '\0';
	char *end = body;
	/* one line a message: "subject\tlink"; mail_compose.c lays them out */
	for (size_t i = 0; i < rows.rows; i++)
		end += sprintf(end, "%s\t%s\n", db_value(&rows, i, 1), db_value(&rows, i, 2));
	struct db_result made;
	status = db_run(arena, &made,
			"INSERT INTO mail_outbox (staff_id, kind, mode, subject, body)"
			" VALUES (?, 'digest', 'immediate', ?, ?)",
			"iss", staff_id,
			arena_printf(arena, "Your daily summary: %zu message%s", rows.rows,
				     rows.rows == 1 ? "" : "s"),
			body);
	for (size_t i = 0; status == DB_OK && i < rows.rows; i++)
		status = db_run(
			arena, NULL,
			"UPDATE mail_outbox SET state = 'digested', digest_id = ? WHERE id = ?",
			"ii", (long long)made.insert_id, db_int(&rows, i, 0, 0));
	if (status == DB_OK)
		status = db_run(arena, NULL, "UPDATE staff SET digest_sent_on = ? WHERE id = ?",
				"si", w->local_date, staff_id);
	w->made += status == DB_OK;
	return status;
}

static enum db_status digest_work(struct arena *arena, void *context)
{
	struct digest_work *w = context;
	w->made = 0;
	struct db_result due;
	enum db_status status =
		db_run(arena, &due,
		       "SELECT s.id FROM staff s WHERE s.digest_hour = ?"
		       " AND (s.digest_sent_on IS NULL OR s.digest_sent_on < ?)"
		       " AND EXISTS (SELECT 1 FROM mail_outbox o WHERE o.staff_id = s.id"
		       "  AND o.state = 'pending' AND o.mode = 'digest') FOR UPDATE SKIP LOCKED",
		       "is", (long long)w->local_hour, w->local_date);
	for (size_t i = 0; status == DB_OK && i < due.rows; i++)
		status = digest_one(arena, w, db_int(&due, i, 0, 0));
	return status;
}

enum db_status outbox_digests(struct arena *arena, const char *local_date, int local_hour,
			      long long *made)
{
	struct digest_work w = { local_date, local_hour, 0 };
	enum db_status status = db_transaction(arena, digest_work, &w);
	*made = status == DB_OK ? w.made : 0;
	return status;
}

enum db_status outbox_backlog(struct arena *arena, long long *backlog, long long *oldest_seconds)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MIN(created_at),"
		       " UTC_TIMESTAMP()), 0) FROM mail_outbox FORCE INDEX (mail_outbox_due)"
		       " WHERE state = 'pending' AND mode = 'immediate'",
		       "");
	*backlog = status == DB_OK ? db_int(&r, 0, 0, 0) : 0;
	*oldest_seconds = status == DB_OK ? db_int(&r, 0, 1, 0) : 0;
	return status;
}

enum db_status outbox_failures(struct arena *arena, struct outbox_failure **out, size_t *count)
{
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT o.id, o.kind, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i'),"
		" DATE_FORMAT(o.failed_at, '%Y-%m-%d %H:%i'), COALESCE(o.last_error, ''), s.email"
		" FROM mail_outbox o JOIN staff s ON s.id = o.staff_id WHERE o.state = 'failed'"
		" ORDER BY o.failed_at DESC, o.id DESC LIMIT 50",
		"");
	*out = db_items(arena, status, &r, sizeof **out, count);
	for (size_t i = 0; status == DB_OK && i < *count; i++) {
		struct outbox_failure *f = &(*out)[i];
		f->id = db_int(&r, i, 0, 0);
		f->kind = db_value(&r, i, 1);
		f->created_at = db_value(&r, i, 2);
		f->failed_at = db_value(&r, i, 3);
		f->reason = db_value(&r, i, 4);
		f->to = db_value(&r, i, 5);
	}
	return status;
}
