/* Referrals: reading one with its group and timeline, and changing its status.
 *
 * Every function here trusts that the caller asked referral_access first (the pages do):
 * none of them checks who may read. The changes check the state and the organisation in
 * their conditional UPDATEs, so a change the state or the role does not allow changes nothing
 * whatever the caller passed. */
#ifndef REFERRALS_MODEL_REFERRAL_H
#define REFERRALS_MODEL_REFERRAL_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "client.h"
#include "referral_access.h"

struct referral {
	long long id;
	long long group_id;
	long long client_id;
	long long issue_id;
	const char *issue_name;
	long long sending_org_id;
	const char *sending_org_name;
	long long receiving_org_id;
	const char *receiving_org_name;
	const char *created_by_name;
	bool urgent;
	const char *status;	/* the ENUM value: "new", "acknowledged", ... */
	const char *update_due; /* "YYYY-MM-DD" */
	const char *close_due;
	const char *closure_reason; /* "" when none */
	const char *status_reason;  /* the refusal reason, "" when none */
	const char *created_at;	    /* UTC "YYYY-MM-DD HH:MM:SS" */
	const char *closed_at;	    /* "" when not closed */
	const char *taken_by_name;  /* the organisation that took the group, "" when none */
	bool unresolved;
	const char *outcome_note; /* the receiver's words on closing, "" when none */
};

/* One referral of a group, as its page lists the group. */
struct referral_member {
	long long id;
	const char *receiving_org_name;
	const char *status;
};

struct referral_answer {
	const char *question;
	const char *kind;
	const char *answer;
};

struct referral_event {
	const char *occurred_at; /* UTC "YYYY-MM-DD HH:MM:SS" */
	const char *action;	 /* "referral.acknowledged", ... */
	const char *staff_name;	 /* "" when the system did it */
	const char *org_name;	 /* "" when none */
	const char *new_value;
	const char *detail;
};

/* The referral, when scope is party to it or is an administrator's: *found false otherwise,
 * exactly as for an id that does not exist. */
enum db_status referral_get(struct arena *arena, long long id, const struct scope *scope,
			    struct referral *out, bool *found);

/* Everything the referral's page shows in its first row, read for the scope: role
 * REFERRAL_NONE (and nothing else filled) when it is not party to it and not an
 * administrator's, or when there is no such referral. The consent expires
 * consent_expiry_days after it was recorded (0: never), by referral_access's rule. */
/* Who gave the group's consent (the client, or someone for them) and who recorded it. */
struct referral_consent_detail {
	bool given_by_client;
	const char *consentor_name; /* when not given by the client */
	const char *consentor_relationship;
	const char *recorded_by;  /* the staff member's name */
	const char *recorded_for; /* their organisation's name */
};

struct referral_view {
	enum referral_role role;
	struct referral referral;
	struct client client;
	bool client_found;
	struct client_consent consent;
	bool consent_found;
	struct referral_consent_detail consent_detail; /* when consent_found */
};
enum db_status referral_view_get(struct arena *arena, long long id, const struct scope *scope,
				 long long consent_expiry_days, struct referral_view *out);

/* The group's referrals in id order (this one included), the questionnaire answers of the
 * group in order, and every event of the referral and of its group, oldest first. */
struct referral_history {
	struct referral_member *members;
	size_t member_count;
	struct referral_answer *answers;
	size_t answer_count;
	struct referral_event *events;
	size_t event_count;
};
enum db_status referral_history(struct arena *arena, long long id, long long group_id,
				struct referral_history *out);

enum referral_verb {
	REFERRAL_ACKNOWLEDGE, /* receiver: new → acknowledged; takes the group */
	REFERRAL_REFUSE,      /* receiver: new → refused, with a reason */
	REFERRAL_CLOSE,	      /* receiver: acknowledged → closed, with a closure reason */
	REFERRAL_WITHDRAW,    /* sender: new or acknowledged → withdrawn */
};

enum referral_outcome {
	REFERRAL_CHANGED,
	REFERRAL_WRONG_STATE, /* the state (or the organisation) does not allow it: nothing changed
			       */
	REFERRAL_TAKEN,	      /* acknowledge: another organisation took the group first */
	REFERRAL_BAD_REASON,  /* close: the closure reason does not exist or is retired */
};

struct referral_change {
	long long referral_id;
	enum referral_verb verb;
	long long staff_id;
	long long org_id;   /* the active organisation: the receiver, or the sender to withdraw */
	const char *reason; /* refuse: the reason (validated by the caller) */
	long long closure_reason_id; /* close */
	const char *outcome;	     /* close: the optional outcome note (validated), or NULL */
	const char *remote_addr;
};

/* The rule "unresolved", once: marks group_id Unresolved when every referral of it is Refused
 * or No response (PRODUCT.md "Referral grouping"); *became is true when this call marked it.
 * For the transaction that changed a referral of the group, which holds the group's row
 * lock, so the count sees every change to the group (referral_apply, the job's auto-close). */
enum db_status referral_group_settle(struct arena *arena, long long group_id, bool *became);

/* Makes the change in one transaction: the conditional UPDATE, its event, the group's
 * consequences (acknowledge: taken, the others Removed; refuse: Unresolved when none is left
 * open or closed), and the inbox messages of the sender's subscribers. *outcome says whether
 * it happened; on REFERRAL_TAKEN, *taken_by is the organisation that took the group. */
enum db_status referral_apply(struct arena *arena, const struct referral_change *change,
			      enum referral_outcome *outcome, const char **taken_by);

/* The message to the group's subscribers who opted in to Unresolved (referral_id: the one
 * whose change settled it; now: NULL for the clock, or the job's). */
enum db_status referral_tell_unresolved(struct arena *arena, long long group_id,
					long long referral_id, const char *now);

#endif
