/* Staff: everyone who has signed in, their memberships and the source of each, manual
 * memberships, deactivation. The audit page's handler is in admin_audit.h. */
#ifndef REFERRALS_PAGES_ADMIN_STAFF_H
#define REFERRALS_PAGES_ADMIN_STAFF_H

#include "../http.h"
#include "admin_audit.h"

void page_admin_staff(struct request *req);
void page_admin_staff_show(struct request *req);
void page_admin_staff_add_membership(struct request *req);
void page_admin_staff_remove_membership(struct request *req);
void page_admin_staff_deactivate(struct request *req);
void page_admin_staff_reactivate(struct request *req);

/* Entries of the application's route table (fcgi/routes.c). */
/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define ADMIN_STAFF_ROUTES \
	{HTTP_GET, "/admin/staff", ROLE_ADMIN, page_admin_staff, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/staff/([0-9]+)", ROLE_ADMIN, page_admin_staff_show, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/staff/([0-9]+)/memberships", ROLE_ADMIN, page_admin_staff_add_membership, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/staff/([0-9]+)/memberships/([0-9]+)/remove", ROLE_ADMIN, page_admin_staff_remove_membership, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/staff/([0-9]+)/deactivate", ROLE_ADMIN, page_admin_staff_deactivate, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/staff/([0-9]+)/reactivate", ROLE_ADMIN, page_admin_staff_reactivate, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/audit", ROLE_ADMIN, page_admin_audit, ROUTE_PAGE},
/* clang-format on */

#endif
