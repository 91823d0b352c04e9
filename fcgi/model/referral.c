/* Referrals: reading one with its group and timeline, and changing its status. */
#include "referral.h"

#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../vocabulary.h"
#include "audit.h"
#include "client.h"
#include "referral_rules.h"
#include "inbox.h"

static const char *text_or_empty(const struct db_result *r, size_t row, unsigned col)
{
	const char *value = db_value(r, row, col);
	return value ? value : "";
}

/* One referral's own columns and joins, read by referral_read_row (aliases r, i, so, ro, g,
 * tk, rs, cr). */
/* clang-format off */
#define REFERRAL_COLUMNS                                                                           \
	"r.id, r.group_id, r.client_id, r.issue_id, i.name, r.sending_org_id, so.name,"            \
	" r.receiving_org_id, ro.name, COALESCE(rs.display_name, rs.username), r.urgent, r.status," \
	" DATE_FORMAT(r.update_due, '%Y-%m-%d'), DATE_FORMAT(r.close_due, '%Y-%m-%d'),"              \
	" COALESCE(cr.name, ''), r.status_reason, DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s'),"  \
	" COALESCE(DATE_FORMAT(r.closed_at, '%Y-%m-%d %H:%i:%s'), ''), COALESCE(tk.name, ''),"      \
	" g.unresolved, r.outcome_note"
/* clang-format on */
/* clang-format off */
#define REFERRAL_JOINS                                                                             \
	" FROM referrals r JOIN issues i ON i.id = r.issue_id"                                     \
	" JOIN organisations so ON so.id = r.sending_org_id"                                       \
	" JOIN organisations ro ON ro.id = r.receiving_org_id"                                     \
	" JOIN referral_groups g ON g.id = r.group_id"                                             \
	" LEFT JOIN organisations tk ON tk.id = g.taken_by_org_id"                                 \
	" LEFT JOIN staff rs ON rs.id = r.created_by"                                              \
	" LEFT JOIN closure_reasons cr ON cr.id = r.closure_reason_id"
/* clang-format on */

static unsigned referral_read_row(const struct db_result *r, size_t row, unsigned first,
				  struct referral *out)
{
	unsigned c = first;
	*out = (struct referral){
		.id = db_int(r, row, c, 0),
		.group_id = db_int(r, row, c + 1, 0),
		.client_id = db_int(r, row, c + 2, 0),
		.issue_id = db_int(r, row, c + 3, 0),
		.issue_name = text_or_empty(r, row, c + 4),
		.sending_org_id = db_int(r, row, c + 5, 0),
		.sending_org_name = text_or_empty(r, row, c + 6),
		.receiving_org_id = db_int(r, row, c + 7, 0),
		.receiving_org_name = text_or_empty(r, row, c + 8),
		.created_by_name = text_or_empty(r, row, c + 9),
		.urgent = db_int(r, row, c + 10, 0) == 1,
		.status = text_or_empty(r, row, c + 11),
		.update_due = text_or_empty(r, row, c + 12),
		.close_due = text_or_empty(r, row, c + 13),
		.closure_reason = text_or_empty(r, row, c + 14),
		.status_reason = text_or_empty(r, row, c + 15),
		.created_at = text_or_empty(r, row, c + 16),
		.closed_at = text_or_empty(r, row, c + 17),
		.taken_by_name = text_or_empty(r, row, c + 18),
		.unresolved = db_int(r, row, c + 19, 0) == 1,
		.outcome_note = text_or_empty(r, row, c + 20),
	};
	return c + 21;
}

enum db_status referral_get(struct arena *arena, long long id, const struct scope *scope,
			    struct referral *out, bool *found)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT " REFERRAL_COLUMNS REFERRAL_JOINS
		       " WHERE r.id = ? AND (? = 1 OR ? IN (r.sending_org_id, r.receiving_org_id))",
		       "iii", id, (long long)scope->admin, scope->org_id);
	*found = status == DB_OK && r.rows == 1;
	if (!*found)
		return status;
	referral_read_row(&r, 0, 0, out);
	return DB_OK;
}

