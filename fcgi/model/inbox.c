/* Inbox messages: reading and marking a person's, and the one home of every write (to a
 * person, an organisation's staff, a group's subscribers, the administrators). */
#include "inbox.h"

#include <string.h>

#include "../arena.h"
#include "mail_prefs.h"

enum db_status inbox_list(struct arena *arena, long long staff_id, long long page,
			  struct inbox_page *out)
{
	memset(out, 0, sizeof *out);
	/* Both counts stop at INBOX_COUNT_CAP: a long-serving administrator's inbox holds
	 * hundreds of thousands of messages, and "more than 1,000" is all a page needs to say. */
	struct db_result counts;
	enum db_status status = db_run(
		arena, &counts,
		"SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM inbox_messages FORCE INDEX "
		"(inbox_recent)"
		"  WHERE staff_id = ? LIMIT ?) a),"
		" (SELECT COUNT(*) FROM (SELECT 1 FROM inbox_messages FORCE INDEX (inbox_unread)"
		"  WHERE staff_id = ? AND read_at IS NULL LIMIT ?) u)",
		"iiii", staff_id, (long long)INBOX_COUNT_CAP + 1, staff_id,
		(long long)INBOX_COUNT_CAP + 1);
	if (status != DB_OK)
		return status;
	out->total = counts.rows == 1 ? db_int(&counts, 0, 0, 0) : 0;
	out->unread = counts.rows == 1 ? db_int(&counts, 0, 1, 0) : 0;
	out->pages = (out->total + INBOX_PAGE_SIZE - 1) / INBOX_PAGE_SIZE;
	if (out->pages > INBOX_COUNT_CAP / INBOX_PAGE_SIZE)
		out->pages = INBOX_COUNT_CAP / INBOX_PAGE_SIZE;
	if (out->pages < 1)
		out->pages = 1;
	if (page < 1)
		page = 1;
	if (page > out->pages)
		page = out->pages;
	out->page = page;
	struct db_result rows;
	status = db_run(arena, &rows,
			"SELECT id, kind, subject, body, link,"
			" DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), read_at IS NULL"
			/* in the index's order: chosen by the optimizer, inbox_unread needed a sort
			 * of the whole inbox */
			" FROM inbox_messages FORCE INDEX (inbox_recent) WHERE staff_id = ?"
			" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
			"iii", staff_id, (long long)INBOX_PAGE_SIZE, (page - 1) * INBOX_PAGE_SIZE);
	if (status != DB_OK)
		return status;
	out->items = arena_alloc(arena, (rows.rows + 1) * sizeof *out->items);
	for (size_t i = 0; i < rows.rows; i++) {
		struct inbox_message *m = &out->items[i];
		m->id = db_int(&rows, i, 0, 0);
		m->kind = db_value(&rows, i, 1);
		m->subject = db_value(&rows, i, 2);
		m->body = db_value(&rows, i, 3);
		m->link = db_value(&rows, i, 4);
		m->created_at = db_value(&rows, i, 5);
		m->unread = db_int(&rows, i, 6, 0) != 0;
	}
	out->count = rows.rows;
	return DB_OK;
}

enum db_status inbox_mark_read(struct arena *arena, long long staff_id, long long id, bool *found)
{
	struct db_result result;
	*found = false;
	enum db_status status =
		db_run(arena, &result,
		       "SELECT read_at IS NULL FROM inbox_messages WHERE id = ? AND staff_id = ?",
		       "ii", id, staff_id);
	if (status != DB_OK || result.rows != 1)
		return status;
	*found = true;
	return db_run(arena, NULL,
		      "UPDATE inbox_messages SET read_at = UTC_TIMESTAMP()"
		      " WHERE id = ? AND staff_id = ? AND read_at IS NULL",
		      "ii", id, staff_id);
}

enum db_status inbox_mark_all_read(struct arena *arena, long long staff_id, long long *count)
{
	struct db_result result;
	*count = 0;
	enum db_status status = db_run(arena, &result,
				       "UPDATE inbox_messages SET read_at = UTC_TIMESTAMP()"
				       " WHERE staff_id = ? AND read_at IS NULL",
				       "i", staff_id);
	if (status == DB_OK)
		*count = (long long)result.affected;
	return status;
}

/* The columns and cut values every writer shares; a statement appends its recipients
 * (" FROM ... WHERE ..."). */
/* clang-format off */
#define INBOX_INSERT                                                                        \
	"INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)"      \
	" SELECT DISTINCT s.id, ?, LEFT(?, 300), LEFT(?, 2000), LEFT(?, 300),"               \
	" COALESCE(?, UTC_TIMESTAMP())"

