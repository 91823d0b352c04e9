/* An organisation's referral generation: the session statement's, or one point lookup; every
 * organisation's: the sum of all of them. */
#include "referral_generation.h"

#include <stdlib.h>

enum db_status referral_generation_read(struct arena *arena, long long org_id,
					const struct referral_generation *known,
					unsigned long long *number)
{
	if (known != NULL && known->org_id != 0 && known->org_id == org_id) {
		*number = known->number;
		return DB_OK;
	}
	struct db_result r;
	/* every number only goes up (a row starts at 1 and is never deleted), so their sum
	 * moves whenever any one does: 500 rows of two numbers at the design scale */
	enum db_status st =
		org_id == 0
			? db_run(arena, &r, "SELECT SUM(generation) FROM referral_generations", "")
			: db_run(arena, &r,
				 "SELECT generation FROM referral_generations"
				 " WHERE organisation_id = ?",
				 "i", org_id);
	if (st != DB_OK)
		return st;
	const char *value = r.rows == 1 ? db_value(&r, 0, 0) : NULL;
	*number = value != NULL ? strtoull(value, NULL, 10) : 0;
	return DB_OK;
}
