/* The dashboard's figures: each a capped count over one index range, in one statement. */
#include "dashboard.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "referral_rules.h"

#define CAPPED(ROWS) "(SELECT COUNT(*) FROM (SELECT 1 FROM " ROWS " LIMIT ?) capped)"

/* clang-format off */
/* One organisation's: every range starts with the organisation's column. A group's referrals
 * are its sender's (the send writes both), so the unresolved ones are counted on
 * referrals_group alone: checking each referral's sender as well read 1,001 rows, 6 of the
 * figures' 9 ms for a mid-sized organisation at the design scale. */
#define ORG_FIGURES                                                                                \
	"SELECT " CAPPED("referrals FORCE INDEX (referrals_received)"                              \
			 " WHERE receiving_org_id = ? AND status = 'new'") ","                     \
	CAPPED("referrals FORCE INDEX (referrals_received)"                                        \
	       " WHERE receiving_org_id = ? AND status = 'acknowledged'") ","                      \
	CAPPED("referrals r FORCE INDEX (referrals_received_due)"                                  \
	       " WHERE r.receiving_org_id = ? AND " REFERRAL_OVERDUE("r")) ","                     \
	CAPPED("referrals r FORCE INDEX (referrals_received_urgent)"                               \
	       " WHERE r.receiving_org_id = ? AND r.urgent = 1 AND " REFERRAL_OPEN("r")) ","       \
	CAPPED("referrals FORCE INDEX (referrals_sent)"                                            \
	       " WHERE sending_org_id = ? AND status = 'new'") ","                                 \
	CAPPED("referrals r FORCE INDEX (referrals_sent_due)"                                      \
	       " WHERE r.sending_org_id = ? AND " REFERRAL_OVERDUE("r")) ","                       \
	CAPPED("referral_groups g FORCE INDEX (referral_groups_sender)"                            \
	       " STRAIGHT_JOIN referrals s ON s.group_id = g.id"                                   \
	       " WHERE g.sending_org_id = ? AND g.unresolved = 1")
/* Every organisation's: the same ranges without the organisation (sql/017_list_urgent.sql) */
#define ALL_FIGURES                                                                                \
	"SELECT " CAPPED("referrals FORCE INDEX (referrals_due) WHERE status = 'new'") ","         \
	CAPPED("referrals FORCE INDEX (referrals_due) WHERE status = 'acknowledged'") ","          \
	CAPPED("referrals r FORCE INDEX (referrals_due_order) WHERE " REFERRAL_OVERDUE("r")) ","   \
	CAPPED("referrals r FORCE INDEX (referrals_urgent)"                                    \
	       " WHERE r.urgent = 1 AND " REFERRAL_OPEN("r")) ","                                  \
	CAPPED("referral_groups g FORCE INDEX (referral_groups_unresolved)"                        \
	       " STRAIGHT_JOIN referrals s ON s.group_id = g.id WHERE g.unresolved = 1")
/* clang-format on */

static void read_figures(const struct db_result *r, bool all, struct dashboard_figures *out)
{
	out->received_new = db_int(r, 0, 0, 0);
	out->received_acknowledged = db_int(r, 0, 1, 0);
	out->received_overdue = db_int(r, 0, 2, 0);
	out->received_urgent = db_int(r, 0, 3, 0);
	if (all) { /* every referral is both: the sent side repeats the received one */
		out->sent_awaiting = out->received_new;
		out->sent_overdue = out->received_overdue;
		out->sent_unresolved = db_int(r, 0, 4, 0);
		return;
	}
	out->sent_awaiting = db_int(r, 0, 4, 0);
	out->sent_overdue = db_int(r, 0, 5, 0);
	out->sent_unresolved = db_int(r, 0, 6, 0);
}

static enum db_status read_dashboard_figures(struct arena *arena, long long org_id,
					     const char *today, struct dashboard_figures *out)
{
	*out = (struct dashboard_figures){ 0 };
	long long cap = REFERRAL_COUNT_CAP + 1;
	struct db_result r;
	enum db_status st;
	if (org_id == 0)
		st = db_run(arena, &r, ALL_FIGURES, "iisiii", cap, cap, today, cap, cap, cap);
	else
		st = db_run(arena, &r, ORG_FIGURES, "iiiiisiiiiiisiii", org_id, cap, org_id, cap,
			    org_id, today, cap, org_id, cap, org_id, cap, org_id, today, cap,
			    org_id, cap);
	if (st != DB_OK)
		return st;
	if (r.rows == 1)
		read_figures(&r, org_id == 0, out);
	return DB_OK;
}

/* This worker's copies of organisations' dashboards, each as of its organisation's generation
 * (sql/080_referral_generations.sql) and one day and clock: the copy answers while all are
 * the same, so the home page reads one number instead of the figures' 14,000 index entries
 * and the charts' 700 rows. A copy lives in the slot of its organisation's id: a worker
 * serving more organisations than slots reads again what another took, never a wrong copy.
 * Every organisation's (org_id 0, an administrator's choice) has a slot of its own, kept by
 * the sum of all the numbers. */
