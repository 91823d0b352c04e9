/* Sending a draft: one transaction creating everything (see referral_send.h). */
#include "referral_send.h"

#include <stdlib.h>
#include <string.h>

#include "../vocabulary.h"
#include "../arena.h"
#include "../dates.h"
#include "../eligibility.h"
#include "../workdays.h"
#include "audit.h"
#include "bank_holiday.h"
#include "inbox.h"
#include "receiver.h"
#include "referral_rules.h"
#include "settings.h"

/* An organisation of the send as locked, with the referrals this send gives it so far (counted
 * in against its capacity). */
struct locked_org {
	long long id;
	const char *name;
	bool found;
	long long given;
};

struct send_work {
	const struct referral_send *send;
	struct referral_send_result *result;
	long long *org_ids; /* every receiver once, ascending: the order rows are locked in */
	size_t org_count;
	struct locked_org *orgs; /* as org_ids */
	bool lock;		 /* false: referral_send_check, which only reads */
};

static int compare_ids(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

static struct locked_org *find_org(struct send_work *work, long long id)
{
	for (size_t i = 0; i < work->org_count; i++)
		if (work->orgs[i].id == id)
			return &work->orgs[i];
	return NULL;
}

/* Locks the organisation's row (FOR UPDATE) and reads its name. Every send locks its
 * receivers' rows before it counts or adds their referrals, so sends to one organisation take
 * turns. */
static enum db_status lock_org(struct arena *arena, long long id, bool lock, struct locked_org *out)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	struct db_result row;
	enum db_status status =
		lock ? db_run(arena, &row, "SELECT name FROM organisations WHERE id = ? FOR UPDATE",
			      "i", id)
		     : db_run(arena, &row, "SELECT name FROM organisations WHERE id = ?", "i", id);
	out->found = status == DB_OK && row.rows == 1;
	out->name = out->found ? db_value(&row, 0, 0) : "An organisation that no longer exists";
	return status;
}

/* Whether org may receive issue's referral (receiver_rules, the one loader of the rules): NULL,
 * or the reasons why not in words. These are plain (consistent) reads, made only once EVERY
 * row of the send is locked: the transaction's snapshot is taken at its first plain read, so
 * it includes every referral committed by a send that held one of these locks before us. (A
 * locking read of the referrals would do the same, but its gap locks would make sends to
 * different organisations wait for each other.) */
static enum db_status refusal(struct arena *arena, const struct locked_org *org, long long issue_id,
			      long long sending_org_id, const struct elig_client *client,
			      const char **reason)
{
	*reason = NULL;
	if (!org->found) {
		*reason = "It no longer exists";
		return DB_OK;
	}
	/* the sender too: whether the receiver accepts referrals from it (issue 13) */
	struct receiver_rules q = { .issue_id = issue_id,
				    .client = client,
				    .org_id = org->id,
				    .sending_org_id = sending_org_id,
				    .given = org->given };
	struct receiver *rules;
	bool *accepts;
	size_t count;
	enum db_status status = receiver_rules(arena, &q, &rules, &accepts, &count);
	if (status == DB_OK && count != 1)
		*reason = "It no longer exists";
	else if (status == DB_OK && rules[0].reasons != 0)
		*reason = rules[0].reason_text;
	return status;
}

/* The client as eligibility sees them: the new client's details, or the stored ones. */
static enum db_status read_client(struct arena *arena, const struct referral_send *send,
				  struct elig_client *client, bool *found)
{
	const char *dob = NULL;
	*found = true;
	if (send->client_id == 0) {
		dob = send->new_client->date_of_birth;
		client->gender_id = send->new_client->gender_id;
		client->local_authority_id = send->new_client->local_authority_id;
	} else {
		struct db_result row;
		enum db_status status = db_run(
			arena, &row,
			"SELECT DATE_FORMAT(date_of_birth, '%Y-%m-%d'), COALESCE(gender_id, 0),"
			" COALESCE(local_authority_id, 0) FROM clients WHERE id = ?",
			"i", send->client_id);
		*found = status == DB_OK && row.rows == 1;
		if (!*found)
			return status;
		dob = db_value(&row, 0, 0);
		client->gender_id = db_int(&row, 0, 1, 0);
		client->local_authority_id = db_int(&row, 0, 2, 0);
	}
	struct valid_date date;
	client->age = dob != NULL && valid_date_parse_iso(dob, &date) == NULL
			      ? valid_age_years(date, send->today)
			      : -1;
	return DB_OK;
}

