/* E-mail preferences: per kind of message, inbox only / e-mail at once / daily digest, and the
 * digest's hour; the address (from the directory) shown read-only. */
#ifndef REFERRALS_PAGES_MAIL_PREFERENCES_H
#define REFERRALS_PAGES_MAIL_PREFERENCES_H

#include "../http.h"

/* GET /preferences */
void page_mail_preferences(struct request *req);
/* POST /preferences: mode_<kind> for each kind, digest_hour 0-23 */
void page_mail_preferences_save(struct request *req);

/* clang-format off */
#define MAIL_PREFERENCES_ROUTES                                                                    \
	{HTTP_GET, "/preferences", ROLE_STAFF, page_mail_preferences, ROUTE_PAGE},                  \
	{HTTP_POST, "/preferences", ROLE_STAFF, page_mail_preferences_save, ROUTE_PAGE},
/* clang-format on */

#endif
