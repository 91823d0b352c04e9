/* Whether an organisation may be offered a referral for one issue of one client, and the
 * reasons, in words for staff, when it may not (PRODUCT.md "Creating a referral", step 3). */
#ifndef REFERRALS_ELIGIBILITY_H
#define REFERRALS_ELIGIBILITY_H

#include <stdbool.h>
#include <stddef.h>

/* An organisation as the model read it. The id arrays belong to the caller; an array may be
 * NULL when its count is 0. */
struct elig_org {
	bool active;
	bool accepting;		    /* accepting referrals at the moment */
	long long capacity;	    /* the most open referrals at once; negative: no limit */
	long long open_referrals;   /* open now (New or Acknowledged) */
	const long long *issue_ids; /* the issues it handles */
	size_t issue_count;
	int min_age, max_age; /* inclusive, in whole years; negative: no limit that side */
	bool all_genders;     /* true: gender_ids is not consulted */
	const long long *gender_ids;
	size_t gender_count;
	bool all_local_authorities; /* true: local_authority_ids is not consulted */
	const long long *local_authority_ids;
	size_t local_authority_count;
	/* Accepted senders (issue 13): false accepts every sending organisation; true only those
	 * in sender_ids, an organisation or a parent organisation whose teams it accepts too. */
	bool chosen_senders_only;
	const long long *sender_ids;
	size_t sender_count;
	const char *sender_name; /* the sending organisation's name, for ELIG_SENDER's words */
	/* A pause by the organisation's lead (accepting is false then): the reason, and the day
	 * it resumes as people read it ("3 March"); NULL when not paused / no date. */
	const char *paused_reason;
	const char *paused_until;
};

/* The client, as far as eligibility cares. Unknown values (0 ids, a negative age) are
 * eligible only where the organisation does not limit that criterion: an organisation
 * that serves only some genders or places cannot be promised a client it might not serve,
 * and the sender can still record the value and look again. So:
 * - gender_id 0 (not recorded) is eligible only where all genders are accepted. "Prefer not
 *   to say" is a gender id like any other: eligible where all genders are accepted or where
 *   the organisation lists it.
 * - local_authority_id 0 (not known yet) is eligible only where all local authorities are
 *   covered.
 * - a negative age fails each age limit the organisation has (ELIG_TOO_YOUNG for a minimum,
 *   ELIG_TOO_OLD for a maximum). The journey always knows the age (date of birth is
 *   required), so this is a guard, not a case. */
struct elig_client {
	int age; /* whole years on the day the referral is made */
	long long gender_id;
	long long local_authority_id;
	/* who refers the client: the sending organisation and its parent (0: none). A sender
	 * not known (0) is eligible only where every sender is accepted. */
	long long sender_org_id;
	long long sender_parent_id;
};

/* Why an organisation is not offered: a bit set of every reason that applies, so staff see
 * the whole picture at once (an organisation both full and not covering the area is told
 * as both). The order is the order elig_describe() gives them in. */
enum elig_reason {
	ELIG_INACTIVE = 1u << 0,
	ELIG_NOT_ACCEPTING = 1u << 1,
	ELIG_AT_CAPACITY = 1u << 2, /* open referrals >= capacity */
	ELIG_ISSUE_NOT_HANDLED = 1u << 3,
	ELIG_TOO_YOUNG = 1u << 4,
	ELIG_TOO_OLD = 1u << 5,
	ELIG_GENDER = 1u << 6,
	ELIG_LOCAL_AUTHORITY = 1u << 7,
	ELIG_SENDER = 1u << 8, /* accepts only chosen senders, not this one */
};
#define ELIG_REASON_COUNT 9

/* Names of the reasons for logs and JSON ("inactive", "not_accepting", "at_capacity",
 * "issue_not_handled", "too_young", "too_old", "gender", "local_authority", "sender"), indexed by
 * the bit's position (0 for ELIG_INACTIVE). */
extern const char *const elig_reason_names[ELIG_REASON_COUNT];

/* THE accepted-senders rule: whether org takes referrals from sender_org_id (whose parent
 * organisation is sender_parent_id, 0 for none). Every sender when org does not limit them;
 * otherwise a sender listed, or a team whose parent is listed. An unknown sender (0) only
 * where every sender is accepted. */
bool elig_sender_accepted(const struct elig_org *org, long long sender_org_id,
			  long long sender_parent_id);

/* 0 when the organisation may be offered the referral for issue_id; otherwise every
 * enum elig_reason that applies, ORed together. */
unsigned elig_check(const struct elig_org *org, long long issue_id,
		    const struct elig_client *client);

/* The reasons in words for staff, one phrase each, in the order of enum elig_reason,
 * joined with "; " ("Not accepting referrals at the moment; Full: 12 of 12 open
 * referrals"). A paused organisation is told by its pause ("Paused until 3 March: staff
 * shortage"), a refused sender by name ("Does not accept referrals from Eastbrook NHS Talking
 * Therapies"). ELIG_TOO_YOUNG and ELIG_TOO_OLD are told as one age range ("Only accepts ages
 * 18 to 65", "... 18 and over", "... up to 25"). Unknown bits are ignored; no reason gives "".
 * Like snprintf: writes at most size bytes, always NUL-terminated when size > 0, and returns
 * the length the whole text needs, so a result >= size means it was cut short (out may be
 * NULL when size is 0, to ask for the length). */
size_t elig_describe(unsigned reasons, const struct elig_org *org, char *out, size_t size);

#endif
