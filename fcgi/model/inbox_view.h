/* The inbox page's reading beyond the messages themselves (issue 12 point 7): whom each
 * message is about, looked up when shown and never stored in the message, and the messages
 * about one organisation's referrals. Read-only; model/inbox.c writes the messages. */
#ifndef REFERRALS_MODEL_INBOX_VIEW_H
#define REFERRALS_MODEL_INBOX_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "inbox.h"
#include "scope.h"

/* The client of the referral a message links to ("/referrals/N"). */
struct inbox_about {
	long long message_id;
	long long referral_id;
	const char *client_name; /* "" unless the scope's organisation may see the client */
};

struct inbox_about_list {
	struct inbox_about *items;
	size_t count;
};

/* For the messages of one page of staff_id's inbox: the client each is about, named only when
 * the scope's organisation may see that client (client_orgs, as every client page asks; an
 * administrator: every client). One statement over the page's range of the inbox's index. */
enum db_status inbox_about(struct arena *arena, long long staff_id, const struct scope *scope,
			   const struct inbox_page *page, struct inbox_about_list *out);

/* As inbox_list, but only the messages about referrals org_id sent or received, among the
 * latest INBOX_COUNT_CAP messages (the pages reach no further). */
enum db_status inbox_list_org(struct arena *arena, long long staff_id, long long org_id,
			      long long page, struct inbox_page *out);

#endif
