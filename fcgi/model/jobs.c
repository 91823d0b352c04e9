/* The scheduled work: auto-close, overdue messages, consent expiry, under a lease. Each part
 * reads its work through an index made for it (sql/015_jobs_scale.sql) in keyset batches, and
 * does each item in its own transaction under the lease. */
#include "jobs.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../arena.h"
#include "../config.h"
#include "../crypto.h"
#include "../db.h"
#include "../vocabulary.h"
#include "../workdays.h"
#include "audit.h"
#include "bank_holiday.h"
#include "dashboard.h"
#include "inactivity.h"
#include "inbox.h"
#include "redaction.h"
#include "organisation_pause.h"
#include "referral.h"
#include "referral_rules.h"
#include "settings.h"

#define JOBS_LEASE_NAME "run-jobs"
#define JOBS_LEASE_MINUTES 10
#define JOBS_BATCH 200

struct jobs_clock {
	char now[20];		       /* "YYYY-MM-DD HH:MM:SS" UTC */
	char today[WORKDAYS_ISO_SIZE]; /* the date in the configured zone */
	workdays_day today_day;
};

static bool parse_clock(const char *override, struct jobs_clock *clock)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	time_t t;
	if (override != NULL) {
		const char *end = strptime(override, "%Y-%m-%d %H:%M:%S", &tm);
		if (end == NULL || *end != '\0' || strlen(override) != 19)
			return false;
		t = timegm(&tm);
	} else {
		t = time(NULL);
	}
	struct tm utc, local;
	gmtime_r(&t, &utc);
	localtime_r(&t, &local);
	strftime(clock->now, sizeof clock->now, "%Y-%m-%d %H:%M:%S", &utc);
	clock->today_day = workdays_from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
	workdays_to_iso(clock->today_day, clock->today);
	return true;
}

/* ---- the lease ---- */

static enum db_status lease_take(struct arena *arena, const char *holder, bool *taken)
{
	*taken = false;
	enum db_status status =
		db_run(arena, NULL,
		       "INSERT INTO job_leases (name, holder, expires_at)"
		       " VALUES (?, ?, UTC_TIMESTAMP() + INTERVAL ? MINUTE)"
		       " ON DUPLICATE KEY UPDATE"
		       " holder = IF(expires_at < UTC_TIMESTAMP(), VALUES(holder), holder),"
		       " expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)",
		       "ssi", JOBS_LEASE_NAME, holder, (long long)JOBS_LEASE_MINUTES);
	if (status != DB_OK)
		return status;
	struct db_result row;
	status = db_run(arena, &row, "SELECT holder FROM job_leases WHERE name = ?", "s",
			JOBS_LEASE_NAME);
	if (status == DB_OK && row.rows == 1 && strcmp(db_value(&row, 0, 0), holder) == 0)
		*taken = true;
	return status;
}

static enum db_status lease_release(struct arena *arena, const char *holder)
{
	return db_run(arena, NULL, "DELETE FROM job_leases WHERE name = ? AND holder = ?", "ss",
		      JOBS_LEASE_NAME, holder);
}

/* The lease of this run, and whether another instance took it from us mid-run. */
struct jobs_lease {
	const char *holder;
	bool lost;
};

/* A run: its lease and clock, and memory by lifetime, so a run of any length holds one batch
 * and one item at a time. */
struct jobs_run {
	struct jobs_lease lease;
	const struct jobs_clock *clock;
	struct arena *arena; /* the whole run's */
	struct arena *batch; /* the rows of one batch: emptied before the next is read */
	struct arena *item;  /* one item's transaction: emptied after it */
	struct settings_timeframes timeframes; /* as the run read them */
};

struct leased_item {
	struct jobs_lease *lease;
	db_work work;
	void *context;
};

/* One item of work (one auto-close, one overdue notice, one consent expiry) in its own
 * transaction, which first checks that the lease is still ours and renews it. The lease row
 * stays locked until the item commits, so no other instance can take the lease while an item
 * is half done, and a run that somehow outlived its lease stops (this item rolled back) at
 * its next item instead of working beside the instance that took it. The check is a SELECT
 * because an UPDATE's affected rows count only changed rows: two renewals within the same
 * second would look like a lost lease. */
