/* The dashboard's figures: each a capped count over one index range, in one statement. */
#include "dashboard.h"

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

enum db_status dashboard_figures(struct arena *arena, long long org_id, const char *today,
				 struct dashboard_figures *out)
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
