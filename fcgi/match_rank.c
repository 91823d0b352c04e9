/* The order of eligible organisations: the closer the match, the earlier (match_rank.h). */
#include "match_rank.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool contains(const long long *ids, size_t count, long long id)
{
	for (size_t i = 0; i < count; i++)
		if (ids[i] == id)
			return true;
	return false;
}

unsigned match_specific(const struct elig_org *org, long long issue_id,
			const struct elig_client *client)
{
	unsigned specific = 0;
	if (contains(org->issue_ids, org->issue_count, issue_id))
		specific |= MATCH_ISSUE;
	if (org->chosen_senders_only &&
	    elig_sender_accepted(org, client->sender_org_id, client->sender_parent_id))
		specific |= MATCH_SENDER;
	if (!org->all_genders && client->gender_id != 0 &&
	    contains(org->gender_ids, org->gender_count, client->gender_id))
		specific |= MATCH_GENDER;
	if (!org->all_local_authorities && client->local_authority_id != 0 &&
	    contains(org->local_authority_ids, org->local_authority_count,
		     client->local_authority_id))
		specific |= MATCH_LOCAL_AUTHORITY;
	if ((org->min_age >= 0 || org->max_age >= 0) && client->age >= 0 &&
	    (org->min_age < 0 || client->age >= org->min_age) &&
	    (org->max_age < 0 || client->age <= org->max_age))
		specific |= MATCH_AGE;
	return specific;
}

struct match_rank match_rank_of(const struct elig_org *org, const char *name, long long issue_id,
				const struct elig_client *client)
{
	long long free = MATCH_NO_LIMIT;
	if (org->capacity >= 0)
		free = org->capacity > org->open_referrals ? org->capacity - org->open_referrals
							   : 0;
	return (struct match_rank){ match_specific(org, issue_id, client), free, name };
}

static int count_bits(unsigned bits)
{
	int n = 0;
	for (; bits != 0; bits &= bits - 1)
		n++;
	return n;
}

int match_rank_compare(const struct match_rank *a, const struct match_rank *b)
{
	int specific = count_bits(b->specific) - count_bits(a->specific);
	if (specific != 0)
		return specific;
	/* no limit is the most room there is */
	bool a_unlimited = a->free == MATCH_NO_LIMIT, b_unlimited = b->free == MATCH_NO_LIMIT;
	if (a_unlimited != b_unlimited)
		return a_unlimited ? -1 : 1;
	if (!a_unlimited && a->free != b->free)
		return a->free > b->free ? -1 : 1;
	const char *an = a->name != NULL ? a->name : "", *bn = b->name != NULL ? b->name : "";
	int by_name = strcasecmp(an, bn);
	return by_name != 0 ? by_name : strcmp(an, bn);
}

size_t match_describe(unsigned specific, char *out, size_t size)
{
	static const char *const words[MATCH_CRITERION_COUNT] = {
		"this issue",
		"your organisation",
		"this gender",
		"this local authority",
		"an age range that includes the client",
	};
	const char *chosen[MATCH_CRITERION_COUNT];
	size_t n = 0;
	for (unsigned bit = 0; bit < MATCH_CRITERION_COUNT; bit++)
		if (specific & (1u << bit))
			chosen[n++] = words[bit];
	size_t length = 0;
	if (size > 0)
		out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *joint = i == 0 ? "" : i + 1 == n ? " and " : ", ";
		int wrote = snprintf(out != NULL && length < size ? out + length : NULL,
				     out != NULL && length < size ? size - length : 0, "%s%s",
				     joint, chosen[i]);
		length += (size_t)wrote;
	}
	return length;
}