enum { DASHBOARD_COPIES = 256, DASHBOARD_COPY_DAYS = 32 };
struct dashboard_copy_day {
	char day[sizeof "YYYY-MM-DD"];
	long long count;
};
struct dashboard_copy {
	bool whole; /* false: an empty slot, or one being written */
	long long org_id;
	unsigned long long generation;
	char today[sizeof "YYYY-MM-DD"]; /* which sets the charts' first day, clock->since */
	char switch_at[sizeof "YYYY-MM-DD HH:MM:SS"]; /* a clock change today moves it */
	struct dashboard_figures figures;
	struct dashboard_copy_day days[2][DASHBOARD_COPY_DAYS]; /* received, sent */
	size_t day_count[2];
};
static struct dashboard_copy dashboard_copies[DASHBOARD_COPIES], every_organisations_copy;

static struct dashboard_copy *copy_slot(long long org_id)
{
	return org_id == 0 ? &every_organisations_copy
			   : &dashboard_copies[org_id % DASHBOARD_COPIES];
}

static bool copy_is_of(const struct dashboard_copy *copy, long long org_id,
		       unsigned long long generation, const char *today,
		       const struct referral_local_clock *clock)
{
	return copy->whole && copy->org_id == org_id && copy->generation == generation &&
	       strcmp(copy->today, today) == 0 && strcmp(copy->switch_at, clock->switch_at) == 0;
}

static bool copy_text(char *to, size_t size, const char *text)
{
	size_t len = strlen(text);
	if (len >= size)
		return false;
	memcpy(to, text, len + 1);
	return true;
}

static void keep_copy(long long org_id, unsigned long long generation, const char *today,
		      const struct referral_local_clock *clock, const struct dashboard *d)
{
	struct dashboard_copy *copy = copy_slot(org_id);
	copy->whole = false;
	const struct referral_day_counts *sides[2] = { &d->received, &d->sent };
	for (int side = 0; side < 2; side++) {
		if (sides[side]->count > DASHBOARD_COPY_DAYS)
			return;
		for (size_t i = 0; i < sides[side]->count; i++) {
			if (!copy_text(copy->days[side][i].day, sizeof copy->days[side][i].day,
				       sides[side]->items[i].day))
				return;
			copy->days[side][i].count = sides[side]->items[i].count;
		}
		copy->day_count[side] = sides[side]->count;
	}
	if (!copy_text(copy->today, sizeof copy->today, today) ||
	    !copy_text(copy->switch_at, sizeof copy->switch_at, clock->switch_at))
		return;
	copy->figures = d->figures;
	copy->generation = generation;
	copy->org_id = org_id;
	copy->whole = true;
}

/* The copy's days, in the request's arena (the slot may be taken by the next request). */
static void days_of_copy(struct arena *arena, const struct dashboard_copy *copy, int side,
			 struct referral_day_counts *out)
{
	out->items = arena_zalloc(arena, (copy->day_count[side] + 1) * sizeof *out->items);
	out->count = copy->day_count[side];
	for (size_t i = 0; i < out->count; i++)
		out->items[i] = (struct referral_day_count){
			.day = arena_strdup(arena, copy->days[side][i].day),
			.count = copy->days[side][i].count,
		};
}

static enum db_status read_dashboard(struct arena *arena, long long org_id, const char *today,
				     const struct referral_local_clock *clock,
				     struct dashboard *out)
{
	enum db_status st = read_dashboard_figures(arena, org_id, today, &out->figures);
	if (st != DB_OK)
		return st;
	/* org_id 0, every organisation, has the received side only (sql/075) */
	st = referral_daily_counts(arena, org_id, clock, &out->received, &out->sent);
	if (st == DB_OK && org_id == 0)
		out->sent = out->received;
	return st;
}

enum db_status dashboard_read(struct arena *arena, long long org_id,
			      const struct referral_generation *known, const char *today,
			      const struct referral_local_clock *clock, struct dashboard *out)
{
	*out = (struct dashboard){ 0 };
	if (org_id < 0) /* not an organisation (the slots are by id): nothing to keep */
		return read_dashboard(arena, org_id, today, clock, out);
	/* the number first (the session statement's, when of org_id): a change committed after
	 * it makes the copy older than its number, which the next request reads again. Every
	 * organisation's is the sum of their numbers rather than one number of its own, which
	 * every referral write anywhere would have to take in turn. */
	unsigned long long generation;
	enum db_status st = referral_generation_read(arena, org_id, known, &generation);
	if (st != DB_OK)
		return st;
	const struct dashboard_copy *copy = copy_slot(org_id);
	if (copy_is_of(copy, org_id, generation, today, clock)) {
		out->figures = copy->figures;
		days_of_copy(arena, copy, 0, &out->received);
		days_of_copy(arena, copy, 1, &out->sent);
		return DB_OK;
	}
	st = read_dashboard(arena, org_id, today, clock, out);
	if (st == DB_OK)
		keep_copy(org_id, generation, today, clock, out);
	return st;
}

enum db_status dashboard_prune_hour_counts(struct arena *arena, const char *now, long long *deleted)
{
	*deleted = 0;
	/* in batches through referral_hour_counts_hour: a day's worth is at most 500
	 * organisations × 2 sides × 24 hours, but a job stopped for months leaves months of
	 * them, too large for one Galera write set */
	enum { BATCH = 10000 };
	for (;;) {
		struct db_result r;
		enum db_status st =
			db_run(arena, &r,
			       "DELETE FROM referral_hour_counts"
			       " WHERE hour_at < ? - INTERVAL ? DAY ORDER BY hour_at LIMIT ?",
			       "sii", now, (long long)DASHBOARD_HOUR_COUNTS_DAYS, (long long)BATCH);
		if (st != DB_OK)
			return st;
		*deleted += (long long)r.affected;
		if (r.affected < BATCH)
			return DB_OK;
	}
}
