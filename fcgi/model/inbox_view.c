/* The inbox page's reading: whom each message is about, and the messages of one organisation. */
#include "inbox_view.h"

#include <string.h>

#include "../arena.h"

/* The referral a message links to: its link is exactly "/referrals/N" (the writers' form). */
/* clang-format off */
#define LINKED_REFERRAL(m)                                                                         \
	"referrals r ON " m ".link REGEXP '^/referrals/[0-9]{1,19}$'"                              \
	" AND r.id = CAST(SUBSTRING(" m ".link, 12) AS UNSIGNED)"
/* clang-format on */

enum db_status inbox_about(struct arena *arena, long long staff_id, const struct scope *scope,
			   const struct inbox_page *page, struct inbox_about_list *out)
{
	out->items = NULL;
	out->count = 0;
	if (page->count == 0)
		return DB_OK;
	/* the page is a range of (staff_id, created_at): newest first */
	const char *newest = page->items[0].created_at,
		   *oldest = page->items[page->count - 1].created_at;
	struct db_result r;
	enum db_status st =
		db_run(arena, &r,
		       "SELECT m.id, r.id, IF(? = 1 OR EXISTS (SELECT 1 FROM client_orgs co"
		       "  WHERE co.client_id = r.client_id AND co.organisation_id = ?),"
		       "  CONCAT(c.first_name, ' ', c.last_name), '')"
		       " FROM inbox_messages m FORCE INDEX (inbox_recent) JOIN " LINKED_REFERRAL(
			       "m") " JOIN clients c ON c.id = r.client_id"
				    " WHERE m.staff_id = ? AND m.created_at BETWEEN ? AND ?",
		       "iiiss", (long long)scope->admin, scope->org_id, staff_id, oldest, newest);
	if (st != DB_OK)
		return st;
	out->items = arena_zalloc(arena, (r.rows + 1) * sizeof *out->items);
	for (size_t i = 0; i < r.rows; i++) {
		const char *name = db_value(&r, i, 2);
		out->items[out->count++] = (struct inbox_about){
			.message_id = db_int(&r, i, 0, 0),
			.referral_id = db_int(&r, i, 1, 0),
			.client_name = name ? name : "",
		};
	}
	return DB_OK;
}

/* The latest messages of the inbox that are about org_id's referrals (aliases: x). */
/* clang-format off */
#define ORG_MESSAGES                                                                               \
	" FROM (SELECT id, kind, subject, body, link, created_at, read_at"                         \
	"  FROM inbox_messages FORCE INDEX (inbox_recent) WHERE staff_id = ?"                      \
	"  ORDER BY created_at DESC, id DESC LIMIT ?) x JOIN " LINKED_REFERRAL("x")                \
	" WHERE ? IN (r.sending_org_id, r.receiving_org_id)"
/* clang-format on */

enum db_status inbox_list_org(struct arena *arena, long long staff_id, long long org_id,
			      long long page, struct inbox_page *out)
{
	memset(out, 0, sizeof *out);
	long long cap = INBOX_COUNT_CAP;
	struct db_result counts;
	enum db_status st = db_run(
		arena, &counts, "SELECT COUNT(*), COALESCE(SUM(x.read_at IS NULL), 0)" ORG_MESSAGES,
		"iii", staff_id, cap, org_id);
	if (st != DB_OK)
		return st;
	out->total = counts.rows == 1 ? db_int(&counts, 0, 0, 0) : 0;
	out->unread = counts.rows == 1 ? db_int(&counts, 0, 1, 0) : 0;
	out->pages = (out->total + INBOX_PAGE_SIZE - 1) / INBOX_PAGE_SIZE;
	if (out->pages < 1)
		out->pages = 1;
	out->page = page < 1 ? 1 : page > out->pages ? out->pages : page;
	struct db_result rows;
	st = db_run(
		arena, &rows,
		"SELECT x.id, x.kind, x.subject, x.body, x.link,"
		" DATE_FORMAT(x.created_at, '%Y-%m-%d %H:%i:%s'), x.read_at IS NULL" ORG_MESSAGES
		" ORDER BY x.created_at DESC, x.id DESC LIMIT ? OFFSET ?",
		"iiiii", staff_id, cap, org_id, (long long)INBOX_PAGE_SIZE,
		(out->page - 1) * INBOX_PAGE_SIZE);
	if (st != DB_OK)
		return st;
	out->items = arena_zalloc(arena, (rows.rows + 1) * sizeof *out->items);
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
