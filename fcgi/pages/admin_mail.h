/* E-mail delivery for administrators: the outbox's backlog and the messages that failed, with
 * the reason. */
#ifndef REFERRALS_PAGES_ADMIN_MAIL_H
#define REFERRALS_PAGES_ADMIN_MAIL_H

#include "../http.h"

/* GET /admin/mail */
void page_admin_mail(struct request *req);

/* clang-format off */
#define ADMIN_MAIL_ROUTES                                                                          \
	{HTTP_GET, "/admin/mail", ROLE_ADMIN, page_admin_mail, ROUTE_PAGE},
/* clang-format on */

#endif