/* Who gave and who recorded the group's consent (aliases k, ks, ko): read after the client's
 * columns. */
#define CONSENT_DETAIL_COLUMNS                                                                     \
	"k.given_by_client, k.consentor_name, k.consentor_relationship,"                           \
	" COALESCE(ks.display_name, ks.username), ko.name"

/* The page is the product's most visited after the lists: the referral, the organisation's
 * part in it, its client and its consent come in one row, so viewing costs one round trip
 * where it cost five. */
enum db_status referral_view_get(struct arena *arena, long long id, const struct scope *scope,
				 long long consent_expiry_days, struct referral_view *out)
{
	memset(out, 0, sizeof *out);
	out->role = REFERRAL_NONE;
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT r.sending_org_id = ?, r.receiving_org_id = ?, k.id,"
		" DATE_FORMAT(k.recorded_at, '%Y-%m-%d %H:%i:%s'),"
		" DATE_FORMAT(k.recorded_at + INTERVAL ? DAY, '%Y-%m-%d %H:%i:%s'),"
		" COALESCE(" REFERRAL_CONSENT_EXPIRED(
			"k",
			"UTC_TIMESTAMP()") ", 0), " CONSENT_DETAIL_COLUMNS ", " REFERRAL_COLUMNS
					   ", " CLIENT_COLUMNS REFERRAL_JOINS
					   " LEFT JOIN consents k ON k.id = g.consent_id"
					   " LEFT JOIN staff ks ON ks.id = k.recorded_by"
					   " LEFT JOIN organisations ko ON ko.id = "
					   "k.organisation_id"
					   " LEFT JOIN clients c ON c.id = r.client_id" CLIENT_JOINS
					   " WHERE r.id = ?",
		"iiiii", scope->org_id, scope->org_id, consent_expiry_days, consent_expiry_days,
		id);
	if (status != DB_OK || r.rows != 1)
		return status;
	if (db_int(&r, 0, 0, 0) == 1)
		out->role = REFERRAL_SENDER;
	else if (db_int(&r, 0, 1, 0) == 1)
		out->role = REFERRAL_RECEIVER;
	else if (scope->admin)
		out->role = REFERRAL_ADMIN;
	else
		return DB_OK; /* not party to it: nothing of it leaves this function */
	out->consent_found = db_value(&r, 0, 2) != NULL;
	if (out->consent_found) {
		out->consent.consent_id = db_int(&r, 0, 2, 0);
		out->consent.recorded_at = text_or_empty(&r, 0, 3);
		out->consent.expires_at = consent_expiry_days > 0 ? text_or_empty(&r, 0, 4) : "";
		out->consent.expired = db_int(&r, 0, 5, 0) == 1;
	}
	out->consent_detail = (struct referral_consent_detail){
		.given_by_client = db_int(&r, 0, 6, 1) == 1,
		.consentor_name = text_or_empty(&r, 0, 7),
		.consentor_relationship = text_or_empty(&r, 0, 8),
		.recorded_by = text_or_empty(&r, 0, 9),
		.recorded_for = text_or_empty(&r, 0, 10),
	};
	unsigned next = referral_read_row(&r, 0, 11, &out->referral);
	out->client_found = db_value(&r, 0, next) != NULL;
	if (out->client_found)
		client_read_row(&r, 0, next, &out->client);
	return DB_OK;
}

/* A row of referral_history's result and the keys its part is ordered by. */
struct history_row {
	long long key1, key2;
	size_t row;
};

/* The part of row i of referral_history's result: 1, 2, 3, or 0 for none of them. */
static size_t history_part(const struct db_result *r, size_t i)
{
	long long part = db_int(r, i, 0, 0);
	return part >= 1 && part <= 3 ? (size_t)part : 0;
}