static enum db_status leased_item_work(struct arena *arena, void *context)
{
	struct leased_item *item = context;
	struct db_result lease;
	enum db_status status =
		db_run(arena, &lease,
		       "SELECT holder FROM job_leases WHERE name = ? AND holder = ? FOR UPDATE",
		       "ss", JOBS_LEASE_NAME, item->lease->holder);
	if (status != DB_OK)
		return status;
	if (lease.rows != 1) {
		item->lease->lost = true;
		return DB_ERROR; /* rolls the item back; the run stops */
	}
	status = db_run(arena, NULL,
			"UPDATE job_leases SET expires_at = UTC_TIMESTAMP() + INTERVAL ? MINUTE"
			" WHERE name = ? AND holder = ?",
			"iss", (long long)JOBS_LEASE_MINUTES, JOBS_LEASE_NAME, item->lease->holder);
	if (status != DB_OK)
		return status;
	return item->work(arena, item->context);
}

static enum db_status leased_transaction(struct jobs_run *run, db_work work, void *context)
{
	struct leased_item item = { &run->lease, work, context };
	enum db_status status = db_transaction(run->item, leased_item_work, &item);
	arena_reset(run->item);
	return status;
}

/* ---- working days ---- */

struct holidays {
	workdays_day *days;
	size_t count;
};

static enum db_status load_holidays(struct arena *arena, workdays_day from, workdays_day to,
				    struct holidays *out)
{
	char a[WORKDAYS_ISO_SIZE], b[WORKDAYS_ISO_SIZE];
	workdays_to_iso(from, a);
	workdays_to_iso(to, b);
	struct bank_holiday_list list;
	enum db_status status = bank_holiday_between(arena, a, b, &list);
	if (status != DB_OK)
		return status;
	out->days = arena_alloc(arena, (list.count + 1) * sizeof *out->days);
	out->count = 0;
	for (size_t i = 0; i < list.count; i++)
		if (workdays_from_iso(list.items[i].date, &out->days[out->count]))
			out->count++;
	out->count = workdays_sort_holidays(out->days, out->count);
	return DB_OK;
}

/* ---- keyset batches ---- */

/* Each part reads its work a batch at a time in index order, the next batch starting after the
 * last row of the one before (never OFFSET), so a run reads each row of work once and a part
 * with nothing to do reads one empty range. These start before every date a row can hold. */
#define KEYSET_FIRST_DAY "0001-01-01"
#define KEYSET_FIRST_TIME "0001-01-01 00:00:00"

struct keyset {
	char at[20]; /* the last row's date or time as MariaDB gave it */
	long long id;
};

/* Moves past row (id in column 0, its date or time in at_column). The keyset keeps its own
 * copy: the batch's memory is emptied before the next batch is read. */
static void keyset_advance(struct keyset *k, const struct db_result *rows, size_t row,
			   unsigned at_column)
{
	k->id = db_int(rows, row, 0, 0);
	snprintf(k->at, sizeof k->at, "%s", db_value(rows, row, at_column));
}

/* The stretch of an index a batch covered: from after the batch before to its last row. */
struct stretch {
	const struct keyset *after, *last;
	const char *sql; /* its statement: the two ends' parameters (after, then last) */
};

/* Runs the statement of a stretch, bound to its two ends. */
static enum db_status stretch_work(struct arena *arena, void *context)
{
	const struct stretch *s = context;
	return db_run(arena, NULL, s->sql, "ssissi", s->after->at, s->after->at, s->after->id,
		      s->last->at, s->last->at, s->last->id);
}

/* What a walk has done: items worked and messages sent. */
struct walk_totals {
	long long done, messages;
};

/* A part that walks its index in keyset batches: read gives the batch after *after (the id in
 * column 0, its date or time in column 1, and 1 in settled_column for a row that owes nothing
 * any more); each row that owes work is done by one, and the settled rows of a batch leave the
 * index together by settle_sql, run in one transaction for the batch's stretch. */
struct walk {
	struct keyset from; /* where the index starts */
	enum db_status (*read)(struct jobs_run *run, const struct keyset *after,
			       struct db_result *rows);
	unsigned settled_column;
	enum db_status (*one)(struct jobs_run *run, const struct db_result *rows, size_t row,
			      struct walk_totals *totals);
	const char *settle_sql; /* a stretch's statement (struct stretch) */
};

static enum db_status walk(struct jobs_run *run, const struct walk *w, struct walk_totals *totals)
{
	*totals = (struct walk_totals){ 0, 0 };
	struct keyset after = w->from;
	for (;;) {
		arena_reset(run->batch);
		struct db_result rows;
		enum db_status status = w->read(run, &after, &rows);
		if (status != DB_OK || rows.rows == 0)
			return status;
		struct keyset before = after;
		size_t settled = 0;
		for (size_t i = 0; status == DB_OK && i < rows.rows; i++) {
			keyset_advance(&after, &rows, i, 1);
			if (db_int(&rows, i, w->settled_column, 0) == 1)
				settled++;
			else
				status = w->one(run, &rows, i, totals);
		}
		if (status == DB_OK && settled > 0) {
			struct stretch stretch = { &before, &after, w->settle_sql };
			status = leased_transaction(run, stretch_work, &stretch);
		}
		if (status != DB_OK)
			return status;
	}
}