static void add_problem(struct arena *arena, struct referral_send_result *result, size_t most,
			const struct referral_send_issue *issue, const struct locked_org *org,
			const char *reason)
{
	if (result->problems == NULL)
		result->problems = arena_zalloc(arena, (most + 1) * sizeof *result->problems);
	result->problems[result->problem_count++] = (struct referral_problem){
		.issue_id = issue->issue_id,
		.issue_name = issue->issue_name,
		.org_id = org ? org->id : 0,
		.org_name = org ? org->name : "",
		.reason = reason,
	};
	result->outcome = REFERRAL_SEND_REFUSED;
}

/* Every check, before anything is written: the issues still offered, each receiver still
 * eligible, counting the referrals this send gives it against its capacity. Every problem is
 * collected, so the user can fix them all at once. */
static enum db_status check_all(struct arena *arena, struct send_work *work,
				const struct elig_client *client)
{
	const struct referral_send *send = work->send;
	struct referral_send_result *result = work->result;
	size_t most = send->issue_count;
	for (size_t i = 0; i < send->issue_count; i++)
		most += send->issues[i].receiver_count;
	for (size_t i = 0; i < send->issue_count; i++) {
		const struct referral_send_issue *issue = &send->issues[i];
		struct db_result row;
		enum db_status status =
			db_run(arena, &row, "SELECT active FROM issues WHERE id = ?", "i",
			       issue->issue_id);
		if (status != DB_OK)
			return status;
		if (row.rows != 1 || db_int(&row, 0, 0, 0) != 1) {
			add_problem(arena, result, most, issue, NULL,
				    "It is no longer offered for new referrals");
			continue;
		}
		for (size_t r = 0; r < issue->receiver_count; r++) {
			struct locked_org *org = find_org(work, issue->receivers[r]);
			const char *reason = NULL;
			if (org->id == send->sending_org_id)
				reason = "It is the sending organisation";
			else if ((status = refusal(arena, org, issue->issue_id,
						   send->sending_org_id, client, &reason)) != DB_OK)
				return status;
			if (reason != NULL)
				add_problem(arena, result, most, issue, org, reason);
			else
				org->given++; /* this send's referral takes a place */
		}
	}
	return DB_OK;
}

/* Locks (or, checking only, reads) every organisation of the send, then reads the client. */
static enum db_status read_all(struct arena *arena, struct send_work *work,
			       struct elig_client *client, bool *client_found)
{
	for (size_t i = 0; i < work->org_count; i++) {
		enum db_status status =
			lock_org(arena, work->org_ids[i], work->lock, &work->orgs[i]);
		if (status != DB_OK)
			return status;
	}
	return read_client(arena, work->send, client, client_found);
}

static enum db_status notify_receivers(struct arena *arena, const struct referral_send *send,
				       const struct referral_send_issue *issue,
				       const struct locked_org *org, const char *sender_name,
				       long long referral_id)
{
	const char *subject = arena_printf(arena, "New referral: %s", issue->issue_name);
	const char *body = arena_printf(
		arena, "%sFrom %s to %s. Update it by %s and close it by %s.",
		send->urgent ? "Urgent. " : "", sender_name, org->name,
		dates_long(arena, send->update_due), dates_long(arena, send->close_due));
	const char *link = arena_printf(arena, "/referrals/%lld", referral_id);
	struct inbox_item message = { .kind = inbox_kind_name(INBOX_NEW_REFERRAL),
				      .subject = subject,
				      .body = body,
				      .link = link };
	return inbox_to_org_staff(arena, org->id, &message, NULL);
}

/* One issue: its group, answers, the sender's opt-in, and a referral to each receiver with
 * its timeline event and the receivers' messages. */
