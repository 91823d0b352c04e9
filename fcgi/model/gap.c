/* Gaps in service and the administrators' inbox messages about them, written together in
 * one transaction: the unique key (draft_id, issue_id) makes a reload or a second worker
 * record nothing twice. */
#include "gap.h"

#include <string.h>

#include "../vocabulary.h"
#include "../arena.h"
#include "inbox.h"

struct gap_work {
	const struct gap *gap;
	bool *recorded;
};

/* The message body: who could not refer whom for what, without the client's name. */
static const char *message_body(struct arena *arena, const struct gap *gap, const char *issue,
				const char *organisation, const char *la_name, const char *la_code)
{
	const char *age = gap->client_age >= 0 ? arena_printf(arena, "aged %d", gap->client_age)
					       : "whose age is not known";
	const char *place = la_name != NULL
				    ? arena_printf(arena, "living in %s (%s)", la_name, la_code)
				    : "whose local authority is not known";
	return arena_printf(
		arena,
		"%s could not refer a client %s, %s, for %s: no organisation can receive "
		"the referral. Check which organisations handle %s and what they accept "
		"(age, gender, local authority, capacity).",
		organisation, age, place, issue, issue);
}

static enum db_status gap_work(struct arena *arena, void *context)
{
	struct gap_work *w = context;
	const struct gap *gap = w->gap;
	*w->recorded = false;
	struct db_result inserted;
	enum db_status status = db_run(
		arena, &inserted,
		"INSERT IGNORE INTO gaps_in_service (draft_id, issue_id, organisation_id, staff_id,"
		" local_authority_id, client_age) VALUES (?, ?, ?, ?, NULLIF(?, 0), IF(? < 0, "
		"NULL, ?))",
		"iiiiiii", gap->draft_id, gap->issue_id, gap->organisation_id, gap->staff_id,
		gap->local_authority_id, (long long)gap->client_age, (long long)gap->client_age);
	if (status != DB_OK || inserted.affected == 0)
		return status; /* this draft told the administrators about this issue already */
	*w->recorded = true;
	struct db_result names;
	status = db_run(arena, &names,
			"SELECT i.name, o.name, l.name, l.code FROM issues i"
			" JOIN organisations o ON o.id = ?"
			" LEFT JOIN local_authorities l ON l.id = ?"
			" WHERE i.id = ?",
			"iii", gap->organisation_id, gap->local_authority_id, gap->issue_id);
	if (status != DB_OK)
		return status;
	if (names.rows != 1)
		return DB_ERROR; /* the foreign keys let no gap name a missing issue or organisation
				  */
	const char *issue = db_value(&names, 0, 0);
	const char *subject = arena_printf(arena, "Gap in service: %s", issue);
	const char *body = message_body(arena, gap, issue, db_value(&names, 0, 1),
					db_value(&names, 0, 2), db_value(&names, 0, 3));
	/* E-mails hold no personal data (issue 14): the client's age and local authority stay in
	 * the inbox, behind sign-in; the e-mail says only that there is a gap and where to look. */
	const char *mail_body =
		arena_printf(arena,
			     "%s could not refer a client for %s: no organisation can receive the "
			     "referral. Sign in to read the details in your inbox.",
			     db_value(&names, 0, 1), issue);
	struct inbox_item message = { .kind = inbox_kind_name(INBOX_GAP_IN_SERVICE),
				      .subject = subject,
				      .body = body,
				      .mail_subject = subject,
				      .mail_body = mail_body };
	return inbox_to_admins(arena, 0, &message, NULL);
}

enum db_status gap_record(struct arena *arena, const struct gap *gap, bool *recorded)
{
	struct gap_work w = { gap, recorded };
	return db_transaction(arena, gap_work, &w);
}
