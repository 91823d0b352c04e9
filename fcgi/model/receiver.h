/* Receiving organisations offered per issue, with eligibility: for one issue and one client,
 * every active organisation that handles the issue, each with the rules it accepts referrals
 * by, its open referrals now and the verdict of elig_check (PRODUCT.md "Creating a referral",
 * step 3). Organisations that do not handle the issue, inactive ones and the sending
 * organisation itself are not receivers at all, so they are not listed. */
#ifndef REFERRALS_MODEL_RECEIVER_H
#define REFERRALS_MODEL_RECEIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "../eligibility.h"
#include "../match_rank.h"

/* The most organisations listed for one issue: far beyond any real number, so no request
 * reads an unbounded table. */
#define RECEIVER_LIST_MAX 500
/* Flags of storage per receiver for its one-element lists (receiver_rules' accepts). */
#define RECEIVER_FLAGS 4

struct receiver {
	long long id;
	const char *name;
	struct elig_org org;	 /* its rules; its id arrays point into this struct's own storage */
	unsigned reasons;	 /* elig_check's result: 0 when it may be offered the referral */
	const char *reason_text; /* elig_describe's words for the reasons; "" when eligible */
	/* storage for org's one-element lists (the issue, and the client's gender and local
	 * authority when the organisation accepts them, the sender or its parent it lists) */
	long long issue_id, gender_id, local_authority_id, sender_match_id;
	struct elig_client client; /* the client as referred by the sending organisation */
	struct match_rank rank;	   /* where it comes among the eligible (match_rank_compare) */
	const char *banner;	   /* the organisation's banner alert; "" for none */
};

struct receiver_list {
	struct receiver *items; /* eligible ones first, closest match first; then the others by
				 * name */
	size_t count;
	size_t eligible; /* items[0 .. eligible) are eligible */
};

/* What receiver_rules reads: one organisation (org_id), whatever it handles and whether
 * active or not, or (org_id 0) every active one that handles issue_id except sending_org_id,
 * by name, at most RECEIVER_LIST_MAX. given: referrals the caller is about to add to it
 * (counted as open against its capacity). */
struct receiver_rules {
	long long issue_id;
	const struct elig_client *client;
	long long org_id;
	long long sending_org_id;
	long long given;
};

/* THE loader of organisations' eligibility rules, with elig_check's verdict for the issue and
 * the client. *out, *count: the receivers (none for an org_id that does not exist); *accepts
 * RECEIVER_FLAGS flags per receiver that its org's lists point into (keep them together). Plain
 * reads: the send locks the rows first. q->sending_org_id is the sender whose referral it is, for
 * the accepted senders (0: unknown, eligible only where every sender is accepted). */
enum db_status receiver_rules(struct arena *arena, const struct receiver_rules *q,
			      struct receiver **out, bool **accepts, size_t *count);

/* The organisations that handle issue_id, for client, leaving out sending_org_id. */
enum db_status receiver_list_for_issue(struct arena *arena, long long issue_id,
				       long long sending_org_id, const struct elig_client *client,
				       struct receiver_list *out);

/* The receiver with this id in list, or NULL. */
const struct receiver *receiver_find(const struct receiver_list *list, long long id);

#endif
