/* SQL for referral_access: one primary-key lookup with the group's consent. */
#include "referral_rules.h"
#include "referral_access.h"

#include <string.h>

#include "../vocabulary.h"
#include "settings.h"

const char *referral_ended_reason(enum referral_role role, const char *status)
{
	switch (status_from_name(status)) {
	case STATUS_CLOSED:
		return "This referral is closed, so it is read-only: nothing more can be added to "
		       "it.";
	case STATUS_WITHDRAWN:
		return "This referral was withdrawn, so it is read-only: nothing more can be added "
		       "to "
		       "it.";
	case STATUS_REMOVED:
		/* the sender keeps writing on the group through the referral that was taken; a
		 * Removed row is only ever the receiver's dead end */
		if (role == REFERRAL_RECEIVER)
			return "This referral was removed when another organisation took its "
			       "group, "
			       "so it is read-only: nothing more can be added to it.";
		return NULL;
	default:
		return NULL;
	}
}

bool referral_read_only(enum referral_role role, const char *status, bool consent_expired)
{
	return consent_expired || referral_ended_reason(role, status) != NULL;
}

enum db_status referral_access_get(struct arena *arena, long long referral_id,
				   const struct scope *scope, struct referral_access *out)
{
	memset(out, 0, sizeof *out);
	out->role = REFERRAL_NONE;
	long long days;
	enum db_status status = settings_get(arena, SETTING_CONSENT_EXPIRY_DAYS, &days);
	struct db_result result;
	if (status == DB_OK)
		status = db_run(
			arena, &result,
			"SELECT r.sending_org_id = ?, r.receiving_org_id = ?, r.status, "
			"r.client_id,"
			" COALESCE(" REFERRAL_CONSENT_EXPIRED(
				"k", "UTC_TIMESTAMP()") ", 0),"
							" DATE_FORMAT(c.redacted_at, '%Y-%m-%d "
							"%H:%i:%s'), c.redaction_kind"
							" FROM referrals r JOIN referral_groups g "
							"ON g.id = r.group_id"
							" JOIN clients c ON c.id = r.client_id"
							" LEFT JOIN consents k ON k.id = "
							"g.consent_id WHERE r.id = ?",
			"iiii", scope->org_id, scope->org_id, days, referral_id);
	if (status != DB_OK || result.rows == 0)
		return status;
	if (db_int(&result, 0, 0, 0) == 1)
		out->role = REFERRAL_SENDER;
	else if (db_int(&result, 0, 1, 0) == 1)
		out->role = REFERRAL_RECEIVER;
	else if (scope->admin)
		out->role = REFERRAL_ADMIN;
	else
		return DB_OK; /* not party to it: nothing of it leaves this function */
	out->client_id = db_int(&result, 0, 3, 0);
	out->consent_expired = db_int(&result, 0, 4, 0) == 1;
	out->ended_reason = referral_ended_reason(out->role, db_value(&result, 0, 2));
	const char *redacted_at = db_value(&result, 0, 5); /* NULL: not redacted */
	if (redacted_at != NULL && redacted_at[0] != '\0') {
		out->redacted_at = redacted_at;
		out->redaction_kind = db_value(&result, 0, 6);
	}
	out->read_only =
		out->consent_expired || out->ended_reason != NULL || out->redacted_at != NULL;
	return DB_OK;
}
