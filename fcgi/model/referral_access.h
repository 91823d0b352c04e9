/* Who may see a referral, and as what: the one authorisation question every referral page,
 * note, file and AJAX endpoint asks before reading anything else, with the two rules that
 * limit a party's reach (PRODUCT.md "Consent", "Working a referral"):
 *  - consent expired: while the group's consent is older than the consent expiry setting,
 *    both sides (and administrators) see only who the client is and the referral's state:
 *    no contact details, answers, notes or files, and nothing of them is added or changed,
 *    until the sender renews consent (the renewal itself stays open to the sender);
 *  - read-only: a receiver whose referral was Removed (another organisation took the group)
 *    may still read it but adds no notes or files. */
#ifndef REFERRALS_MODEL_REFERRAL_ACCESS_H
#define REFERRALS_MODEL_REFERRAL_ACCESS_H

#include <stdbool.h>

#include "../db.h"
#include "scope.h"

enum referral_role {
	REFERRAL_NONE,	   /* not party to it: answer 404, as if it did not exist */
	REFERRAL_SENDER,   /* the active organisation sent it */
	REFERRAL_RECEIVER, /* the active organisation received it */
	REFERRAL_ADMIN,	   /* a system administrator who is neither */
};

struct referral_access {
	enum referral_role role;
	bool consent_expired; /* the group's consent has expired (REFERRAL_CONSENT_EXPIRED) */
	bool read_only;	      /* no notes or files may be added: consent expired, or the referral
				 ended (referral_ended_reason) */
	const char *ended_reason; /* referral_ended_reason's sentence, or NULL */
	long long client_id;
	/* issue 15: the client's details were removed (read_only too): when (UTC) and how,
	 * "retention" or "erasure"; NULL when they were not */
	const char *redacted_at, *redaction_kind;
};

/* Why nothing more may be added to a referral in this status (status as stored): Closed and
 * Withdrawn referrals are finished records for both parties, and a Removed one for its
 * receiver. A sentence for the reader, or NULL while notes and files may still be added. */
const char *referral_ended_reason(enum referral_role role, const char *status);

/* The read-only rule: nothing may be added while the consent has expired, nor once the
 * referral has ended (referral_ended_reason). referral_access_get also makes a referral
 * whose client was redacted read-only (issue 15). */
bool referral_read_only(enum referral_role role, const char *status, bool consent_expired);

/* The scope's part in referral_id (sender wins if it is both), and its limits. */
enum db_status referral_access_get(struct arena *arena, long long referral_id,
				   const struct scope *scope, struct referral_access *out);

#endif
