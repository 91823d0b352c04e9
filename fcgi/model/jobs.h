/* The scheduled work (`referrals run-jobs`, run by a systemd timer every 15 minutes): under a
 * lease in the database, so one instance works at a time even on several hosts (each item's
 * transaction renews the lease first, and a run that lost it stops),
 *  - auto-closes New referrals with no update for auto_close_days working days as No response
 *    (with auto_close_reason_id; the group becomes Unresolved when none of it is left open),
 *  - sends each overdue referral's receiving staff one inbox message per due date,
 *  - finds groups whose consent is older than consent_expiry_days, once per consent: an
 *    inbox message to the administrators and the referrer, an event on each referral,
 *  - redacts clients past retention_months (redaction.c) and deactivates staff inactive
 *    for staff_inactive_days (inactivity.c), issue 15.
 * Each part reads only its work, through an index of its own (sql/015_jobs_scale.sql): a run
 * with nothing to do reads a few dozen rows however many referrals there are. */
#ifndef REFERRALS_MODEL_JOBS_H
#define REFERRALS_MODEL_JOBS_H

#include <stdio.h>

struct config;

/* now_override: "YYYY-MM-DD HH:MM:SS" (UTC) for the job's clock, or NULL for the real time.
 * Prints a summary to out. Returns 0 when the work was done or the lease is held by another
 * instance (which is said), 1 when the database failed, another instance took the lease
 * mid-run (the run stops there: "lost the lease to another instance: stopping") or
 * now_override is malformed. */
int jobs_run(const struct config *config, const char *now_override, FILE *out);

#endif