/* ---- auto-close ---- */

/* The latest day a New referral's last change can fall on for it to have waited days working
 * days by today, with the bank holidays from that day on: those of a window of twice as many
 * days and a month cover any real calendar, and the window doubles if the day falls outside
 * it. *found is false when no day of the last 50 years will do. */
static enum db_status idle_limit(struct arena *arena, workdays_day today, int days,
				 workdays_day *last, bool *found)
{
	*found = false;
	for (int span = 2 * days + 31; span <= 50 * 366; span *= 2) {
		workdays_day from = today - span;
		struct holidays holidays;
		enum db_status status = load_holidays(arena, from, today, &holidays);
		if (status != DB_OK)
			return status;
		workdays_day day = workdays_back(today, days, holidays.count ? holidays.days : NULL,
						 holidays.count);
		if (day + 1 >= from) {
			*last = day;
			*found = true;
			return DB_OK;
		}
	}
	return DB_OK;
}

struct close_one {
	long long referral_id;
	long long reason_id;
	const char *reason_name;
	const char *now;
	const char *idle_before; /* the last change must be before this time */
	bool closed;
	bool unresolved;
};

static enum db_status close_work(struct arena *arena, void *context)
{
	struct close_one *c = context;
	c->closed = c->unresolved = false;
	struct db_result row;
	enum db_status status =
		db_run(arena, &row,
		       "SELECT r.group_id, r.receiving_org_id FROM referral_groups g"
		       " JOIN referrals r ON r.group_id = g.id"
		       " WHERE r.id = ? FOR UPDATE",
		       "i", c->referral_id);
	if (status != DB_OK || row.rows != 1)
		return status;
	long long group_id = db_int(&row, 0, 0, 0), org_id = db_int(&row, 0, 1, 0);
	/* still New and untouched since the batch was read: a change in between starts the
	 * wait again */
	struct db_result changed;
	status = db_run(
		arena, &changed,
		"UPDATE referrals SET status = 'no_response', closure_reason_id = NULLIF(?, 0),"
		" closed_at = ?, updated_at = ?"
		" WHERE id = ? AND status = 'new' AND updated_at < ? AND created_at < ?",
		"ississ", c->reason_id, c->now, c->now, c->referral_id, c->idle_before,
		c->idle_before);
	if (status != DB_OK || changed.affected != 1)
		return status;
	c->closed = true;
	struct audit_entry event = {
		.organisation_id = org_id,
		.action = event_name(EVENT_NO_RESPONSE),
		.subject_type = "referral",
		.subject_id = c->referral_id,
		.old_value = status_term(STATUS_NEW)->label,
		.new_value = status_term(STATUS_NO_RESPONSE)->label,
		.detail = c->reason_name[0] ? c->reason_name : "Closed automatically: no response",
		.remote_addr = "run-jobs",
	};
	status = audit_record(arena, &event);
	if (status != DB_OK)
		return status;
	status = referral_group_settle(arena, group_id, &c->unresolved);
	if (status == DB_OK && c->unresolved)
		status = referral_tell_unresolved(arena, group_id, c->referral_id, c->now);
	return status;
}

/* New referrals whose last change (the later of created_at and updated_at, as a UTC date) is
 * auto_close_days working days before today or more. The day is worked out once, so the
 * statement asks for exactly the referrals to close, in the order of referrals_idle
 * (status, updated_at). */
