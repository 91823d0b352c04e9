/* SQL for referral_access: one primary-key lookup. */
#include "referral_access.h"

enum db_status referral_access(struct arena *arena, long long referral_id, long long org_id,
			       bool is_admin, enum referral_role *role)
{
	struct db_result result;
	enum db_status status = db_run(arena, &result,
				       "SELECT sending_org_id = ?, receiving_org_id = ? FROM referrals WHERE id = ?",
				       "iii", org_id, org_id, referral_id);
	*role = REFERRAL_NONE;
	if (status != DB_OK || result.rows == 0)
		return status;
	if (db_int(&result, 0, 0, 0) == 1)
		*role = REFERRAL_SENDER;
	else if (db_int(&result, 0, 1, 0) == 1)
		*role = REFERRAL_RECEIVER;
	else if (is_admin)
		*role = REFERRAL_ADMIN;
	return DB_OK;
}
