/* Receiving organisations offered per issue, with eligibility: one query reads every active
 * organisation handling the issue with its rules, its open referrals when it has a capacity
 * (counted through referrals_received_due) and whether it accepts this client's gender
 * and local authority; elig_check decides and elig_describe says why not. */
#include "receiver.h"

#include <string.h>

#include "../arena.h"
#include "referral_rules.h"

/* NULL (no limit) as -1, as struct elig_org wants it. */
static long long limit_of(const struct db_result *result, size_t row, unsigned column)
{
	return db_value(result, row, column) == NULL ? -1 : db_int(result, row, column, -1);
}

/* Points org's lists at the receiver's own storage; called again after a receiver moves. */
static void attach_lists(struct receiver *r, bool accepts_gender, bool accepts_la)
{
	r->org.issue_ids = &r->issue_id;
	r->org.issue_count = 1;
	r->org.gender_ids = &r->gender_id;
	r->org.gender_count = accepts_gender ? 1 : 0;
	r->org.local_authority_ids = &r->local_authority_id;
	r->org.local_authority_count = accepts_la ? 1 : 0;
}

enum db_status receiver_list_for_issue(struct arena *arena, long long issue_id, long long sending_org_id,
				       const struct elig_client *client, struct receiver_list *out)
{
	memset(out, 0, sizeof *out);
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows,
		"SELECT o.id, o.name, o.accepting, o.capacity, o.min_age, o.max_age, o.all_genders,"
		" o.all_local_authorities,"
		/* the open referrals matter only against a capacity: counting every organisation's
		 * read millions of index entries per view at the design scale */
		" IF(o.capacity IS NULL, 0, (SELECT COUNT(*) FROM referrals r"
		"   FORCE INDEX (referrals_received_due)"
		"   WHERE r.receiving_org_id = o.id AND " REFERRAL_OPEN("r") ")),"
		" EXISTS (SELECT 1 FROM organisation_genders g WHERE g.organisation_id = o.id AND g.gender_id = ?),"
		" EXISTS (SELECT 1 FROM organisation_local_authorities l"
		"   WHERE l.organisation_id = o.id AND l.local_authority_id = ?)"
		" FROM organisation_issues oi JOIN organisations o ON o.id = oi.organisation_id"
		" WHERE oi.issue_id = ? AND o.active = 1 AND o.id <> ?"
		" ORDER BY o.name, o.id LIMIT ?",
		"iiiii", client->gender_id, client->local_authority_id, issue_id, sending_org_id,
		(long long)RECEIVER_LIST_MAX);
	if (status != DB_OK)
		return status;
	struct receiver *read = arena_zalloc(arena, (rows.rows + 1) * sizeof *read);
	bool *accepts = arena_zalloc(arena, (rows.rows * 2 + 1) * sizeof *accepts);
	for (size_t i = 0; i < rows.rows; i++) {
		struct receiver *r = &read[i];
		r->id = db_int(&rows, i, 0, 0);
		r->name = db_value(&rows, i, 1);
		r->org.active = true; /* only active ones are read */
		r->org.accepting = db_int(&rows, i, 2, 0) == 1;
		r->org.capacity = limit_of(&rows, i, 3);
		r->org.min_age = (int)limit_of(&rows, i, 4);
		r->org.max_age = (int)limit_of(&rows, i, 5);
		r->org.all_genders = db_int(&rows, i, 6, 1) == 1;
		r->org.all_local_authorities = db_int(&rows, i, 7, 0) == 1;
		r->org.open_referrals = db_int(&rows, i, 8, 0);
		r->issue_id = issue_id;
		r->gender_id = client->gender_id;
		r->local_authority_id = client->local_authority_id;
		accepts[i * 2] = db_int(&rows, i, 9, 0) == 1;
		accepts[i * 2 + 1] = db_int(&rows, i, 10, 0) == 1;
		attach_lists(r, accepts[i * 2], accepts[i * 2 + 1]);
		r->reasons = elig_check(&r->org, issue_id, client);
		size_t length = elig_describe(r->reasons, &r->org, NULL, 0);
		char *text = arena_alloc(arena, length + 1);
		elig_describe(r->reasons, &r->org, text, length + 1);
		r->reason_text = text;
	}
	/* eligible first; the query's order by name is kept within each part */
	out->items = arena_zalloc(arena, (rows.rows + 1) * sizeof *out->items);
	size_t *from = arena_zalloc(arena, (rows.rows + 1) * sizeof *from);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < rows.rows; i++)
			if ((read[i].reasons == 0) == (pass == 0)) {
				from[out->count] = i;
				out->items[out->count++] = read[i];
			}
	for (size_t i = 0; i < out->count; i++) {
		attach_lists(&out->items[i], accepts[from[i] * 2], accepts[from[i] * 2 + 1]);
		if (out->items[i].reasons == 0)
			out->eligible++;
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
