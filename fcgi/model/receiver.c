/* Receiving organisations offered per issue, with eligibility, and the one loader of an
 * organisation's eligibility rules (receiver_rules: the receivers step, the journey and the
 * send all read them here). One query reads every active organisation handling the issue
 * (or the one organisation asked for) with its rules, its open referrals when it has a capacity
 * (counted through referrals_received_due) and whether it accepts this client's gender
 * and local authority, and referrals from the sending organisation (issue 13: accepted
 * senders, a pause, a banner); elig_check decides and elig_describe says why not. The
 * eligible ones are ordered by match_rank_compare (match_rank.h): the closest matches first. */
#include "receiver.h"

#include <string.h>

#include "../arena.h"
#include "../dates.h"
#include "../match_rank.h"
#include "referral_rules.h"

/* NULL (no limit) as -1, as struct elig_org wants it. */
static long long limit_of(const struct db_result *result, size_t row, unsigned column)
{
	return db_value(result, row, column) == NULL ? -1 : db_int(result, row, column, -1);
}

/* Points org's lists at the receiver's own storage; called again after a receiver moves.
 * accepts: the client's gender, the client's local authority, the issue, the sender. */
static void attach_lists(struct receiver *r, const bool accepts[RECEIVER_FLAGS])
{
	r->org.sender_ids = &r->sender_match_id;
	r->org.sender_count = accepts[3] ? 1 : 0;
	r->org.issue_ids = &r->issue_id;
	r->org.issue_count = accepts[2] ? 1 : 0;
	r->org.gender_ids = &r->gender_id;
	r->org.gender_count = accepts[0] ? 1 : 0;
	r->org.local_authority_ids = &r->local_authority_id;
	r->org.local_authority_count = accepts[1] ? 1 : 0;
}

/* The rules of every organisation, as elig_org wants them: the columns receiver_rules reads
 * (parameters: the client's gender and local authority, and the issue). */
/* clang-format off */
#define RULES_COLUMNS                                                                               \
	"SELECT o.id, o.name, o.active, o.accepting, o.capacity, o.min_age, o.max_age, o.all_genders," \
	" o.all_local_authorities,"                                                                    \
	/* the open referrals matter only against a capacity: counting every organisation's      \
	 * read millions of index entries per view at the design scale */                              \
	" IF(o.capacity IS NULL, 0, " REFERRAL_OPEN_RECEIVED_COUNT("o.id") "),"                        \
	" EXISTS (SELECT 1 FROM organisation_genders g WHERE g.organisation_id = o.id AND g.gender_id = ?)," \
	" EXISTS (SELECT 1 FROM organisation_local_authorities l"                                      \
	"   WHERE l.organisation_id = o.id AND l.local_authority_id = ?),"                             \
	" EXISTS (SELECT 1 FROM organisation_issues h WHERE h.organisation_id = o.id AND h.issue_id = ?)," \
	/* accepted senders (issue 13): the sender, or its parent, when this one lists it */         \
	" o.all_senders, (SELECT s.sender_org_id FROM organisation_senders s"                          \
	"   WHERE s.organisation_id = o.id AND (s.sender_org_id = ? OR s.sender_org_id ="              \
	"   (SELECT sp.parent_id FROM organisations sp WHERE sp.id = ?)) LIMIT 1),"                    \
	" (SELECT sn.parent_id FROM organisations sn WHERE sn.id = ?),"                                \
	" (SELECT sn.name FROM organisations sn WHERE sn.id = ?),"                                     \
	" o.paused_reason, o.paused_until, o.banner"
/* the parameters of RULES_COLUMNS: the client's gender and local authority, the issue, the
 * sender four times */
#define RULES_TYPES "iiiiiii"
/* clang-format on */

/* One row of RULES_COLUMNS as a receiver with elig_check's verdict and its rank.
 * accepts: RECEIVER_FLAGS flags of storage that must live as long as r (whether it takes the
 * client's gender, place, issue, sender). */