static int compare_history_rows(const void *a, const void *b)
{
	const struct history_row *x = a, *y = b;
	if (x->key1 != y->key1)
		return x->key1 < y->key1 ? -1 : 1;
	if (x->key2 != y->key2)
		return x->key2 < y->key2 ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The group's referrals, the answers and the timeline in one round trip: one part each, in
 * the columns (part, key1, key2, a, b, c, d, e, f). Each part is ordered here by its keys, not
 * by the database: numbering the rows with ROW_NUMBER() and sorting the union outside cost
 * the server five times the whole statement (window functions and a derived table each make
 * a temporary table), and a UNION ALL does not promise its branches' order. The ASCII columns
 * (kind, action) and the computed ones take the tables' collation: a UNION refuses to mix
 * collations. */
enum db_status referral_history(struct arena *arena, long long id, long long group_id,
				struct referral_history *out)
{
	memset(out, 0, sizeof *out);
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"(SELECT 1 part, m.id key1, 0 key2, CAST(m.id AS CHAR) COLLATE "
		"utf8mb4_unicode_ci a,"
		"  o.name b, m.status c, '' d, '' e, '' f"
		"  FROM referrals m JOIN organisations o ON o.id = m.receiving_org_id"
		"  WHERE m.group_id = ? ORDER BY m.id LIMIT 200)"
		" UNION ALL (SELECT 2, x.position, x.id, x.question_text,"
		"  CONVERT(x.kind USING utf8mb4) COLLATE utf8mb4_unicode_ci, x.answer, '', '', '' "
		"FROM answers x WHERE x.group_id = ?"
		"  ORDER BY x.position, x.id LIMIT 500)"
		" UNION ALL (SELECT 3, TIMESTAMPDIFF(MICROSECOND, '2000-01-01', e.occurred_at), "
		"e.id,"
		"  DATE_FORMAT(e.occurred_at, '%Y-%m-%d %H:%i:%s') COLLATE utf8mb4_unicode_ci, "
		"CONVERT(e.action USING utf8mb4) COLLATE utf8mb4_unicode_ci,"
		"  COALESCE(s.display_name, s.username, ''), COALESCE(o.name, ''),"
		"  COALESCE(e.new_value, ''), COALESCE(e.detail, '') FROM events e"
		"  LEFT JOIN staff s ON s.id = e.staff_id"
		"  LEFT JOIN organisations o ON o.id = e.organisation_id"
		"  WHERE (e.subject_type = 'referral' AND e.subject_id = ?)"
		"  OR (e.subject_type = 'referral_group' AND e.subject_id = ?)"
		"  ORDER BY e.occurred_at, e.id LIMIT 1000)",
		"iiii", group_id, group_id, id, group_id);
	if (status != DB_OK || r.rows == 0)
		return status;
	/* the rows of each part (1–3; anything else is ignored), then each part sorted */
	size_t counts[4] = { 0 }, filled[4] = { 0 };
	for (size_t i = 0; i < r.rows; i++)
		counts[history_part(&r, i)]++;
	struct history_row *rows = arena_zalloc(arena, r.rows * sizeof *rows);
	struct history_row *parts[4];
	for (size_t p = 0, at = 0; p < 4; at += counts[p], p++)
		parts[p] = rows + at;
	for (size_t i = 0; i < r.rows; i++) {
		size_t p = history_part(&r, i);
		parts[p][filled[p]++] =
			(struct history_row){ db_int(&r, i, 1, 0), db_int(&r, i, 2, 0), i };
	}
	out->members = arena_zalloc(arena, counts[1] * sizeof *out->members + 1);
	out->answers = arena_zalloc(arena, counts[2] * sizeof *out->answers + 1);
	out->events = arena_zalloc(arena, counts[3] * sizeof *out->events + 1);
	for (size_t p = 1; p <= 3; p++) {
		qsort(parts[p], counts[p], sizeof *parts[p], compare_history_rows);
		for (size_t k = 0; k < counts[p]; k++) {
			size_t i = parts[p][k].row;
			const char *a = text_or_empty(&r, i, 3), *b = text_or_empty(&r, i, 4),
				   *c = text_or_empty(&r, i, 5);
			if (p == 1)
				out->members[out->member_count++] =
					(struct referral_member){ db_int(&r, i, 3, 0), b, c };
			else if (p == 2)
				out->answers[out->answer_count++] =
					(struct referral_answer){ a, b, c };
			else
				out->events[out->event_count++] =
					(struct referral_event){ a,
								 b,
								 c,
								 text_or_empty(&r, i, 6),
								 text_or_empty(&r, i, 7),
								 text_or_empty(&r, i, 8) };
		}
	}
	return DB_OK;
}

