/* The rules "open", "closed", "overdue" and "consent expired" of a referral as SQL fragments,
 * one home for every statement that needs them. The first three read referrals.due_order
 * (sql/014_list_indexes.sql): the due date of the current state, or CLOSED_DUE for every
 * closed state, so each rule is a range of an index that leads with the organisation and
 * due_order. The same rules for a row already read are in fcgi/vocabulary.h. */
#ifndef REFERRALS_MODEL_REFERRAL_RULES_H
#define REFERRALS_MODEL_REFERRAL_RULES_H

#define REFERRAL_CLOSED_DUE "'9999-12-31'"
/* New or Acknowledged */
#define REFERRAL_OPEN(alias) alias ".due_order < " REFERRAL_CLOSED_DUE
/* How many open referrals the organisation org (an SQL expression of the outer statement,
 * "o.id") has received: the same rule as REFERRAL_OPEN, for a dependent subquery. There
 * MariaDB reads REFERRAL_OPEN's range as every referral the organisation ever received (the
 * receivers step read 344,618 index entries at the design scale, 45 ms), while an equality on
 * both leading keys of referrals_received reads only the open ones (20 times faster). */
/* clang-format off */
#define REFERRAL_OPEN_RECEIVED_COUNT(org)                                                          \
	"((SELECT COUNT(*) FROM referrals open_new FORCE INDEX (referrals_received)"               \
	"   WHERE open_new.receiving_org_id = " org " AND open_new.status = 'new')"                \
	" + (SELECT COUNT(*) FROM referrals open_ack FORCE INDEX (referrals_received)"             \
	"   WHERE open_ack.receiving_org_id = " org " AND open_ack.status = 'acknowledged'))"
/* clang-format on */
/* any other status */
#define REFERRAL_CLOSED(alias) alias ".due_order = " REFERRAL_CLOSED_DUE
/* past the due date of its state; binds one parameter, today as "YYYY-MM-DD" (the C twin,
 * for a row already read, is referral_is_overdue in fcgi/vocabulary.h) */
#define REFERRAL_OVERDUE(alias) alias ".due_order < ?"
/* overdue and not yet told (sql/015_jobs_scale.sql: overdue_pending is the due date of its
 * state until the job has sent the notice for that date); binds today, as REFERRAL_OVERDUE */
#define REFERRAL_OVERDUE_UNNOTICED(alias) alias ".overdue_pending < ?"

/* The consent alias (a consents row) has expired by now (an SQL expression: UTC_TIMESTAMP(),
 * or ? for the job's clock): it was recorded the consent_expiry_days setting or more days
 * before. Binds that setting once; 0 or less never expires (INTERVAL NULL DAY is NULL, and
 * so is the comparison), as the job has always read it (the settings page allows 1 or more). */
/* clang-format off */
#define REFERRAL_CONSENT_EXPIRED(alias, now)                                                       \
	"(" alias ".recorded_at < " now " - INTERVAL NULLIF(GREATEST(?, 0), 0) DAY)"
/* clang-format on */

#endif