static void read_rules(struct arena *arena, const struct db_result *rows, size_t i,
		       const struct receiver_rules *q, struct receiver *r,
		       bool accepts[RECEIVER_FLAGS])
{
	r->id = db_int(rows, i, 0, 0);
	r->name = db_value(rows, i, 1);
	r->org.active = db_int(rows, i, 2, 0) == 1;
	r->org.accepting = db_int(rows, i, 3, 0) == 1;
	r->org.capacity = limit_of(rows, i, 4);
	r->org.min_age = (int)limit_of(rows, i, 5);
	r->org.max_age = (int)limit_of(rows, i, 6);
	r->org.all_genders = db_int(rows, i, 7, 1) == 1;
	r->org.all_local_authorities = db_int(rows, i, 8, 0) == 1;
	r->org.open_referrals = db_int(rows, i, 9, 0) + q->given;
	r->issue_id = q->issue_id;
	r->gender_id = q->client->gender_id;
	r->local_authority_id = q->client->local_authority_id;
	accepts[0] = db_int(rows, i, 10, 0) == 1;
	accepts[1] = db_int(rows, i, 11, 0) == 1;
	accepts[2] = db_int(rows, i, 12, 0) == 1;
	r->org.chosen_senders_only = db_int(rows, i, 13, 1) == 0;
	r->sender_match_id = db_int(rows, i, 14, 0);
	accepts[3] = db_value(rows, i, 14) != NULL;
	/* the client as referred by this sender */
	r->client = *q->client;
	r->client.sender_org_id = q->sending_org_id;
	r->client.sender_parent_id = db_int(rows, i, 15, 0);
	r->org.sender_name = db_value(rows, i, 16);
	r->org.paused_reason = db_value(rows, i, 17);
	r->org.paused_until = dates_long(arena, db_value(rows, i, 18));
	r->banner = db_value(rows, i, 19) != NULL ? db_value(rows, i, 19) : "";
	attach_lists(r, accepts);
	r->reasons = elig_check(&r->org, q->issue_id, &r->client);
	r->rank = match_rank_of(&r->org, r->name, q->issue_id, &r->client);
	size_t length = elig_describe(r->reasons, &r->org, NULL, 0);
	char *text = arena_alloc(arena, length + 1);
	elig_describe(r->reasons, &r->org, text, length + 1);
	r->reason_text = text;
}

enum db_status receiver_rules(struct arena *arena, const struct receiver_rules *q,
			      struct receiver **out, bool **accepts, size_t *count)
{
	*out = NULL;
	*count = 0;
	struct db_result rows;
	long long sender = q->sending_org_id;
	enum db_status status =
		q->org_id != 0
			? db_run(arena, &rows, RULES_COLUMNS " FROM organisations o WHERE o.id = ?",
				 RULES_TYPES "i", q->client->gender_id,
				 q->client->local_authority_id, q->issue_id, sender, sender, sender,
				 sender, q->org_id)
			: db_run(arena, &rows,
				 RULES_COLUMNS
				 " FROM organisation_issues oi JOIN organisations o ON o.id = "
				 "oi.organisation_id"
				 " WHERE oi.issue_id = ? AND o.active = 1 AND o.id <> ?"
				 " ORDER BY o.name, o.id LIMIT ?",
				 RULES_TYPES "iii", q->client->gender_id,
				 q->client->local_authority_id, q->issue_id, sender, sender, sender,
				 sender, q->issue_id, q->sending_org_id,
				 (long long)RECEIVER_LIST_MAX);
	if (status != DB_OK)
		return status;
	*out = arena_zalloc(arena, (rows.rows + 1) * sizeof **out);
	*accepts = arena_zalloc(arena, (rows.rows * RECEIVER_FLAGS + 1) * sizeof **accepts);
	for (size_t i = 0; i < rows.rows; i++)
		read_rules(arena, &rows, i, q, &(*out)[i], &(*accepts)[i * RECEIVER_FLAGS]);
	*count = rows.rows;
	return DB_OK;
}

enum db_status receiver_list_for_issue(struct arena *arena, long long issue_id,
				       long long sending_org_id, const struct elig_client *client,
				       struct receiver_list *out)
{
	memset(out, 0, sizeof *out);
	struct receiver_rules q = { .issue_id = issue_id,
				    .client = client,
				    .sending_org_id = sending_org_id };
	struct receiver *read;
	bool *accepts;
	size_t count;
	enum db_status status = receiver_rules(arena, &q, &read, &accepts, &count);
	if (status != DB_OK)
		return status;
	/* eligible first, closest match first (match_rank_compare; an insertion sort keeps the
	 * query's order by name for equals); those not offered after, by name */
	out->items = arena_zalloc(arena, (count + 1) * sizeof *out->items);
	size_t *from = arena_zalloc(arena, (count + 1) * sizeof *from);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < count; i++)
			if ((read[i].reasons == 0) == (pass == 0)) {
				size_t at = out->count++;
				if (pass == 0)
					while (at > 0 &&
					       match_rank_compare(&read[i].rank,
								  &read[from[at - 1]].rank) < 0) {
						from[at] = from[at - 1];
						at--;
					}
				from[at] = i;
				if (pass == 0)
					out->eligible++;
			}
	for (size_t i = 0; i < out->count; i++) {
		out->items[i] = read[from[i]];
		attach_lists(&out->items[i], &accepts[from[i] * RECEIVER_FLAGS]);
	}
	return DB_OK;
}

const struct receiver *receiver_find(const struct receiver_list *list, long long id)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].id == id)
			return &list->items[i];
	return NULL;
}