/* ---- changes ---- */

/* Returned by the work to roll back a change the state does not allow (never retried);
 * referral_apply turns it into DB_OK with the outcome set. */
#define ROLL_BACK DB_DUPLICATE

struct apply_work {
	const struct referral_change *change;
	enum referral_outcome outcome;
	bool refused; /* the outcome is a refusal (rolled back on purpose) */
	const char *taken_by;
	/* read under the group's lock */
	long long group_id;
	const char *issue_name;
	const char *org_name;
};

static enum db_status refuse(struct apply_work *work, enum referral_outcome outcome)
{
	work->outcome = outcome;
	work->refused = true;
	return ROLL_BACK;
}

static enum db_status event(struct arena *arena, const struct referral_change *c,
			    long long referral_id, const char *action, const char *old_value,
			    const char *new_value, const char *detail)
{
	struct audit_entry entry = {
		.staff_id = c->staff_id,
		.organisation_id = c->org_id,
		.action = action,
		.subject_type = "referral",
		.subject_id = referral_id,
		.old_value = old_value,
		.new_value = new_value,
		.detail = detail,
		.remote_addr = c->remote_addr,
	};
	return audit_record(arena, &entry);
}

/* Inbox messages for the group's subscribers who chose flag ("acknowledged" or "closed").
 * Personal data kept out: the referral's number and issue only. */
static enum db_status notify(struct arena *arena, struct apply_work *work, bool closed,
			     const char *what)
{
	long long id = work->change->referral_id;
	const char *subject =
		arena_printf(arena, "Referral %lld %s: %s", id, what, work->issue_name);
	const char *body = arena_printf(arena, "Referral %lld (%s) was %s by %s.", id,
					work->issue_name, what, work->org_name);
	const char *link = arena_printf(arena, "/referrals/%lld", id);
	struct inbox_item message = { .kind = inbox_kind_name(closed ? INBOX_CLOSED
								     : INBOX_ACKNOWLEDGED),
				      .subject = subject,
				      .body = body,
				      .link = link,
				      /* the e-mail's subject says who did it */
				      .mail_subject = arena_printf(arena, "Referral %lld %s by %s",
								   id, what, work->org_name),
				      .mail_body = body };
	return inbox_to_subscribers(arena, work->group_id,
				    closed ? INBOX_ON_CLOSED : INBOX_ON_ACKNOWLEDGED, 0, &message);
}

/* The sender's subscribers' message when a referral is refused (issue 12 point 7; an opt-in
 * of its own). */
static enum db_status notify_refused(struct arena *arena, struct apply_work *work)
{
	long long id = work->change->referral_id;
	struct inbox_item message = {
		.kind = inbox_kind_name(INBOX_REFUSED),
		.subject = arena_printf(arena, "Referral %lld refused by %s", id, work->org_name),
		.body = arena_printf(arena, "Referral %lld (%s) was refused by %s.", id,
				     work->issue_name, work->org_name),
		.link = arena_printf(arena, "/referrals/%lld", id),
	};
	return inbox_to_subscribers(arena, work->group_id, INBOX_ON_REFUSED, 0, &message);
}