static enum db_status auto_close(struct jobs_run *run, const struct settings_timeframes *t,
				 long long *closed, long long *unresolved)
{
	struct arena *arena = run->arena;
	const struct jobs_clock *clock = run->clock;
	*closed = *unresolved = 0;
	if (t->auto_close_days <= 0)
		return DB_OK;
	const char *reason_name = "";
	if (t->auto_close_reason_id > 0) {
		struct db_result reason;
		enum db_status status =
			db_run(arena, &reason, "SELECT name FROM closure_reasons WHERE id = ?", "i",
			       t->auto_close_reason_id);
		if (status != DB_OK)
			return status;
		if (reason.rows == 1)
			reason_name = db_value(&reason, 0, 0);
	}
	workdays_day last;
	bool any;
	enum db_status status =
		idle_limit(arena, clock->today_day, (int)t->auto_close_days, &last, &any);
	if (status != DB_OK || !any)
		return status;
	char day[WORKDAYS_ISO_SIZE];
	workdays_to_iso(last + 1, day);
	const char *idle_before = arena_printf(arena, "%s 00:00:00", day);
	struct keyset after = { KEYSET_FIRST_TIME, 0 };
	for (;;) {
		arena_reset(run->batch);
		struct db_result rows;
		status = db_run(
			run->batch, &rows,
			"SELECT id, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s') FROM referrals"
			" WHERE status = 'new' AND updated_at < ? AND created_at < ?"
			"  AND (updated_at > ? OR (updated_at = ? AND id > ?))"
			" ORDER BY updated_at, id LIMIT ?",
			"ssssii", idle_before, idle_before, after.at, after.at, after.id,
			(long long)JOBS_BATCH);
		if (status != DB_OK || rows.rows == 0)
			return status;
		for (size_t i = 0; i < rows.rows; i++) {
			keyset_advance(&after, &rows, i, 1);
			struct close_one one = { after.id,    t->auto_close_reason_id,
						 reason_name, clock->now,
						 idle_before, false,
						 false };
			status = leased_transaction(run, close_work, &one);
			if (status != DB_OK)
				return status;
			*closed += one.closed;
			*unresolved += one.unresolved;
		}
	}
}

/* ---- notices ---- */

/* Records a notice once: record_sql (an INSERT IGNORE, bound to record) adds nothing when it
 * was made before, so none is sent twice. Then *noted, and the facts its message tells read by
 * info_sql for id. False, with *status, when the record failed or was there already, or there
 * is not one row of facts. */
static bool notice_once(struct arena *arena, enum db_status *status, const char *record_sql,
			const struct db_param *record, size_t count, bool *noted,
			const char *info_sql, long long id, struct db_result *info)
{
	struct db_result added;
	*status = db_run_params(arena, &added, record_sql, record, count);
	if (*status != DB_OK || added.affected != 1)
		return false;
	*noted = true;
	*status = db_run(arena, info, info_sql, "i", id);
	return *status == DB_OK && info->rows == 1;
}

/* Who a notice goes to: inbox_to_org_staff or inbox_to_admins. */
typedef enum db_status (*notice_recipients)(struct arena *arena, long long whom,
					    const struct inbox_item *item, long long *sent);

/* Sends a notice of kind at now to the recipients `to` finds for whom, adding the messages to
 * *sent. */
static enum db_status notice_send(struct arena *arena, notice_recipients to, long long whom,
				  enum inbox_kind kind, const char *subject, const char *body,
				  const char *link, const char *now, const char *mail_subject,
				  const char *mail_body, long long *sent)
{
	/* the inbox's subject names the client; the e-mail's never does (issue 14) */
	struct inbox_item message = { .kind = inbox_kind_name(kind),
				      .subject = subject,
				      .body = body,
				      .link = link,
				      .created_at = now,
				      .mail_subject = mail_subject,
				      .mail_body = mail_body };
	long long added = 0;
	enum db_status status = to(arena, whom, &message, &added);
	*sent += added;
	return status;
}

/* ---- overdue messages ---- */

/* The notice a referral in status owes: "update" while New, "close" once Acknowledged. */
static const char *notice_kind(const char *status)
{
	return status_from_name(status) == STATUS_NEW ? "update" : "close";
}

/* A referral's overdue notice, once for each due date (the referral, kind, due date, time). */
static const char overdue_record_sql[] =
	"INSERT IGNORE INTO overdue_notices (referral_id, due_kind, due_date, sent_at)"
	" VALUES (?, ?, ?, ?)";

/* What an overdue notice tells of referral ?. */
static const char overdue_facts_sql[] =
	"SELECT r.receiving_org_id, c.first_name, c.last_name, i.name, so.name"
	" FROM referrals r JOIN clients c ON c.id = r.client_id"
	" JOIN issues i ON i.id = r.issue_id"
	" JOIN organisations so ON so.id = r.sending_org_id WHERE r.id = ?";

struct overdue_one {
	long long referral_id;
	const char *status; /* "new" or "acknowledged", as the batch read it */
	const char *due;
	const char *now;
	long long sent; /* messages */
	bool noted;
};

