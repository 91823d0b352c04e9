/* The scheduled work: auto-close, overdue messages, consent expiry, under a lease. */
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
#include "../workdays.h"
#include "audit.h"
#include "bank_holiday.h"
#include "inbox.h"
#include "settings.h"

#define JOBS_LEASE_NAME "run-jobs"
#define JOBS_LEASE_MINUTES 10
#define JOBS_BATCH 200

struct jobs_clock {
	char now[20];          /* "YYYY-MM-DD HH:MM:SS" UTC */
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
	enum db_status status = db_run(
		arena, NULL,
		"INSERT INTO job_leases (name, holder, expires_at)"
		" VALUES (?, ?, UTC_TIMESTAMP() + INTERVAL ? MINUTE)"
		" ON DUPLICATE KEY UPDATE"
		" holder = IF(expires_at < UTC_TIMESTAMP(), VALUES(holder), holder),"
		" expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)",
		"ssi", JOBS_LEASE_NAME, holder, (long long)JOBS_LEASE_MINUTES);
	if (status != DB_OK)
		return status;
	struct db_result row;
	status = db_run(arena, &row, "SELECT holder FROM job_leases WHERE name = ?", "s", JOBS_LEASE_NAME);
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
	enum db_status status = db_run(arena, &lease,
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

static enum db_status leased_transaction(struct arena *arena, struct jobs_lease *lease,
					 db_work work, void *context)
{
	struct leased_item item = {lease, work, context};
	return db_transaction(arena, leased_item_work, &item);
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

/* ---- auto-close ---- */

struct close_one {
	long long referral_id;
	long long reason_id;
	const char *reason_name;
	const char *now;
	bool closed;
	bool unresolved;
};

static enum db_status close_work(struct arena *arena, void *context)
{
	struct close_one *c = context;
	c->closed = c->unresolved = false;
	struct db_result row;
	enum db_status status = db_run(arena, &row,
				       "SELECT r.group_id, r.receiving_org_id FROM referral_groups g"
				       " JOIN referrals r ON r.group_id = g.id"
				       " WHERE r.id = ? FOR UPDATE",
				       "i", c->referral_id);
	if (status != DB_OK || row.rows != 1)
		return status;
	long long group_id = db_int(&row, 0, 0, 0), org_id = db_int(&row, 0, 1, 0);
	struct db_result changed;
	status = db_run(arena, &changed,
			"UPDATE referrals SET status = 'no_response', closure_reason_id = NULLIF(?, 0),"
			" closed_at = ?, updated_at = ? WHERE id = ? AND status = 'new'",
			"issi", c->reason_id, c->now, c->now, c->referral_id);
	if (status != DB_OK || changed.affected != 1)
		return status;
	c->closed = true;
	struct audit_entry event = {
		.organisation_id = org_id,
		.action = "referral.no_response",
		.subject_type = "referral",
		.subject_id = c->referral_id,
		.old_value = "New",
		.new_value = "No response",
		.detail = c->reason_name[0] ? c->reason_name : "Closed automatically: no response",
		.remote_addr = "run-jobs",
	};
	status = audit_record(arena, &event);
	if (status != DB_OK)
		return status;
	struct db_result open;
	status = db_run(arena, &open,
			"SELECT COUNT(*) FROM referrals WHERE group_id = ?"
			" AND status NOT IN ('refused', 'no_response')",
			"i", group_id);
	if (status != DB_OK)
		return status;
	if (db_int(&open, 0, 0, 1) == 0) {
		struct db_result group;
		status = db_run(arena, &group,
				"UPDATE referral_groups SET unresolved = 1 WHERE id = ? AND unresolved = 0",
				"i", group_id);
		c->unresolved = status == DB_OK && group.affected == 1;
	}
	return status;
}

static enum db_status auto_close(struct arena *arena, struct jobs_lease *lease,
				 const struct jobs_clock *clock, const struct settings_timeframes *t,
				 long long *closed, long long *unresolved)
{
	*closed = *unresolved = 0;
	if (t->auto_close_days <= 0)
		return DB_OK;
	const char *reason_name = "";
	if (t->auto_close_reason_id > 0) {
		struct db_result reason;
		enum db_status status = db_run(arena, &reason, "SELECT name FROM closure_reasons WHERE id = ?",
					       "i", t->auto_close_reason_id);
		if (status != DB_OK)
			return status;
		if (reason.rows == 1)
			reason_name = db_value(&reason, 0, 0);
	}
	/* n working days after a date are at least n calendar days after it */
	char cutoff[WORKDAYS_ISO_SIZE];
	workdays_to_iso(clock->today_day - (workdays_day)t->auto_close_days, cutoff);
	long long after = 0;
	for (;;) {
		struct db_result rows;
		enum db_status status = db_run(
			arena, &rows,
			"SELECT id, DATE_FORMAT(GREATEST(created_at, updated_at), '%Y-%m-%d') FROM referrals"
			" WHERE status = 'new' AND id > ? AND GREATEST(created_at, updated_at) < ? + INTERVAL 1 DAY"
			" ORDER BY id LIMIT ?",
			"isi", after, cutoff, (long long)JOBS_BATCH);
		if (status != DB_OK)
			return status;
		if (rows.rows == 0)
			return DB_OK;
		workdays_day earliest = clock->today_day;
		for (size_t i = 0; i < rows.rows; i++) {
			workdays_day d;
			if (workdays_from_iso(db_value(&rows, i, 1), &d) && d < earliest)
				earliest = d;
		}
		struct holidays holidays;
		status = load_holidays(arena, earliest, clock->today_day, &holidays);
		if (status != DB_OK)
			return status;
		for (size_t i = 0; i < rows.rows; i++) {
			after = db_int(&rows, i, 0, 0);
			workdays_day last;
			if (!workdays_from_iso(db_value(&rows, i, 1), &last))
				continue;
			int waited = workdays_between(last, clock->today_day,
						      holidays.count ? holidays.days : NULL, holidays.count);
			if (waited < t->auto_close_days)
				continue;
			struct close_one one = {after, t->auto_close_reason_id, reason_name, clock->now, false, false};
			status = leased_transaction(arena, lease, close_work, &one);
			if (status != DB_OK)
				return status;
			*closed += one.closed;
			*unresolved += one.unresolved;
		}
	}
}

/* ---- overdue messages ---- */

struct overdue_one {
	long long referral_id;
	const char *kind; /* "update" or "close" */
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
	struct db_result added;
	enum db_status status = db_run(arena, &added,
				       "INSERT IGNORE INTO overdue_notices (referral_id, due_kind, due_date, sent_at)"
				       " VALUES (?, ?, ?, ?)",
				       "isss", o->referral_id, o->kind, o->due, o->now);
	if (status != DB_OK || added.affected != 1)
		return status;
	o->noted = true;
	struct db_result info;
	status = db_run(arena, &info,
			"SELECT r.receiving_org_id, c.first_name, c.last_name, i.name, so.name"
			" FROM referrals r JOIN clients c ON c.id = r.client_id"
			" JOIN issues i ON i.id = r.issue_id JOIN organisations so ON so.id = r.sending_org_id"
			" WHERE r.id = ?",
			"i", o->referral_id);
	if (status != DB_OK || info.rows != 1)
		return status;
	bool update = strcmp(o->kind, "update") == 0;
	const char *subject = arena_printf(arena, "Referral %lld is overdue: %s %s", o->referral_id,
					   db_value(&info, 0, 1), db_value(&info, 0, 2));
	int y, m, d;
	workdays_day day = 0;
	workdays_from_iso(o->due, &day);
	workdays_to_ymd(day, &y, &m, &d);
	const char *body = arena_printf(arena, "The %s referral from %s was due to be %s by %04d-%02d-%02d.",
					db_value(&info, 0, 3), db_value(&info, 0, 4),
					update ? "acknowledged or refused" : "closed", y, m, d);
	const char *link = arena_printf(arena, "/referrals/%lld", o->referral_id);
	struct db_result staff;
	status = db_run(arena, &staff,
			"SELECT DISTINCT s.id FROM staff_orgs so JOIN staff s ON s.id = so.staff_id"
			" WHERE so.organisation_id = ? AND s.active = 1 ORDER BY s.id",
			"i", db_int(&info, 0, 0, 0));
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < staff.rows; i++) {
		status = inbox_send(arena, db_int(&staff, i, 0, 0), "overdue", subject, body, link, o->now);
		if (status != DB_OK)
			return status;
		o->sent++;
	}
	return DB_OK;
}

static enum db_status overdue(struct arena *arena, struct jobs_lease *lease,
			      const struct jobs_clock *clock, long long *referrals, long long *messages)
{
	*referrals = *messages = 0;
	static const char *const kinds[] = {"update", "close"};
	for (size_t k = 0; k < 2; k++) {
		long long after = 0;
		for (;;) {
			struct db_result rows;
			enum db_status status;
			if (k == 0)
				status = db_run(arena, &rows,
						"SELECT r.id, DATE_FORMAT(r.update_due, '%Y-%m-%d') FROM referrals r"
						" LEFT JOIN overdue_notices n ON n.referral_id = r.id"
						"  AND n.due_kind = 'update' AND n.due_date = r.update_due"
						" WHERE r.status = 'new' AND r.update_due < ? AND r.id > ?"
						"  AND n.referral_id IS NULL ORDER BY r.id LIMIT ?",
						"sii", clock->today, after, (long long)JOBS_BATCH);
			else
				status = db_run(arena, &rows,
						"SELECT r.id, DATE_FORMAT(r.close_due, '%Y-%m-%d') FROM referrals r"
						" LEFT JOIN overdue_notices n ON n.referral_id = r.id"
						"  AND n.due_kind = 'close' AND n.due_date = r.close_due"
						" WHERE r.status = 'acknowledged' AND r.close_due < ? AND r.id > ?"
						"  AND n.referral_id IS NULL ORDER BY r.id LIMIT ?",
						"sii", clock->today, after, (long long)JOBS_BATCH);
			if (status != DB_OK)
				return status;
			if (rows.rows == 0)
				break;
			for (size_t i = 0; i < rows.rows; i++) {
				after = db_int(&rows, i, 0, 0);
				struct overdue_one one = {after, kinds[k], db_value(&rows, i, 1), clock->now, 0, false};
				status = leased_transaction(arena, lease, overdue_work, &one);
				if (status != DB_OK)
					return status;
				*referrals += one.noted;
				*messages += one.sent;
			}
		}
	}
	return DB_OK;
}

/* ---- consent expiry ---- */

struct expire_one {
	long long group_id, consent_id;
	const char *now;
	long long sent;
	bool noted;
};

static enum db_status expire_work(struct arena *arena, void *context)
{
	struct expire_one *e = context;
	e->sent = 0;
	e->noted = false;
	struct db_result added;
	enum db_status status = db_run(arena, &added,
				       "INSERT IGNORE INTO consent_expiry_notices (group_id, consent_id, expired_at)"
				       " VALUES (?, ?, ?)",
				       "iis", e->group_id, e->consent_id, e->now);
	if (status != DB_OK || added.affected != 1)
		return status;
	e->noted = true;
	struct db_result info;
	status = db_run(arena, &info,
			"SELECT g.created_by, g.sending_org_id, c.first_name, c.last_name,"
			" DATE_FORMAT(k.recorded_at, '%Y-%m-%d'), i.name,"
			" (SELECT MIN(r.id) FROM referrals r WHERE r.group_id = g.id)"
			" FROM referral_groups g JOIN clients c ON c.id = g.client_id"
			" JOIN consents k ON k.id = g.consent_id JOIN issues i ON i.id = g.issue_id"
			" WHERE g.id = ?",
			"i", e->group_id);
	if (status != DB_OK || info.rows != 1)
		return status;
	long long creator = db_int(&info, 0, 0, 0);
	long long first = db_int(&info, 0, 6, 0);
	const char *subject = arena_printf(arena, "Consent has expired: %s %s", db_value(&info, 0, 2),
					   db_value(&info, 0, 3));
	const char *body = arena_printf(arena,
					"The consent recorded on %s for the %s referral has expired. "
					"Its details are restricted until the referrer renews consent.",
					db_value(&info, 0, 4), db_value(&info, 0, 5));
	const char *link = first ? arena_printf(arena, "/referrals/%lld", first) : "";
	struct db_result staff;
	status = db_run(arena, &staff,
			"SELECT id FROM staff WHERE active = 1 AND (is_admin = 1 OR id = ?) ORDER BY id",
			"i", creator);
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < staff.rows; i++) {
		status = inbox_send(arena, db_int(&staff, i, 0, 0), "consent_renewal", subject, body, link, e->now);
		if (status != DB_OK)
			return status;
		e->sent++;
	}
	struct db_result referrals;
	status = db_run(arena, &referrals, "SELECT id FROM referrals WHERE group_id = ? ORDER BY id", "i",
			e->group_id);
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < referrals.rows; i++) {
		struct audit_entry event = {
			.organisation_id = db_int(&info, 0, 1, 0),
			.action = "referral.consent_expired",
			.subject_type = "referral",
			.subject_id = db_int(&referrals, i, 0, 0),
			.new_value = "Consent expired",
			.detail = arena_printf(arena, "Consent recorded on %s", db_value(&info, 0, 4)),
			.remote_addr = "run-jobs",
		};
		status = audit_record(arena, &event);
		if (status != DB_OK)
			return status;
	}
	return DB_OK;
}

