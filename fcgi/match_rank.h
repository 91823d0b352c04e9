/* The order eligible organisations are offered in for one issue of one client (issue 13,
 * "How matches are calculated"): an organisation that names this issue, this sender, this
 * gender, this local authority, or an age range that includes the client, is a closer match
 * than one that accepts everyone on that criterion. More such criteria first; ties go to the
 * most free places (no limit counts as the most), then the name. Pure: unit-tested in
 * tests/unit/check_match_rank.c. */
#ifndef REFERRALS_MATCH_RANK_H
#define REFERRALS_MATCH_RANK_H

#include <stddef.h>

#include "eligibility.h"

/* The criteria an organisation names specifically and that include the client. */
enum match_criterion {
	MATCH_ISSUE = 1u << 0,
	MATCH_SENDER = 1u << 1,
	MATCH_GENDER = 1u << 2,
	MATCH_LOCAL_AUTHORITY = 1u << 3,
	MATCH_AGE = 1u << 4,
};
#define MATCH_CRITERION_COUNT 5

/* What the order compares of one organisation. */
struct match_rank {
	unsigned specific; /* enum match_criterion bits */
	long long free;	   /* free places: capacity - open referrals; MATCH_NO_LIMIT when none */
	const char *name;
};
#define MATCH_NO_LIMIT (-1)

/* The criteria org names and that include client for issue_id (a criterion the client falls
 * outside of is not a match, however specific). */
unsigned match_specific(const struct elig_org *org, long long issue_id,
			const struct elig_client *client);

/* org's rank: match_specific, free places and name. */
struct match_rank match_rank_of(const struct elig_org *org, const char *name, long long issue_id,
				const struct elig_client *client);

/* THE order: < 0 when a comes before b, > 0 after, 0 the same (qsort's contract). */
int match_rank_compare(const struct match_rank *a, const struct match_rank *b);

/* The criteria in words, joined as a sentence part: "this issue, this gender and an age range
 * that includes the client". Like snprintf: returns the length the whole text needs. "" for
 * none. */
size_t match_describe(unsigned specific, char *out, size_t size);

#endif