static enum db_status overdue_work(struct arena *arena, void *context)
{
	struct overdue_one *o = context;
	o->sent = 0;
	o->noted = false;
	const char *kind = notice_kind(o->status);
	/* First the notice recorded on the referral, if it still owes this one: it leaves
	 * referrals_overdue, and its row lock is what a change of status waits for. */
	struct db_result owed;
	enum db_status status =
		db_run(arena, &owed,
		       "UPDATE referrals SET overdue_noticed_kind = ?, overdue_noticed_due = ?"
		       " WHERE id = ? AND status = ? AND overdue_pending = ?",
		       "ssiss", kind, o->due, o->referral_id, o->status, o->due);
	if (status != DB_OK || owed.affected != 1)
		return status;
	/* the notices sent stay the record that makes each message once */
	const struct db_param record[] = { { 'i', o->referral_id, NULL, 0 },
					   { 's', 0, kind, 0 },
					   { 's', 0, o->due, 0 },
					   { 's', 0, o->now, 0 } };
	struct db_result info;
	if (!notice_once(arena, &status, overdue_record_sql, record, sizeof record / sizeof *record,
			 &o->noted, overdue_facts_sql, o->referral_id, &info))
		return status;
	bool update = strcmp(kind, "update") == 0;
	const char *subject = arena_printf(arena, "Referral %lld is overdue: %s %s", o->referral_id,
					   db_value(&info, 0, 1), db_value(&info, 0, 2));
	int y, m, d;
	workdays_day day = 0;
	workdays_from_iso(o->due, &day);
	workdays_to_ymd(day, &y, &m, &d);
	const char *body =
		arena_printf(arena, "The %s referral from %s was due to be %s by %04d-%02d-%02d.",
			     db_value(&info, 0, 3), db_value(&info, 0, 4),
			     update ? "acknowledged or refused" : "closed", y, m, d);
	const char *link = arena_printf(arena, "/referrals/%lld", o->referral_id);
	/* the e-mail: the issue, the sending organisation and the date, no name */
	const char *mail_subject = arena_printf(arena, "Referral %lld is overdue: %s",
						o->referral_id, db_value(&info, 0, 3));
	return notice_send(arena, inbox_to_org_staff, db_int(&info, 0, 0, 0), INBOX_OVERDUE,
			   subject, body, link, o->now, mail_subject, body, &o->sent);
}

/* Referrals of a batch whose notice was sent but not recorded on them (notices from before
 * the columns, or written by other means) leave the list together, in one statement for the
 * batch's stretch of referrals_overdue, sending nothing. */
static const char noticed_sql[] =
	"UPDATE referrals r SET r.overdue_noticed_kind = IF(r.status = 'new', 'update', 'close'),"
	" r.overdue_noticed_due = IF(r.status = 'new', r.update_due, r.close_due)"
	" WHERE (r.overdue_pending > ? OR (r.overdue_pending = ? AND r.id > ?))"
	" AND (r.overdue_pending < ? OR (r.overdue_pending = ? AND r.id <= ?))"
	" AND EXISTS (SELECT 1 FROM overdue_notices n WHERE n.referral_id = r.id"
	"  AND n.due_kind = IF(r.status = 'new', 'update', 'close')"
	"  AND n.due_date = r.overdue_pending)";

/* The next batch of referrals_overdue before today, each with its notice already sent (3). */
static enum db_status overdue_read(struct jobs_run *run, const struct keyset *after,
				   struct db_result *rows)
{
	return db_run(run->batch, rows,
		      "SELECT r.id, DATE_FORMAT(r.overdue_pending, '%Y-%m-%d'), r.status,"
		      " n.referral_id IS NOT NULL FROM referrals r"
		      " LEFT JOIN overdue_notices n ON n.referral_id = r.id"
		      "  AND n.due_kind = IF(r.status = 'new', 'update', 'close')"
		      "  AND n.due_date = r.overdue_pending"
		      " WHERE " REFERRAL_OVERDUE_UNNOTICED(
			      "r") "  AND (r.overdue_pending > ? OR (r.overdue_pending = "
				   "? AND r.id > ?))"
				   " ORDER BY r.overdue_pending, r.id LIMIT ?",
		      "sssii", run->clock->today, after->at, after->at, after->id,
		      (long long)JOBS_BATCH);
}

static enum db_status overdue_one(struct jobs_run *run, const struct db_result *rows, size_t row,
				  struct walk_totals *totals)
{
	struct overdue_one one = { db_int(rows, row, 0, 0),
				   db_value(rows, row, 2),
				   db_value(rows, row, 1),
				   run->clock->now,
				   0,
				   false };
	enum db_status status = leased_transaction(run, overdue_work, &one);
	if (status == DB_OK) {
		totals->done += one.noted;
		totals->messages += one.sent;
	}
	return status;
}