static enum db_status send_issue(struct arena *arena, struct send_work *work,
				 const struct referral_send_issue *issue, long long client_id,
				 long long consent_id, const char *sender_name)
{
	const struct referral_send *send = work->send;
	struct db_result inserted;
	enum db_status status = db_run(
		arena, &inserted,
		"INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by,"
		" consent_id, urgent) VALUES (?, ?, ?, ?, ?, ?)",
		"iiiiii", client_id, issue->issue_id, send->sending_org_id, send->staff_id,
		consent_id, (long long)send->urgent);
	if (status != DB_OK)
		return status;
	long long group_id = (long long)inserted.insert_id;
	work->result->groups++;

	for (size_t a = 0; a < issue->answer_count && status == DB_OK; a++) {
		const struct referral_send_answer *answer = &issue->answers[a];
		status = db_run(arena, NULL,
				"INSERT INTO answers (group_id, question_id, position, "
				"question_text, kind, answer)"
				" VALUES (?, NULLIF(?, 0), ?, ?, ?, ?)",
				"iiisss", group_id, answer->question_id, (long long)a,
				answer->question_text, answer->kind, answer->answer);
	}
	if (status != DB_OK)
		return status;

	if (send->notify_acknowledged || send->notify_closed || send->notify_note_added ||
	    send->notify_file_added || send->notify_refused || send->notify_unresolved) {
		status = db_run(arena, NULL,
				"INSERT INTO referral_subscriptions (group_id, staff_id, "
				"acknowledged, closed,"
				" note_added, file_added, refused, unresolved)"
				" VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				"iiiiiiii", group_id, send->staff_id,
				(long long)send->notify_acknowledged,
				(long long)send->notify_closed, (long long)send->notify_note_added,
				(long long)send->notify_file_added, (long long)send->notify_refused,
				(long long)send->notify_unresolved);
		if (status != DB_OK)
			return status;
	}

	for (size_t r = 0; r < issue->receiver_count; r++) {
		const struct locked_org *org = find_org(work, issue->receivers[r]);
		status = db_run(
			arena, &inserted,
			"INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id,"
			" receiving_org_id, created_by, urgent, status, update_due, close_due)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?, ?)",
			"iiiiiiiss", group_id, client_id, issue->issue_id, send->sending_org_id,
			org->id, send->staff_id, (long long)send->urgent, send->update_due,
			send->close_due);
		if (status != DB_OK)
			return status;
		long long referral_id = (long long)inserted.insert_id;
		work->result->referrals++;
		struct audit_entry event = {
			.staff_id = send->staff_id,
			.organisation_id = send->sending_org_id,
			.action = event_name(EVENT_SENT),
			.subject_type = "referral",
			.subject_id = referral_id,
			.new_value = "new",
			.detail = arena_printf(arena, "Sent by %s to %s for %s%s", sender_name,
					       org->name, issue->issue_name,
					       send->urgent ? " (urgent)" : ""),
			.remote_addr = send->remote_addr,
		};
		status = audit_record(arena, &event);
		if (status == DB_OK)
			status =
				notify_receivers(arena, send, issue, org, sender_name, referral_id);
		if (status != DB_OK)
			return status;
	}
	return DB_OK;
}

/* The new client (with its event) unless the send is for a stored one, and the consent the
 * sender records now. */
static enum db_status record_client(struct arena *arena, const struct referral_send *send,
				    long long *client_id, long long *consent_id)
{
	enum db_status status;
	if (*client_id == 0) {
		status = client_create(arena, send->new_client, send->staff_id, client_id);
		if (status != DB_OK)
			return status;
		struct audit_entry created = { .staff_id = send->staff_id,
					       .organisation_id = send->sending_org_id,
					       .action = "client.create",
					       .subject_type = "client",
					       .subject_id = *client_id,
					       .detail = "Created with a referral",
					       .remote_addr = send->remote_addr };
		status = audit_record(arena, &created);
		if (status != DB_OK)
			return status;
	}
	struct db_result inserted;
	status = db_run(
		arena, &inserted,
		"INSERT INTO consents (client_id, organisation_id, recorded_by, given_by_client,"
		" consentor_name, consentor_relationship) VALUES (?, ?, ?, ?, ?, ?)",
		"iiiiss", *client_id, send->sending_org_id, send->staff_id,
		(long long)send->consent_by_client,
		send->consent_by_client ? "" : send->consentor_name,
		send->consent_by_client ? "" : send->consentor_relationship);
	*consent_id = status == DB_OK ? (long long)inserted.insert_id : 0;
	return status;
}