static enum db_status consent_expiry(struct arena *arena, struct jobs_lease *lease,
				     const struct jobs_clock *clock, const struct settings_timeframes *t,
				     long long *groups, long long *messages)
{
	*groups = *messages = 0;
	if (t->consent_expiry_days <= 0)
		return DB_OK;
	long long after = 0;
	for (;;) {
		struct db_result rows;
		enum db_status status = db_run(
			arena, &rows,
			"SELECT g.id, g.consent_id FROM referral_groups g"
			" JOIN consents k ON k.id = g.consent_id"
			" LEFT JOIN consent_expiry_notices n ON n.group_id = g.id AND n.consent_id = g.consent_id"
			" WHERE k.recorded_at < ? - INTERVAL ? DAY AND g.id > ? AND n.group_id IS NULL"
			" ORDER BY g.id LIMIT ?",
			"siii", clock->now, t->consent_expiry_days, after, (long long)JOBS_BATCH);
		if (status != DB_OK)
			return status;
		if (rows.rows == 0)
			return DB_OK;
		for (size_t i = 0; i < rows.rows; i++) {
			after = db_int(&rows, i, 0, 0);
			struct expire_one one = {after, db_int(&rows, i, 1, 0), clock->now, 0, false};
			status = leased_transaction(arena, lease, expire_work, &one);
			if (status != DB_OK)
				return status;
			*groups += one.noted;
			*messages += one.sent;
		}
	}
}

