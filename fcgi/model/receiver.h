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

/* The most organisations listed for one issue: far beyond any real number, so no request
 * reads an unbounded table. */
#define RECEIVER_LIST_MAX 500

struct receiver {
	long long id;
	const char *name;
	struct elig_org org; /* its rules; its id arrays point into this struct's own storage */
	unsigned reasons;    /* elig_check's result: 0 when it may be offered the referral */
	const char *reason_text; /* elig_describe's words for the reasons; "" when eligible */
	/* storage for org's one-element lists (the issue, and the client's gender and local
	 * authority when the organisation accepts them) */
	long long issue_id, gender_id, local_authority_id;
};

struct receiver_list {
	struct receiver *items; /* eligible ones first, each part by name */
	size_t count;
	size_t eligible; /* items[0 .. eligible) are eligible */
};

/* The organisations that handle issue_id, for client, leaving out sending_org_id. */
enum db_status receiver_list_for_issue(struct arena *arena, long long issue_id, long long sending_org_id,
				       const struct elig_client *client, struct receiver_list *out);

/* The receiver with this id in list, or NULL. */
const struct receiver *receiver_find(const struct receiver_list *list, long long id);

#endif
