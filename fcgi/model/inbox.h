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
	const char *kind; /* "overdue", "consent_renewal", "acknowledged", ... */
	const char *subject;
	const char *body;
	const char *link;	/* a path inside the application ("/referrals/12"), or "" */
	const char *created_at; /* "YYYY-MM-DD HH:MM:SS", UTC */
	bool unread;
};

struct inbox_page {
	struct inbox_message *items;
	size_t count;
	long long total, unread; /* each at most INBOX_COUNT_CAP + 1 (then "more than") */
	long long page, pages;	 /* page is clamped to 1..pages (pages >= 1) */
};

/* One page (1-based) of staff_id's messages, newest first. */
enum db_status inbox_list(struct arena *arena, long long staff_id, long long page,
			  struct inbox_page *out);

/* Marks message id read if it is staff_id's; *found false when it is not theirs or not there. */
enum db_status inbox_mark_read(struct arena *arena, long long staff_id, long long id, bool *found);
/* Marks every unread message of staff_id read; *count how many. */
enum db_status inbox_mark_all_read(struct arena *arena, long long staff_id, long long *count);

/* ---- writing: the only place that writes inbox_messages and mail_outbox ----
 * Each function also writes an outbox row for each recipient whose choice for the kind
 * (model/mail_prefs.h) is an e-mail. Each function writes inside the caller's transaction when
 * there is one (the message then appears or vanishes with the change it tells of). Subject, body
 * and link are cut to the columns' lengths here; created_at NULL means now (the jobs pass their
 * clock). */
struct inbox_item {
	const char *kind; /* "overdue", "new_referral", ... (see struct inbox_message) */
	const char *subject;
	const char *body;	/* NULL: "" */
	const char *link;	/* NULL: "" */
	const char *created_at; /* "YYYY-MM-DD HH:MM:SS" UTC, or NULL for now */
	/* The e-mail's subject and body when the inbox text holds personal data (a client's
	 * name): NULL means the inbox's subject and body, which then must hold none. */
	const char *mail_subject, *mail_body;
};

/* The referral-group updates a sender's staff may opt in to (referral_subscriptions). */
enum inbox_subscription {
	INBOX_ON_ACKNOWLEDGED,
	INBOX_ON_CLOSED,
	INBOX_ON_NOTE_ADDED,
	INBOX_ON_FILE_ADDED,
	INBOX_ON_REFUSED,
	INBOX_ON_UNRESOLVED,
};

/* To one person (whether active or not: the caller chose them). */
enum db_status inbox_to_person(struct arena *arena, long long staff_id,
			       const struct inbox_item *item);
/* To every active staff member of the organisation, once each; *sent how many (may be NULL). */
enum db_status inbox_to_org_staff(struct arena *arena, long long org_id,
				  const struct inbox_item *item, long long *sent);
/* The same, except except_staff_id (0: none), usually the one who made the change. */
enum db_status inbox_to_org_staff_except(struct arena *arena, long long org_id,
					 long long except_staff_id, const struct inbox_item *item,
					 long long *sent);
/* To the group's active subscribers who chose this update, except except_staff_id (0: none),
 * usually the one who made it. */
enum db_status inbox_to_subscribers(struct arena *arena, long long group_id,
				    enum inbox_subscription on, long long except_staff_id,
				    const struct inbox_item *item);
/* To every active administrator, and to also_staff_id when active (0: nobody else), once
 * each; *sent how many (may be NULL). */
enum db_status inbox_to_admins(struct arena *arena, long long also_staff_id,
			       const struct inbox_item *item, long long *sent);

/* An announcement's messages (inbox_messages.announcement_id): to every active staff member
 * (everyone) or to the active staff of its announcement_organisations, once each; *sent how
 * many (may be NULL). */
enum db_status inbox_to_announcement(struct arena *arena, long long announcement_id, bool everyone,
				     const struct inbox_item *item, long long *sent);

#endif
