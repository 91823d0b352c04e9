/* The inbox: a staff member's messages, newest first, paged; mark one or all read; the unread
 * count as JSON for the header badge (views/static/inbox-badge.js). */
#ifndef REFERRALS_PAGES_INBOX_H
#define REFERRALS_PAGES_INBOX_H

#include "../http.h"

/* GET /inbox[?page=N] */
void page_inbox(struct request *req);
/* POST /inbox/N/read: marks the message read (404 unless it is the user's), then back to the
 * inbox page in the field page. */
void page_inbox_read(struct request *req);
/* POST /inbox/read-all */
void page_inbox_read_all(struct request *req);
/* GET /api/inbox/unread: {"unread": N}, no-store. */
void page_api_inbox_unread(struct request *req);

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define INBOX_ROUTES                                                                               \
	{HTTP_GET, "/inbox", ROLE_STAFF, page_inbox, ROUTE_PAGE},                                  \
	{HTTP_POST, "/inbox/([0-9]+)/read", ROLE_STAFF, page_inbox_read, ROUTE_PAGE},              \
	{HTTP_POST, "/inbox/read-all", ROLE_STAFF, page_inbox_read_all, ROUTE_PAGE},               \
	{HTTP_GET, "/api/inbox/unread", ROLE_STAFF, page_api_inbox_unread,               \
	 ROUTE_JSON | ROUTE_BACKGROUND},
/* clang-format on */

#endif