static enum db_status acknowledge(struct arena *arena, struct apply_work *work)
{
	const struct referral_change *c = work->change;
	/* the first acknowledgement takes the group: only one UPDATE finds it untaken */
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "UPDATE referral_groups SET taken_by_org_id = ?, taken_at = UTC_TIMESTAMP()"
		       " WHERE id = ? AND taken_by_org_id IS NULL",
		       "ii", c->org_id, work->group_id);
	if (status != DB_OK)
		return status;
	if (r.affected != 1) {
		struct db_result t;
		status = db_run(arena, &t,
				"SELECT o.name FROM referral_groups g JOIN organisations o ON o.id "
				"= g.taken_by_org_id"
				" WHERE g.id = ?",
				"i", work->group_id);
		if (status != DB_OK)
			return status;
		work->taken_by = t.rows == 1 ? arena_strdup(arena, text_or_empty(&t, 0, 0))
					     : "another organisation";
		return refuse(work, REFERRAL_TAKEN);
	}
	status = db_run(arena, &r,
			"UPDATE referrals SET status = 'acknowledged', updated_at = UTC_TIMESTAMP()"
			" WHERE id = ? AND status = 'new' AND receiving_org_id = ?",
			"ii", c->referral_id, c->org_id);
	if (status != DB_OK)
		return status;
	if (r.affected != 1)
		return refuse(work, REFERRAL_WRONG_STATE);
	status = event(arena, c, c->referral_id, event_name(EVENT_ACKNOWLEDGED),
		       status_name(STATUS_NEW), status_name(STATUS_ACKNOWLEDGED),
		       arena_printf(arena, "Acknowledged by %s", work->org_name));
	if (status != DB_OK)
		return status;
	/* every other referral of the group still New is Removed, each with its event; read
	 * through the group's index only: planned through referrals_due (status), the locking
	 * read would lock every New referral of every group, and acknowledgements of different
	 * groups would wait for and deadlock with each other */
	struct db_result others;
	status = db_run(arena, &others,
			"SELECT id FROM referrals FORCE INDEX (referrals_group)"
			" WHERE group_id = ? AND id <> ? AND status = 'new' FOR UPDATE",
			"ii", work->group_id, c->referral_id);
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < others.rows; i++) {
		long long other = db_int(&others, i, 0, 0);
		status = db_run(
			arena, &r,
			"UPDATE referrals SET status = 'removed', updated_at = UTC_TIMESTAMP(),"
			" closed_at = UTC_TIMESTAMP() WHERE id = ? AND status = 'new'",
			"i", other);
		if (status != DB_OK)
			return status;
		if (r.affected == 1)
			status = event(arena, c, other, event_name(EVENT_REMOVED),
				       status_name(STATUS_NEW), status_name(STATUS_REMOVED),
				       arena_printf(arena,
						    "Removed: %s took this group (referral %lld)",
						    work->org_name, c->referral_id));
		if (status != DB_OK)
			return status;
	}
	return notify(arena, work, false, "acknowledged");
}

enum db_status referral_tell_unresolved(struct arena *arena, long long group_id,
					long long referral_id, const char *now)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT i.name FROM referral_groups g JOIN issues i ON i.id = g.issue_id"
		       " WHERE g.id = ?",
		       "i", group_id);
	if (status != DB_OK || r.rows != 1)
		return status;
	struct inbox_item message = {
		.kind = inbox_kind_name(INBOX_UNRESOLVED),
		.subject = arena_printf(arena, "Referral %lld unresolved: %s", referral_id,
					db_value(&r, 0, 0)),
		.body = arena_printf(
			arena,
			"Every referral of the group of referral %lld (%s) was refused "
			"or had no response.",
			referral_id, db_value(&r, 0, 0)),
		.link = arena_printf(arena, "/referrals/%lld", referral_id),
		.created_at = now,
	};
	return inbox_to_subscribers(arena, group_id, INBOX_ON_UNRESOLVED, 0, &message);
}