/* New referrals past their update due date and Acknowledged ones past their close due date
 * that have not had the notice for that date: the referrals on referrals_overdue before
 * today, oldest due date first. */
static enum db_status overdue(struct jobs_run *run, long long *referrals, long long *messages)
{
	static const struct walk overdue_walk = {
		{ KEYSET_FIRST_DAY, 0 }, overdue_read, 3, overdue_one, noticed_sql
	};
	struct walk_totals totals;
	enum db_status status = walk(run, &overdue_walk, &totals);
	*referrals = totals.done;
	*messages = totals.messages;
	return status;
}

/* ---- consent expiry ---- */

/* Takes consent ? (both parameters) off the list of work when none of its groups is still
 * without its expiry notice. One string, so one prepared statement wherever it is run. */
static const char settle_consent_sql[] =
	"UPDATE consents SET expiry_pending = 0 WHERE id = ? AND NOT EXISTS ("
	" SELECT 1 FROM referral_groups g WHERE g.consent_id = ? AND NOT EXISTS ("
	"  SELECT 1 FROM consent_expiry_notices n WHERE n.group_id = g.id AND n.consent_id = "
	"g.consent_id))";

/* A group's consent expiry notice, once for each consent (the group, consent, time). */
static const char expiry_record_sql[] =
	"INSERT IGNORE INTO consent_expiry_notices (group_id, consent_id, expired_at)"
	" VALUES (?, ?, ?)";

/* What a consent expiry notice tells of group ?. */
static const char expiry_facts_sql[] =
	"SELECT g.created_by, g.sending_org_id, c.first_name, c.last_name,"
	" DATE_FORMAT(k.recorded_at, '%Y-%m-%d'), i.name,"
	" (SELECT MIN(r.id) FROM referrals r WHERE r.group_id = g.id)"
	" FROM referral_groups g JOIN clients c ON c.id = g.client_id"
	" JOIN consents k ON k.id = g.consent_id JOIN issues i ON i.id = g.issue_id"
	" WHERE g.id = ?";

struct expire_one {
	long long group_id, consent_id;
	const char *now;
	long long sent;
	bool noted;
};

static enum db_status expire_notice(struct arena *arena, struct expire_one *e)
{
	/* the group still has this consent: a renewal replacing it locks the group row too */
	struct db_result current;
	enum db_status status =
		db_run(arena, &current,
		       "SELECT id FROM referral_groups WHERE id = ? AND consent_id = ? FOR UPDATE",
		       "ii", e->group_id, e->consent_id);
	if (status != DB_OK || current.rows != 1)
		return status;
	const struct db_param record[] = { { 'i', e->group_id, NULL, 0 },
					   { 'i', e->consent_id, NULL, 0 },
					   { 's', 0, e->now, 0 } };
	struct db_result info;
	if (!notice_once(arena, &status, expiry_record_sql, record, sizeof record / sizeof *record,
			 &e->noted, expiry_facts_sql, e->group_id, &info))
		return status;
	long long creator = db_int(&info, 0, 0, 0);
	long long first = db_int(&info, 0, 6, 0);
	const char *subject = arena_printf(arena, "Consent has expired: %s %s",
					   db_value(&info, 0, 2), db_value(&info, 0, 3));
	const char *body =
		arena_printf(arena,
			     "The consent recorded on %s for the %s referral has expired. "
			     "Its details are restricted until the referrer renews consent.",
			     db_value(&info, 0, 4), db_value(&info, 0, 5));
	const char *link = first ? arena_printf(arena, "/referrals/%lld", first) : "";
	const char *mail_subject = arena_printf(arena, "Consent has expired: referral %lld (%s)",
						first, db_value(&info, 0, 5));
	const char *mail_body =
		arena_printf(arena,
			     "The consent recorded on %s for the %s referral has expired. "
			     "Its details are restricted until the referrer renews consent.",
			     db_value(&info, 0, 4), db_value(&info, 0, 5));
	/* the administrators, and the referrer */
	status = notice_send(arena, inbox_to_admins, creator, INBOX_CONSENT_RENEWAL, subject, body,
			     link, e->now, mail_subject, mail_body, &e->sent);
	if (status != DB_OK)
		return status;
	struct db_result referrals;
	status =
		db_run(arena, &referrals, "SELECT id FROM referrals WHERE group_id = ? ORDER BY id",
		       "i", e->group_id);
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < referrals.rows; i++) {
		struct audit_entry event = {
			.organisation_id = db_int(&info, 0, 1, 0),
			.action = event_name(EVENT_CONSENT_EXPIRED),
			.subject_type = "referral",
			.subject_id = db_int(&referrals, i, 0, 0),
			.new_value = "Consent expired",
			.detail = arena_printf(arena, "Consent recorded on %s",
					       db_value(&info, 0, 4)),
			.remote_addr = "run-jobs",
		};
		status = audit_record(arena, &event);
		if (status != DB_OK)
			return status;
	}
	return DB_OK;
}