/* ---- the run ---- */

static int work(struct arena *arena, struct jobs_lease *lease, const struct jobs_clock *clock,
		FILE *out)
{
	struct settings_timeframes t;
	enum db_status status = settings_load_timeframes(arena, &t);
	long long closed = 0, unresolved = 0, overdue_referrals = 0, overdue_messages = 0;
	long long expired = 0, consent_messages = 0;
	if (status == DB_OK)
		status = auto_close(arena, lease, clock, &t, &closed, &unresolved);
	if (status == DB_OK)
		fprintf(out, "auto-closed as no response: %lld (groups now unresolved: %lld)\n", closed, unresolved);
	if (status == DB_OK)
		status = overdue(arena, lease, clock, &overdue_referrals, &overdue_messages);
	if (status == DB_OK)
		fprintf(out, "overdue referrals notified: %lld (messages: %lld)\n", overdue_referrals,
			overdue_messages);
	if (status == DB_OK)
		status = consent_expiry(arena, lease, clock, &t, &expired, &consent_messages);
	if (status == DB_OK)
		fprintf(out, "consent expired: %lld groups (messages: %lld)\n", expired, consent_messages);
	if (lease->lost) {
		fprintf(stderr, "referrals run-jobs: lost the lease to another instance: stopping\n");
		return 1;
	}
	if (status != DB_OK) {
		fprintf(stderr, "referrals run-jobs: the database failed (status %d)\n", (int)status);
		return 1;
	}
	return 0;
}

