/* Eligibility of an organisation for one issue of one client: the checks, and the words
 * that tell staff why an organisation is left out. */
#include "eligibility.h"

#include <stdio.h>
#include <string.h>

const char *const elig_reason_names[ELIG_REASON_COUNT] = {
	"inactive", "not_accepting",   "at_capacity", "issue_not_handled", "too_young", "too_old",
	"gender",   "local_authority", "sender",
};

static bool contains(const long long *ids, size_t count, long long id)
{
	for (size_t i = 0; i < count; i++)
		if (ids[i] == id)
			return true;
	return false;
}

bool elig_sender_accepted(const struct elig_org *org, long long sender_org_id,
			  long long sender_parent_id)
{
	if (!org->chosen_senders_only)
		return true;
	if (sender_org_id == 0)
		return false;
	return contains(org->sender_ids, org->sender_count, sender_org_id) ||
	       (sender_parent_id != 0 &&
		contains(org->sender_ids, org->sender_count, sender_parent_id));
}

unsigned elig_check(const struct elig_org *org, long long issue_id,
		    const struct elig_client *client)
{
	unsigned reasons = 0;
	if (!org->active)
		reasons |= ELIG_INACTIVE;
	if (!org->accepting)
		reasons |= ELIG_NOT_ACCEPTING;
	/* At the limit is full: the referral being made would take it over. */
	if (org->capacity >= 0 && org->open_referrals >= org->capacity)
		reasons |= ELIG_AT_CAPACITY;
	if (!contains(org->issue_ids, org->issue_count, issue_id))
		reasons |= ELIG_ISSUE_NOT_HANDLED;
	if (org->min_age >= 0 && (client->age < 0 || client->age < org->min_age))
		reasons |= ELIG_TOO_YOUNG;
	if (org->max_age >= 0 && (client->age < 0 || client->age > org->max_age))
		reasons |= ELIG_TOO_OLD;
	if (!org->all_genders && (client->gender_id == 0 ||
				  !contains(org->gender_ids, org->gender_count, client->gender_id)))
		reasons |= ELIG_GENDER;
	if (!org->all_local_authorities &&
	    (client->local_authority_id == 0 ||
	     !contains(org->local_authority_ids, org->local_authority_count,
		       client->local_authority_id)))
		reasons |= ELIG_LOCAL_AUTHORITY;
	if (!elig_sender_accepted(org, client->sender_org_id, client->sender_parent_id))
		reasons |= ELIG_SENDER;
	return reasons;
}

/* Appends text to out[size] at *length, which goes on counting what the whole text needs
 * once out is full (as snprintf does), so the caller can tell it was cut short. */
static void append(char *out, size_t size, size_t *length, const char *text)
{
	size_t n = strlen(text);
	if (*length + 1 < size) {
		size_t room = size - *length - 1;
		size_t copied = n < room ? n : room;
		memcpy(out + *length, text, copied);
		out[*length + copied] = '\0';
	}
	*length += n;
}

/* The phrase for one reason: a constant, or written into buffer when it holds numbers.
 * Both age reasons read as one range. */
static const char *reason_phrase(enum elig_reason reason, const struct elig_org *org, char *buffer,
				 size_t size)
{
	switch (reason) {
	case ELIG_INACTIVE:
		return "Not active";
	case ELIG_NOT_ACCEPTING:
		if (org->paused_reason != NULL && org->paused_until != NULL)
			snprintf(buffer, size, "Paused until %s: %s", org->paused_until,
				 org->paused_reason);
		else if (org->paused_reason != NULL)
			snprintf(buffer, size, "Paused: %s", org->paused_reason);
		else
			return "Not accepting referrals at the moment";
		return buffer;
	case ELIG_AT_CAPACITY:
		snprintf(buffer, size, "Full: %lld of %lld open referrals", org->open_referrals,
			 org->capacity);
		return buffer;
	case ELIG_ISSUE_NOT_HANDLED:
		return "Does not handle this issue";
	case ELIG_TOO_YOUNG:
	case ELIG_TOO_OLD:
		if (org->min_age >= 0 && org->max_age >= 0)
			snprintf(buffer, size, "Only accepts ages %d to %d", org->min_age,
				 org->max_age);
		else if (org->min_age >= 0)
			snprintf(buffer, size, "Only accepts ages %d and over", org->min_age);
		else if (org->max_age >= 0)
			snprintf(buffer, size, "Only accepts ages up to %d", org->max_age);
		else
			return "Does not accept this age";
		return buffer;
	case ELIG_GENDER:
		return "Does not accept this gender";
	case ELIG_LOCAL_AUTHORITY:
		return "Does not cover this local authority";
	case ELIG_SENDER:
		snprintf(buffer, size, "Does not accept referrals from %s",
			 org->sender_name != NULL ? org->sender_name : "your organisation");
		return buffer;
	}
	return "";
}

size_t elig_describe(unsigned reasons, const struct elig_org *org, char *out, size_t size)
{
	size_t length = 0;
	if (size > 0)
		out[0] = '\0';
	for (unsigned bit = 0; bit < ELIG_REASON_COUNT; bit++) {
		unsigned reason = 1u << bit;
		if (!(reasons & reason))
			continue;
		/* one age range for both ends: "too young" and "too old" read as one rule */
		if (reason == ELIG_TOO_OLD && (reasons & ELIG_TOO_YOUNG))
			continue;
		if (length > 0)
			append(out, size, &length, "; ");
		/* the longest: a pause's reason (200 characters, 4 bytes each) and its date */
		char buffer[1024];
		append(out, size, &length,
		       reason_phrase((enum elig_reason)reason, org, buffer, sizeof buffer));
	}
	return length;
}