/* One group's notice, then its consent off the list if that was its last group owed one. */
static enum db_status expire_work(struct arena *arena, void *context)
{
	struct expire_one *e = context;
	e->sent = 0;
	e->noted = false;
	enum db_status status = expire_notice(arena, e);
	if (status != DB_OK)
		return status;
	return db_run(arena, NULL, settle_consent_sql, "ii", e->consent_id, e->consent_id);
}

/* The consents of a batch that owe no group a notice (noticed before, or replaced by a
 * renewal) leave the list together, in one statement for the batch's stretch of
 * consents_expiry. */
static const char settle_sql[] =
	"UPDATE consents k SET k.expiry_pending = 0 WHERE k.expiry_pending = 1"
	" AND (k.recorded_at > ? OR (k.recorded_at = ? AND k.id > ?))"
	" AND (k.recorded_at < ? OR (k.recorded_at = ? AND k.id <= ?))"
	" AND NOT EXISTS (SELECT 1 FROM referral_groups g WHERE g.consent_id = k.id"
	"  AND NOT EXISTS (SELECT 1 FROM consent_expiry_notices n"
	"   WHERE n.group_id = g.id AND n.consent_id = g.consent_id))";

/* The next batch of consents_expiry recorded consent_expiry_days or more before now, each
 * with whether it owes no group its notice any more (2). */
static enum db_status expiry_read(struct jobs_run *run, const struct keyset *after,
				  struct db_result *rows)
{
	return db_run(
		run->batch, rows,
		"SELECT k.id, DATE_FORMAT(k.recorded_at, '%Y-%m-%d %H:%i:%s'),"
		" NOT EXISTS (SELECT 1 FROM referral_groups g WHERE g.consent_id = k.id"
		"  AND NOT EXISTS (SELECT 1 FROM consent_expiry_notices n"
		"   WHERE n.group_id = g.id AND n.consent_id = g.consent_id))"
		" FROM consents k WHERE k.expiry_pending = 1 AND " REFERRAL_CONSENT_EXPIRED(
			"k", "?") "  AND (k.recorded_at > ? OR (k.recorded_at = ? AND k.id > ?))"
				  " ORDER BY k.recorded_at, k.id LIMIT ?",
		"sissii", run->clock->now, run->timeframes.consent_expiry_days, after->at,
		after->at, after->id, (long long)JOBS_BATCH);
}

/* Each group of the consent still without its notice (by the consent's foreign key index). */
static enum db_status expiry_one(struct jobs_run *run, const struct db_result *rows, size_t row,
				 struct walk_totals *totals)
{
	long long consent_id = db_int(rows, row, 0, 0);
	struct db_result owed;
	enum db_status status = db_run(run->batch, &owed,
				       "SELECT g.id FROM referral_groups g WHERE g.consent_id = ? "
				       "AND NOT EXISTS ("
				       " SELECT 1 FROM consent_expiry_notices n"
				       " WHERE n.group_id = g.id AND n.consent_id = g.consent_id) "
				       "ORDER BY g.id",
				       "i", consent_id);
	for (size_t g = 0; status == DB_OK && g < owed.rows; g++) {
		struct expire_one one = { db_int(&owed, g, 0, 0), consent_id, run->clock->now, 0,
					  false };
		status = leased_transaction(run, expire_work, &one);
		if (status == DB_OK) {
			totals->done += one.noted;
			totals->messages += one.sent;
		}
	}
	return status;
}

/* Groups whose consent was recorded consent_expiry_days or more ago and that have not had the
 * notice for it, found from the expired consents still pending (consents_expiry), oldest
 * first, and each consent's groups. */
static enum db_status consent_expiry(struct jobs_run *run, const struct settings_timeframes *t,
				     long long *groups, long long *messages)
{
	*groups = *messages = 0;
	if (t->consent_expiry_days <= 0)
		return DB_OK;
	static const struct walk expiry_walk = {
		{ KEYSET_FIRST_TIME, 0 }, expiry_read, 2, expiry_one, settle_sql
	};
	struct walk_totals totals;
	enum db_status status = walk(run, &expiry_walk, &totals);
	*groups = totals.done;
	*messages = totals.messages;
	return status;
}

