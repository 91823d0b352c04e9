/* The inbox page's reading: a page of messages with whom each is about, of every message or of
 * one organisation's, in as many statements as the plain list (two). */
#include "inbox_view.h"

#include <string.h>

#include "../arena.h"

/* The referral a message links to: its link is exactly "/referrals/N" (the writers' form). */
/* clang-format off */
#define LINKED_REFERRAL(m)                                                                         \
	"referrals r ON " m ".link REGEXP '^/referrals/[0-9]{1,19}$'"                              \
	" AND r.id = CAST(SUBSTRING(" m ".link, 12) AS UNSIGNED)"
/* clang-format on */

/* The client's name when the scope's organisation may see them (binds admin, org_id). */
/* clang-format off */
#define CLIENT_NAME                                                                                \
	"IF(r.id IS NULL, '', IF(? = 1 OR EXISTS (SELECT 1 FROM client_orgs co"                    \
	"  WHERE co.client_id = r.client_id AND co.organisation_id = ?),"                         \
	"  CONCAT(c.first_name, ' ', c.last_name), ''))"
#define PAGE_COLUMNS                                                                               \
	"SELECT x.id, x.kind, x.subject, x.body, x.link,"                                          \
	" DATE_FORMAT(x.created_at, '%Y-%m-%d %H:%i:%s'), x.read_at IS NULL, " CLIENT_NAME ","   \
	" COALESCE(r.client_id, 0)"
/* The latest INBOX_COUNT_CAP messages about org_id's referrals (binds staff_id, cap, org_id) */
#define ORG_MESSAGES                                                                               \
	" FROM (SELECT id, kind, subject, body, link, created_at, read_at"                         \
	"  FROM inbox_messages FORCE INDEX (inbox_recent) WHERE staff_id = ?"                      \
	"  ORDER BY created_at DESC, id DESC LIMIT ?) x JOIN " LINKED_REFERRAL("x")                \
	" JOIN clients c ON c.id = r.client_id WHERE ? IN (r.sending_org_id, r.receiving_org_id)"
/* clang-format on */

/* The counts: of every message (each capped, from its index), or of org_id's. */
static enum db_status page_counts(struct arena *arena, long long staff_id, long long org_id,
				  struct inbox_page *out)
{
	long long cap = INBOX_COUNT_CAP;
	struct db_result r;
	enum db_status st;
	if (org_id)
		st = db_run(arena, &r,
			    "SELECT COUNT(*), COALESCE(SUM(x.read_at IS NULL), 0)" ORG_MESSAGES,
			    "iii", staff_id, cap, org_id);
	else
		st = db_run(
			arena, &r,
			"SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM inbox_messages FORCE INDEX "
			"(inbox_recent) WHERE staff_id = ? LIMIT ?) a),"
			" (SELECT COUNT(*) FROM (SELECT 1 FROM inbox_messages FORCE INDEX "
			"(inbox_unread) WHERE staff_id = ? AND read_at IS NULL LIMIT ?) u)",
			"iiii", staff_id, cap + 1, staff_id, cap + 1);
	if (st != DB_OK)
		return st;
	out->total = r.rows == 1 ? db_int(&r, 0, 0, 0) : 0;
	out->unread = r.rows == 1 ? db_int(&r, 0, 1, 0) : 0;
	out->pages = (out->total + INBOX_PAGE_SIZE - 1) / INBOX_PAGE_SIZE;
	if (out->pages > INBOX_COUNT_CAP / INBOX_PAGE_SIZE)
		out->pages = INBOX_COUNT_CAP / INBOX_PAGE_SIZE;
	if (out->pages < 1)
		out->pages = 1;
	return DB_OK;
}

enum db_status inbox_view_page(struct arena *arena, long long staff_id, long long org_id,
			       const struct scope *scope, long long page, struct inbox_page *out,
			       const char ***names, long long **client_ids)
{
	memset(out, 0, sizeof *out);
	*names = NULL;
	*client_ids = NULL;
	enum db_status st = page_counts(arena, staff_id, org_id, out);
	if (st != DB_OK)
		return st;
	out->page = page < 1 ? 1 : page > out->pages ? out->pages : page;
	long long offset = (out->page - 1) * INBOX_PAGE_SIZE, size = INBOX_PAGE_SIZE;
	long long admin = scope->admin;
	struct db_result rows;
	if (org_id)
		st = db_run(arena, &rows,
			    PAGE_COLUMNS ORG_MESSAGES " ORDER BY x.created_at DESC, x.id DESC"
						      " LIMIT ? OFFSET ?",
			    "iiiiiii", admin, scope->org_id, staff_id, (long long)INBOX_COUNT_CAP,
			    org_id, size, offset);
	else /* one page read from the index, then each message's referral and client */
		st = db_run(arena, &rows,
			    PAGE_COLUMNS " FROM (SELECT id, kind, subject, body, link, created_at,"
					 " read_at FROM inbox_messages FORCE INDEX (inbox_recent)"
					 " WHERE staff_id = ? ORDER BY created_at DESC, id DESC"
					 " LIMIT ? OFFSET ?) x LEFT JOIN " LINKED_REFERRAL(
						 "x") " LEFT JOIN clients c ON c.id = r.client_id"
						      " ORDER BY x.created_at DESC, x.id DESC",
			    "iiiii", admin, scope->org_id, staff_id, size, offset);
	if (st != DB_OK)
		return st;
	out->items = arena_zalloc(arena, (rows.rows + 1) * sizeof *out->items);
	*names = arena_zalloc(arena, (rows.rows + 1) * sizeof **names);
	*client_ids = arena_zalloc(arena, (rows.rows + 1) * sizeof **client_ids);
	for (size_t i = 0; i < rows.rows; i++) {
		struct inbox_message *m = &out->items[i];
		m->id = db_int(&rows, i, 0, 0);
		m->kind = db_value(&rows, i, 1);
		m->subject = db_value(&rows, i, 2);
		m->body = db_value(&rows, i, 3);
		m->link = db_value(&rows, i, 4);
		m->created_at = db_value(&rows, i, 5);
		m->unread = db_int(&rows, i, 6, 0) != 0;
		const char *name = db_value(&rows, i, 7);
		(*names)[i] = name ? name : "";
		(*client_ids)[i] = name && name[0] ? db_int(&rows, i, 8, 0) : 0;
	}
	out->count = rows.rows;
	return DB_OK;
}
