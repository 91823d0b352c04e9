/* Announcements: administrators write one to all staff or chosen organisations, see how many
 * it will reach before sending, and afterwards its reach and read rate and who has read it. */
#ifndef REFERRALS_PAGES_ADMIN_ANNOUNCEMENTS_H
#define REFERRALS_PAGES_ADMIN_ANNOUNCEMENTS_H

#include "../http.h"

/* GET /admin/announcements */
void page_announcements(struct request *req);
/* GET /admin/announcements/new */
void page_announcement_new(struct request *req);
/* POST /admin/announcements/new: subject, body, audience ("everyone"/"organisations"), org
 * (repeated); without confirm=1 it shows the recipient count and asks to confirm. */
void page_announcement_send(struct request *req);
/* GET /admin/announcements/N */
void page_announcement(struct request *req);

/* clang-format off */
#define ADMIN_ANNOUNCEMENT_ROUTES                                                                  \
	{HTTP_GET, "/admin/announcements", ROLE_ADMIN, page_announcements, ROUTE_PAGE},              \
	{HTTP_GET, "/admin/announcements/new", ROLE_ADMIN, page_announcement_new, ROUTE_PAGE},       \
	{HTTP_POST, "/admin/announcements/new", ROLE_ADMIN, page_announcement_send, ROUTE_PAGE},     \
	{HTTP_GET, "/admin/announcements/([0-9]+)", ROLE_ADMIN, page_announcement, ROUTE_PAGE},
/* clang-format on */

#endif