enum db_status referral_group_settle(struct arena *arena, long long group_id, bool *became)
{
	*became = false;
	/* a locking read: the latest committed statuses, not the transaction's snapshot */
	struct db_result left;
	enum db_status status = db_run(
		arena, &left,
		"SELECT COUNT(*), SUM(status NOT IN ('refused', 'no_response')) FROM referrals"
		" WHERE group_id = ? FOR UPDATE",
		"i", group_id);
	if (status != DB_OK || db_int(&left, 0, 0, 0) == 0 || db_int(&left, 0, 1, 1) != 0)
		return status;
	struct db_result r;
	status = db_run(arena, &r,
			"UPDATE referral_groups SET unresolved = 1 WHERE id = ? AND unresolved = 0",
			"i", group_id);
	*became = status == DB_OK && r.affected == 1;
	return status;
}

static enum db_status refuse_referral(struct arena *arena, struct apply_work *work)
{
	const struct referral_change *c = work->change;
	struct db_result r;
	enum db_status status = db_run(arena, &r,
				       "UPDATE referrals SET status = 'refused', status_reason = ?,"
				       " updated_at = UTC_TIMESTAMP(), closed_at = UTC_TIMESTAMP()"
				       " WHERE id = ? AND status = 'new' AND receiving_org_id = ?",
				       "sii", c->reason, c->referral_id, c->org_id);
	if (status != DB_OK)
		return status;
	if (r.affected != 1)
		return refuse(work, REFERRAL_WRONG_STATE);
	status = event(arena, c, c->referral_id, event_name(EVENT_REFUSED), status_name(STATUS_NEW),
		       status_name(STATUS_REFUSED),
		       arena_printf(arena, "Refused by %s: %s", work->org_name, c->reason));
	if (status == DB_OK)
		status = notify_refused(arena, work);
	if (status != DB_OK)
		return status;
	bool unresolved = false;
	status = referral_group_settle(arena, work->group_id, &unresolved);
	if (status == DB_OK && unresolved)
		status = referral_tell_unresolved(arena, work->group_id, c->referral_id, NULL);
	if (status != DB_OK || !unresolved)
		return status;
	struct audit_entry entry = {
		.staff_id = c->staff_id,
		.organisation_id = c->org_id,
		.action = event_name(EVENT_UNRESOLVED),
		.subject_type = "referral_group",
		.subject_id = work->group_id,
		.new_value = "unresolved",
		.detail = "Every referral of the group was refused or had no response",
		.remote_addr = c->remote_addr,
	};
	return audit_record(arena, &entry);
}

static enum db_status close_referral(struct arena *arena, struct apply_work *work)
{
	const struct referral_change *c = work->change;
	struct db_result r;
	enum db_status status =
		db_run(arena, &r, "SELECT name FROM closure_reasons WHERE id = ? AND retired = 0",
		       "i", c->closure_reason_id);
	if (status != DB_OK)
		return status;
	if (r.rows != 1)
		return refuse(work, REFERRAL_BAD_REASON);
	const char *reason = arena_strdup(arena, text_or_empty(&r, 0, 0));
	status = db_run(
		arena, &r,
		"UPDATE referrals SET status = 'closed', closure_reason_id = ?, outcome_note = ?,"
		" updated_at = UTC_TIMESTAMP(), closed_at = UTC_TIMESTAMP()"
		" WHERE id = ? AND status = 'acknowledged' AND receiving_org_id = ?",
		"isii", c->closure_reason_id, c->outcome ? c->outcome : "", c->referral_id,
		c->org_id);
	if (status != DB_OK)
		return status;
	if (r.affected != 1)
		return refuse(work, REFERRAL_WRONG_STATE);
	status = event(arena, c, c->referral_id, event_name(EVENT_CLOSED),
		       status_name(STATUS_ACKNOWLEDGED), status_name(STATUS_CLOSED),
		       arena_printf(arena, "Closed by %s: %s", work->org_name, reason));
	if (status != DB_OK)
		return status;
	return notify(arena, work, true, "closed");
}

