/* Inactive staff (issue 15, point 6): the scheduled job deactivates staff who have not signed
 * in for staff_inactive_days (counted from their last sign-in, or from when they were added or
 * last reactivated if later: sql/066_privacy.sql's staff.active_since), ends their sessions
 * and audits it ("staff.deactivated_inactive"). Administrators are left (someone must be able
 * to reactivate the rest). An administrator reactivates them on the
 * staff page, which starts the count again. */
#ifndef REFERRALS_MODEL_INACTIVITY_H
#define REFERRALS_MODEL_INACTIVITY_H

#include <stdio.h>

#include "../db.h"

typedef enum db_status (*inactivity_leased)(void *run, db_work work, void *context);
/* now: the job's clock (UTC "YYYY-MM-DD HH:MM:SS"); one transaction per person through
 * leased; prints its line to out. */
enum db_status inactivity_step(struct arena *arena, const char *now, inactivity_leased leased,
			       void *run, FILE *out);

#endif