/* The same recipients' e-mails: one outbox row each whose choice for the kind (or the kind's
 * default, bound last of the item's values) is e-mail at once or the daily digest, and who
 * has an address from the directory. The recipients' fragment follows OUTBOX_INSERT, then
 * OUTBOX_END. */
#define OUTBOX_INSERT                                                                       \
	"INSERT INTO mail_outbox (staff_id, kind, mode, subject, body, link, created_at,"    \
	" next_attempt_at)"                                                                  \
	" SELECT x.id, x.kind, x.mode, x.subject, x.body, x.link, x.created_at, x.created_at" \
	" FROM (SELECT DISTINCT s.id, s.email, i.kind, i.subject, i.body, i.link,"           \
	"  i.created_at, COALESCE((SELECT p.mode FROM mail_preferences p"                    \
	"   WHERE p.staff_id = s.id AND p.kind = i.kind), i.default_mode) AS mode"           \
	" FROM (SELECT ? AS kind, LEFT(?, 300) AS subject, LEFT(?, 4000) AS body,"           \
	"  LEFT(?, 300) AS link, COALESCE(?, UTC_TIMESTAMP()) AS created_at,"                 \
	"  ? AS default_mode) i,"
#define OUTBOX_END                                                                          \
	") x WHERE x.mode IN ('immediate', 'digest') AND x.email IS NOT NULL AND x.email <> ''"

/* Each writer's recipients, for both statements. */
#define TO_PERSON " staff s WHERE s.id = ?"
#define TO_ORG_STAFF                                                                        \
	" staff_orgs so JOIN staff s ON s.id = so.staff_id AND s.active = 1"                 \
	" WHERE so.organisation_id = ? AND s.id <> ?"
#define TO_ADMINS " staff s WHERE s.active = 1 AND (s.is_admin = 1 OR s.id = ?)"
/* an announcement's: everyone active (first ? = 1), or the active staff of its organisations */
#define TO_ANNOUNCEMENT                                                                     \
	" staff s WHERE s.active = 1 AND (? = 1 OR EXISTS (SELECT 1 FROM staff_orgs so"      \
	" JOIN announcement_organisations ao ON ao.organisation_id = so.organisation_id"     \
	" WHERE so.staff_id = s.id AND ao.announcement_id = ?))"
#define TO_SUBSCRIBERS(column)                                                              \
	" referral_subscriptions rs JOIN staff s ON s.id = rs.staff_id"                      \
	" AND s.active = 1 WHERE rs.group_id = ? AND rs." column " = 1 AND rs.staff_id <> ?"
/* clang-format on */

static const char *or_empty(const char *text)
{
	return text != NULL ? text : "";
}

/* The outbox rows for the recipients sql (OUTBOX_INSERT ... OUTBOX_END) finds with the two
 * ids a and b (the second ignored by statements with one). Kinds never e-mailed write none. */
static enum db_status outbox_write(struct arena *arena, const char *sql, const char *types,
				   const struct inbox_item *item, long long a, long long b)
{
	const char *default_mode = mail_kind_default(item->kind);
	if (default_mode == NULL)
		return DB_OK;
	const char *subject = item->mail_subject != NULL ? item->mail_subject : item->subject;
	const char *body =
		item->mail_subject != NULL ? or_empty(item->mail_body) : or_empty(item->body);
	return db_run(arena, NULL, sql, types, item->kind, subject, body, or_empty(item->link),
		      item->created_at, default_mode, a, b);
}

enum db_status inbox_to_person(struct arena *arena, long long staff_id,
			       const struct inbox_item *item)
{
	enum db_status status = db_run(arena, NULL, INBOX_INSERT " FROM" TO_PERSON, "sssssi",
				       item->kind, item->subject, or_empty(item->body),
				       or_empty(item->link), item->created_at, staff_id);
	if (status != DB_OK)
		return status;
	return outbox_write(arena, OUTBOX_INSERT TO_PERSON OUTBOX_END, "ssssssi", item, staff_id,
			    0);
}

enum db_status inbox_to_org_staff_except(struct arena *arena, long long org_id,
					 long long except_staff_id, const struct inbox_item *item,
					 long long *sent)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r, INBOX_INSERT " FROM" TO_ORG_STAFF, "sssssii", item->kind,
		       item->subject, or_empty(item->body), or_empty(item->link), item->created_at,
		       org_id, except_staff_id);
	if (sent != NULL)
		*sent = status == DB_OK ? (long long)r.affected : 0;
	if (status != DB_OK)
		return status;
	return outbox_write(arena, OUTBOX_INSERT TO_ORG_STAFF OUTBOX_END, "ssssssii", item, org_id,
			    except_staff_id);
}

