/* Inbox messages. */
#include "inbox.h"

#include <string.h>

#include "../arena.h"

enum db_status inbox_list(struct arena *arena, long long staff_id, long long page,
			  struct inbox_page *out)
{
	memset(out, 0, sizeof *out);
	/* Both counts stop at INBOX_COUNT_CAP: a long-serving administrator's inbox holds
	 * hundreds of thousands of messages, and "more than 1,000" is all a page needs to say. */
	struct db_result counts;
	enum db_status status = db_run(
		arena, &counts,
		"SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM inbox_messages FORCE INDEX (inbox_recent)"
		"  WHERE staff_id = ? LIMIT ?) a),"
		" (SELECT COUNT(*) FROM (SELECT 1 FROM inbox_messages FORCE INDEX (inbox_unread)"
		"  WHERE staff_id = ? AND read_at IS NULL LIMIT ?) u)",
		"iiii", staff_id, (long long)INBOX_COUNT_CAP + 1, staff_id, (long long)INBOX_COUNT_CAP + 1);
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
	enum db_status status = db_run(arena, &result,
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

enum db_status inbox_send(struct arena *arena, long long staff_id, const char *kind,
			  const char *subject, const char *body, const char *link,
			  const char *created_at)
{
	return db_run(arena, NULL,
		      "INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)"
		      " VALUES (?, ?, LEFT(?, 300), LEFT(?, 2000), LEFT(?, 300),"
		      " COALESCE(?, UTC_TIMESTAMP()))",
		      "isssss", staff_id, kind, subject, body ? body : "", link ? link : "", created_at);
}