/* The privacy steps (issue 15: redaction.c, inactivity.c) run each item through this. */
static enum db_status privacy_leased(void *run, db_work work, void *context)
{
	return leased_transaction(run, work, context);
}

/* ---- the run ---- */

static int work(struct jobs_run *run, FILE *out)
{
	struct settings_timeframes *t = &run->timeframes;
	enum db_status status = settings_load_timeframes(run->arena, t);
	long long closed = 0, unresolved = 0, overdue_referrals = 0, overdue_messages = 0;
	long long expired = 0, consent_messages = 0;
	if (status == DB_OK)
		status = auto_close(run, t, &closed, &unresolved);
	if (status == DB_OK)
		fprintf(out, "auto-closed as no response: %lld (groups now unresolved: %lld)\n",
			closed, unresolved);
	if (status == DB_OK)
		status = overdue(run, &overdue_referrals, &overdue_messages);
	if (status == DB_OK)
		fprintf(out, "overdue referrals notified: %lld (messages: %lld)\n",
			overdue_referrals, overdue_messages);
	if (status == DB_OK)
		status = consent_expiry(run, t, &expired, &consent_messages);
	if (status == DB_OK)
		fprintf(out, "consent expired: %lld groups (messages: %lld)\n", expired,
			consent_messages);
	/* privacy (issue 15): retention and inactive staff */
	if (status == DB_OK)
		status = redaction_retention_step(run->arena, run->clock->now, privacy_leased, run,
						  out);
	if (status == DB_OK)
		status = redaction_drafts_step(run->arena, run->clock->now, privacy_leased, run,
					       out);
	if (status == DB_OK)
		status = inactivity_step(run->arena, run->clock->now, privacy_leased, run, out);
	/* issue 13: organisations paused until today or earlier accept referrals again */
	long long resumed = 0;
	if (status == DB_OK)
		status = organisation_resume_due(run->arena, run->clock->today, &resumed);
	if (status == DB_OK)
		fprintf(out, "organisations resumed: %lld\n", resumed);
	/* issue 9: the dashboard charts' hourly counts past their window */
	long long pruned = 0;
	if (status == DB_OK)
		status = dashboard_prune_hour_counts(run->arena, run->clock->now, &pruned);
	if (status == DB_OK)
		fprintf(out, "chart hours pruned: %lld\n", pruned);
	if (run->lease.lost) {
		fprintf(stderr,
			"referrals run-jobs: lost the lease to another instance: stopping\n");
		return 1;
	}
	if (status != DB_OK) {
		fprintf(stderr, "referrals run-jobs: the database failed (status %d)\n",
			(int)status);
		return 1;
	}
	return 0;
}

int jobs_run(const struct config *config, const char *now_override, FILE *out)
{
	struct jobs_clock clock;
	if (!parse_clock(now_override, &clock)) {
		fprintf(stderr,
			"referrals run-jobs: --now wants \"YYYY-MM-DD HH:MM:SS\", not \"%s\"\n",
			now_override);
		return 1;
	}
	struct jobs_run run = {
		.clock = &clock,
		.arena = arena_new(16 * 1024),
		.batch = arena_new(64 * 1024),
		.item = arena_new(16 * 1024),
	};
	db_configure(&config->database);
	int failed = 1;
	if (db_ready() != DB_OK) {
		fprintf(stderr, "referrals run-jobs: cannot connect to the database\n");
	} else {
		char host[128] = "";
		gethostname(host, sizeof host - 1);
		unsigned char bytes[8];
		char token[17];
		crypto_random(bytes, sizeof bytes);
		crypto_hex(bytes, sizeof bytes, token);
		run.lease.holder =
			arena_printf(run.arena, "%s:%ld:%s", host, (long)getpid(), token);
		bool taken = false;
		enum db_status status = lease_take(run.arena, run.lease.holder, &taken);
		if (status != DB_OK) {
			fprintf(stderr,
				"referrals run-jobs: the database failed taking the lease\n");
		} else if (!taken) {
			fprintf(out, "another instance holds the lease: nothing done\n");
			failed = 0;
		} else {
			fprintf(out, "clock: %s UTC (today %s)\n", clock.now, clock.today);
			failed = work(&run, out);
			if (!run.lease.lost && lease_release(run.arena, run.lease.holder) != DB_OK)
				fprintf(stderr, "referrals run-jobs: could not release the lease "
						"(it expires by itself)\n");
		}
	}
	arena_free(run.item);
	arena_free(run.batch);
	arena_free(run.arena);
	db_disconnect();
	return failed;
}