static enum db_status send_work(struct arena *arena, void *context)
{
	struct send_work *work = context;
	const struct referral_send *send = work->send;
	struct referral_send_result *result = work->result;
	/* a retried transaction starts again from nothing */
	memset(result, 0, sizeof *result);

	/* 1. the idempotency key: the draft, locked; once sent, never again */
	struct db_result draft;
	enum db_status status =
		db_run(arena, &draft,
		       "SELECT sent_at IS NOT NULL, COALESCE(client_id, 0) FROM drafts"
		       " WHERE id = ? AND staff_id = ? AND organisation_id = ? FOR UPDATE",
		       "iii", send->draft_id, send->staff_id, send->draft_org_id);
	if (status != DB_OK)
		return status;
	if (draft.rows != 1) {
		result->outcome = REFERRAL_SEND_NOT_FOUND;
		return DB_OK;
	}
	if (db_int(&draft, 0, 0, 0) == 1) {
		result->outcome = REFERRAL_SEND_ALREADY_SENT;
		result->client_id = db_int(&draft, 0, 1, 0);
		return DB_OK;
	}

	/* 2. the rows of every receiver and of the sender locked, in id order, then read. The
	 * sender's row too: the rows written below refer to it, which takes a shared lock on it,
	 * and a send from another organisation to this one may hold it; taking every lock in one
	 * order means two sends never wait for each other in a circle. */
	struct elig_client client = { 0 };
	bool client_found = false;
	status = read_all(arena, work, &client, &client_found);
	if (status != DB_OK)
		return status;
	if (!client_found) {
		result->outcome = REFERRAL_SEND_CLIENT_GONE;
		return DB_OK;
	}
	status = check_all(arena, work, &client);
	if (status != DB_OK || result->outcome != REFERRAL_SEND_DONE)
		return status; /* nothing written: the commit only ends the locks */

	/* 3. the client, and 4. the consent, recorded now by the sender */
	long long client_id = send->client_id, consent_id = 0;
	status = record_client(arena, send, &client_id, &consent_id);
	if (status != DB_OK)
		return status;
	result->client_id = client_id;

	struct db_result sender;
	status = db_run(arena, &sender, "SELECT name FROM organisations WHERE id = ?", "i",
			send->sending_org_id);
	if (status != DB_OK)
		return status;
	const char *sender_name = sender.rows == 1 ? db_value(&sender, 0, 0) : "";

	/* 5. a group per issue, a referral per receiver, answers, events, opt-in, messages */
	for (size_t i = 0; i < send->issue_count && status == DB_OK; i++)
		status = send_issue(arena, work, &send->issues[i], client_id, consent_id,
				    sender_name);
	if (status != DB_OK)
		return status;

	/* 6. the client is visible to the sender and every receiver (org_ids holds them all) */
	for (size_t i = 0; i < work->org_count && status == DB_OK; i++)
		status = client_grant_visibility(arena, client_id, work->org_ids[i]);
	if (status != DB_OK)
		return status;

	/* 7. the draft is sent: what was typed has become the records above */
	status = db_run(
		arena, NULL,
		"UPDATE drafts SET sent_at = UTC_TIMESTAMP(), client_id = ?, step = 'summary',"
		" updated_at = UTC_TIMESTAMP() WHERE id = ?",
		"ii", client_id, send->draft_id);
	if (status == DB_OK)
		status = db_run(arena, NULL, "DELETE FROM draft_values WHERE draft_id = ?", "i",
				send->draft_id);
	return status;
}

