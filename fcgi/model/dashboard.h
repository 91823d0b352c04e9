/* The dashboard's figures (issue 12 point 6): what the organisation received (New,
 * Acknowledged, Overdue, Urgent) and what it sent (awaiting acknowledgement, Overdue,
 * Unresolved), or every organisation's for an administrator; and the daily counts of every
 * organisation for the charts. Each figure is one index range, all of them one round trip. */
#ifndef REFERRALS_MODEL_DASHBOARD_H
#define REFERRALS_MODEL_DASHBOARD_H

#include "../db.h"
#include "referral_generation.h"
#include "referral_list.h"

struct dashboard_figures {
	long long received_new;
	long long received_acknowledged;
	long long received_overdue;
	long long received_urgent; /* open and urgent */
	long long sent_awaiting;   /* sent and still New: nobody has acknowledged it */
	long long sent_overdue;
	long long sent_unresolved; /* referrals of the organisation's unresolved groups */
};

struct dashboard {
	struct dashboard_figures figures;
	struct referral_day_counts received, sent; /* per local day, as referral_daily_counts */
};

/* The figures and charts of org_id, or of every organisation when org_id is 0
 * (administrators: then each referral is both received and sent). today "YYYY-MM-DD", the
 * local day the figures' Overdue is counted on; clock the charts' days (referral_daily_counts).
 * Each figure is at most REFERRAL_COUNT_CAP + 1, as the lists they open count.
 *
 * An organisation's come from this worker's copy while its referrals' generation
 * (sql/080_referral_generations.sql), today and clock are those the copy was read at: one
 * point lookup then, and a change made anywhere (any worker, host, job or hand-made SQL) is
 * seen by the next request. known: the number if this request read it already (the
 * session's), else it is read. Every organisation's are read afresh each time. */
enum db_status dashboard_read(struct arena *arena, long long org_id,
			      const struct referral_generation *known, const char *today,
			      const struct referral_local_clock *clock, struct dashboard *out);

/* How many days of hourly counts sql/075_referral_hour_counts.sql keeps (its triggers count
 * only referrals created within them): more than the charts' 30 local days. */
#define DASHBOARD_HOUR_COUNTS_DAYS 40

/* The scheduled job's step: deletes the hourly counts older than DASHBOARD_HOUR_COUNTS_DAYS
 * before now ("YYYY-MM-DD HH:MM:SS" UTC), which no chart reads; *deleted how many. */
enum db_status dashboard_prune_hour_counts(struct arena *arena, const char *now,
					   long long *deleted);

#endif
