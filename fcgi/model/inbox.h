/* Inbox messages: per-staff messages (updates on referrals a staff member sent and opted in
 * to, overdue referrals, system messages for administrators), mark read. The header's
 * unread count comes with the session (model/session_store.c). */
#ifndef REFERRALS_MODEL_INBOX_H
#define REFERRALS_MODEL_INBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

#define INBOX_PAGE_SIZE 20
#define INBOX_PAGE_MAX 100000
#define INBOX_COUNT_CAP 1000 /* counts stop here ("more than 1,000"); pages to 1,000 messages */

struct inbox_message {
	long long id;
	const char *kind;       /* "overdue", "consent_renewal", "acknowledged", ... */
	const char *subject;
	const char *body;
	const char *link;       /* a path inside the application ("/referrals/12"), or "" */
	const char *created_at; /* "YYYY-MM-DD HH:MM:SS", UTC */
	bool unread;
};

struct inbox_page {
	struct inbox_message *items;
	size_t count;
	long long total, unread; /* each at most INBOX_COUNT_CAP + 1 (then "more than") */
	long long page, pages; /* page is clamped to 1..pages (pages >= 1) */
};

/* One page (1-based) of staff_id's messages, newest first. */
enum db_status inbox_list(struct arena *arena, long long staff_id, long long page,
			  struct inbox_page *out);

/* Marks message id read if it is staff_id's; *found false when it is not theirs or not there. */
enum db_status inbox_mark_read(struct arena *arena, long long staff_id, long long id, bool *found);
/* Marks every unread message of staff_id read; *count how many. */
enum db_status inbox_mark_all_read(struct arena *arena, long long staff_id, long long *count);

/* Adds a message for staff_id (inside the caller's transaction if there is one). created_at
 * NULL means now. */
enum db_status inbox_send(struct arena *arena, long long staff_id, const char *kind,
			  const char *subject, const char *body, const char *link,
			  const char *created_at);

#endif