int jobs_run(const struct config *config, const char *now_override, FILE *out)
{
	struct jobs_clock clock;
	if (!parse_clock(now_override, &clock)) {
		fprintf(stderr, "referrals run-jobs: --now wants \"YYYY-MM-DD HH:MM:SS\", not \"%s\"\n",
			now_override);
		return 1;
	}
	struct arena *arena = arena_new(64 * 1024);
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
		struct jobs_lease lease = {
			.holder = arena_printf(arena, "%s:%ld:%s", host, (long)getpid(), token),
			.lost = false,
		};
		bool taken = false;
		enum db_status status = lease_take(arena, lease.holder, &taken);
		if (status != DB_OK) {
			fprintf(stderr, "referrals run-jobs: the database failed taking the lease\n");
		} else if (!taken) {
			fprintf(out, "another instance holds the lease: nothing done\n");
			failed = 0;
		} else {
			fprintf(out, "clock: %s UTC (today %s)\n", clock.now, clock.today);
			failed = work(arena, &lease, &clock, out);
			if (!lease.lost && lease_release(arena, lease.holder) != DB_OK)
				fprintf(stderr, "referrals run-jobs: could not release the lease (it expires by itself)\n");
		}
	}
	arena_free(arena);
	db_disconnect();
	return failed;
}