/* The organisations of the send, each once, in id order: the sender and the receivers. */
static void collect_orgs(struct arena *arena, const struct referral_send *send,
			 struct send_work *work)
{
	size_t total = 1;
	for (size_t i = 0; i < send->issue_count; i++)
		total += send->issues[i].receiver_count;
	work->org_ids = arena_alloc(arena, total * sizeof *work->org_ids);
	work->org_count = 0;
	work->org_ids[work->org_count++] = send->sending_org_id; /* locked too: see send_work */
	for (size_t i = 0; i < send->issue_count; i++)
		for (size_t r = 0; r < send->issues[i].receiver_count; r++)
			work->org_ids[work->org_count++] = send->issues[i].receivers[r];
	qsort(work->org_ids, work->org_count, sizeof *work->org_ids, compare_ids);
	size_t unique = 0;
	for (size_t i = 0; i < work->org_count; i++)
		if (unique == 0 || work->org_ids[unique - 1] != work->org_ids[i])
			work->org_ids[unique++] = work->org_ids[i];
	work->org_count = unique;
	work->orgs = arena_zalloc(arena, (unique + 1) * sizeof *work->orgs);
}

enum db_status referral_send(struct arena *arena, const struct referral_send *send,
			     struct referral_send_result *result)
{
	memset(result, 0, sizeof *result);
	if (send->client_id == 0 && send->new_client == NULL)
		return DB_ERROR;
	struct send_work work = { .send = send, .result = result, .lock = true };
	collect_orgs(arena, send, &work);
	return db_transaction(arena, send_work, &work);
}

static enum db_status check_work(struct arena *arena, void *context)
{
	struct send_work *work = context;
	memset(work->result, 0, sizeof *work->result);
	struct elig_client client = { 0 };
	bool client_found = false;
	enum db_status status = read_all(arena, work, &client, &client_found);
	if (status != DB_OK)
		return status;
	if (!client_found) {
		work->result->outcome = REFERRAL_SEND_CLIENT_GONE;
		return DB_OK;
	}
	return check_all(arena, work, &client);
}

enum db_status referral_send_check(struct arena *arena, const struct referral_send *send,
				   struct referral_send_result *result)
{
	memset(result, 0, sizeof *result);
	if (send->client_id == 0 && send->new_client == NULL)
		return DB_ERROR;
	struct send_work work = { .send = send, .result = result, .lock = false };
	collect_orgs(arena, send, &work);
	/* one snapshot for every read */
	return db_transaction(arena, check_work, &work);
}

enum db_status referral_due_dates(struct arena *arena, bool urgent, struct valid_date today,
				  struct referral_due *out)
{
	memset(out, 0, sizeof *out);
	struct settings_timeframes timeframes;
	enum db_status status = settings_load_timeframes(arena, &timeframes);
	if (status != DB_OK)
		return status;
	out->update_days = urgent ? timeframes.urgent_update : timeframes.update;
	out->close_days = urgent ? timeframes.urgent_close : timeframes.close;
	long long longest = out->update_days > out->close_days ? out->update_days : out->close_days;
	if (longest < 0)
		longest = 0;
	workdays_day start = workdays_from_ymd(today.year, today.month, today.day);
	/* n working days span at most 7/5 n calendar days, plus the holidays in between */
	workdays_day end = start + (workdays_day)(longest * 2 + 60);
	char from[WORKDAYS_ISO_SIZE], to[WORKDAYS_ISO_SIZE];
	workdays_to_iso(start, from);
	workdays_to_iso(end, to);
	struct bank_holiday_list holidays;
	status = bank_holiday_between(arena, from, to, &holidays);
	if (status != DB_OK)
		return status;
	workdays_day *days = arena_alloc(arena, (holidays.count + 1) * sizeof *days);
	size_t count = 0;
	for (size_t i = 0; i < holidays.count; i++)
		if (workdays_from_iso(holidays.items[i].date, &days[count]))
			count++;
	count = workdays_sort_holidays(days, count);
	workdays_to_iso(workdays_add(start, (int)out->update_days, count ? days : NULL, count),
			out->update_due);
	workdays_to_iso(workdays_add(start, (int)out->close_days, count ? days : NULL, count),
			out->close_due);
	return DB_OK;
}

enum db_status referral_org_name(struct arena *arena, long long id, const char **name, bool *found)
{
	struct db_result row;
	enum db_status status =
		db_run(arena, &row, "SELECT name FROM organisations WHERE id = ?", "i", id);
	*found = status == DB_OK && row.rows == 1;
	*name = *found ? db_value(&row, 0, 0) : "";
	return status;
}