enum db_status inbox_to_org_staff(struct arena *arena, long long org_id,
				  const struct inbox_item *item, long long *sent)
{
	return inbox_to_org_staff_except(arena, org_id, 0, item, sent);
}

enum db_status inbox_to_subscribers(struct arena *arena, long long group_id,
				    enum inbox_subscription on, long long except_staff_id,
				    const struct inbox_item *item)
{
	/* one statement per update: each opt-in is a column of its own */
	static const char *const inbox_by[] = {
		[INBOX_ON_ACKNOWLEDGED] = INBOX_INSERT " FROM" TO_SUBSCRIBERS("acknowledged"),
		[INBOX_ON_CLOSED] = INBOX_INSERT " FROM" TO_SUBSCRIBERS("closed"),
		[INBOX_ON_NOTE_ADDED] = INBOX_INSERT " FROM" TO_SUBSCRIBERS("note_added"),
		[INBOX_ON_FILE_ADDED] = INBOX_INSERT " FROM" TO_SUBSCRIBERS("file_added"),
		[INBOX_ON_REFUSED] = INBOX_INSERT " FROM" TO_SUBSCRIBERS("refused"),
		[INBOX_ON_UNRESOLVED] = INBOX_INSERT " FROM" TO_SUBSCRIBERS("unresolved"),
	};
	static const char *const outbox_by[] = {
		[INBOX_ON_ACKNOWLEDGED] = OUTBOX_INSERT TO_SUBSCRIBERS("acknowledged") OUTBOX_END,
		[INBOX_ON_CLOSED] = OUTBOX_INSERT TO_SUBSCRIBERS("closed") OUTBOX_END,
		[INBOX_ON_NOTE_ADDED] = OUTBOX_INSERT TO_SUBSCRIBERS("note_added") OUTBOX_END,
		[INBOX_ON_FILE_ADDED] = OUTBOX_INSERT TO_SUBSCRIBERS("file_added") OUTBOX_END,
		[INBOX_ON_REFUSED] = OUTBOX_INSERT TO_SUBSCRIBERS("refused") OUTBOX_END,
		[INBOX_ON_UNRESOLVED] = OUTBOX_INSERT TO_SUBSCRIBERS("unresolved") OUTBOX_END,
	};
	enum db_status status = db_run(arena, NULL, inbox_by[on], "sssssii", item->kind,
				       item->subject, or_empty(item->body), or_empty(item->link),
				       item->created_at, group_id, except_staff_id);
	if (status != DB_OK)
		return status;
	return outbox_write(arena, outbox_by[on], "ssssssii", item, group_id, except_staff_id);
}

enum db_status inbox_to_admins(struct arena *arena, long long also_staff_id,
			       const struct inbox_item *item, long long *sent)
{
	struct db_result r;
	enum db_status status = db_run(arena, &r, INBOX_INSERT " FROM" TO_ADMINS, "sssssi",
				       item->kind, item->subject, or_empty(item->body),
				       or_empty(item->link), item->created_at, also_staff_id);
	if (sent != NULL)
		*sent = status == DB_OK ? (long long)r.affected : 0;
	if (status != DB_OK)
		return status;
	return outbox_write(arena, OUTBOX_INSERT TO_ADMINS OUTBOX_END, "ssssssi", item,
			    also_staff_id, 0);
}

enum db_status inbox_to_announcement(struct arena *arena, long long announcement_id, bool everyone,
				     const struct inbox_item *item, long long *sent)
{
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at,"
		" announcement_id)"
		" SELECT DISTINCT s.id, ?, LEFT(?, 300), LEFT(?, 2000), LEFT(?, 300),"
		" COALESCE(?, UTC_TIMESTAMP()), ? FROM" TO_ANNOUNCEMENT,
		"sssssiii", item->kind, item->subject, or_empty(item->body), or_empty(item->link),
		item->created_at, announcement_id, (long long)everyone, announcement_id);
	if (sent != NULL)
		*sent = status == DB_OK ? (long long)r.affected : 0;
	if (status != DB_OK)
		return status;
	return outbox_write(arena, OUTBOX_INSERT TO_ANNOUNCEMENT OUTBOX_END, "ssssssii", item,
			    (long long)everyone, announcement_id);
}