static enum db_status withdraw(struct arena *arena, struct apply_work *work)
{
	const struct referral_change *c = work->change;
	struct db_result before;
	enum db_status status =
		db_run(arena, &before, "SELECT status FROM referrals WHERE id = ? FOR UPDATE", "i",
		       c->referral_id);
	if (status != DB_OK)
		return status;
	const char *old = before.rows == 1 ? arena_strdup(arena, text_or_empty(&before, 0, 0)) : "";
	struct db_result r;
	status = db_run(arena, &r,
			"UPDATE referrals SET status = 'withdrawn', updated_at = UTC_TIMESTAMP(),"
			" closed_at = UTC_TIMESTAMP()"
			" WHERE id = ? AND " REFERRAL_OPEN("referrals") " AND sending_org_id = ?",
			"ii", c->referral_id, c->org_id);
	if (status != DB_OK)
		return status;
	if (r.affected != 1)
		return refuse(work, REFERRAL_WRONG_STATE);
	return event(arena, c, c->referral_id, event_name(EVENT_WITHDRAWN), old,
		     status_name(STATUS_WITHDRAWN),
		     arena_printf(arena, "Withdrawn by %s", work->org_name));
}

static enum db_status apply_work(struct arena *arena, void *context)
{
	struct apply_work *work = context;
	const struct referral_change *c = work->change;
	work->outcome = REFERRAL_CHANGED;
	work->refused = false;
	work->taken_by = NULL;
	/* the group's row first, locked: every change to one group takes its turn, so the
	 * group-wide checks below see every other change */
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT r.group_id, i.name FROM referrals r JOIN issues i ON i.id = r.issue_id"
		" WHERE r.id = ?",
		"i", c->referral_id);
	if (status != DB_OK)
		return status;
	if (r.rows != 1)
		return refuse(work, REFERRAL_WRONG_STATE);
	work->group_id = db_int(&r, 0, 0, 0);
	work->issue_name = arena_strdup(arena, text_or_empty(&r, 0, 1));
	/* (a referral's group never changes; every read of a status below is a locking read,
	 * which sees the latest committed rows, not this transaction's snapshot) */
	status = db_run(arena, &r, "SELECT id FROM referral_groups WHERE id = ? FOR UPDATE", "i",
			work->group_id);
	if (status != DB_OK)
		return status;
	status = db_run(arena, &r, "SELECT name FROM organisations WHERE id = ?", "i", c->org_id);
	if (status != DB_OK)
		return status;
	work->org_name = r.rows == 1 ? arena_strdup(arena, text_or_empty(&r, 0, 0)) : "";
	switch (c->verb) {
	case REFERRAL_ACKNOWLEDGE: {
		/* a referral that is not New is refused for its state, not as "taken" */
		status = db_run(arena, &r,
				"SELECT status = 'new' FROM referrals WHERE id = ? FOR UPDATE", "i",
				c->referral_id);
		if (status != DB_OK)
			return status;
		if (r.rows != 1 || db_int(&r, 0, 0, 0) != 1)
			return refuse(work, REFERRAL_WRONG_STATE);
		return acknowledge(arena, work);
	}
	case REFERRAL_REFUSE:
		return refuse_referral(arena, work);
	case REFERRAL_CLOSE:
		return close_referral(arena, work);
	case REFERRAL_WITHDRAW:
		return withdraw(arena, work);
	}
	return refuse(work, REFERRAL_WRONG_STATE);
}

enum db_status referral_apply(struct arena *arena, const struct referral_change *change,
			      enum referral_outcome *outcome, const char **taken_by)
{
	struct apply_work work = { .change = change };
	enum db_status status = db_transaction(arena, apply_work, &work);
	if (status == ROLL_BACK && work.refused)
		status = DB_OK;
	*outcome = work.outcome;
	*taken_by = work.taken_by ? work.taken_by : "";
	return status;
}
