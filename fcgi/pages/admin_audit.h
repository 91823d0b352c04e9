/* The audit log page, where every change and sign-in can be looked up. Its route is in
 * ADMIN_STAFF_ROUTES (admin_staff.h), next to the staff pages it links to. */
#ifndef REFERRALS_PAGES_ADMIN_AUDIT_H
#define REFERRALS_PAGES_ADMIN_AUDIT_H

#include "../http.h"

void page_admin_audit(struct request *req); /* GET /admin/audit */

#endif
