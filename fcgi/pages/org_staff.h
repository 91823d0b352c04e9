/* An organisation's staff, run by its managers (and administrators): the members with their
 * roles and where each comes from, adding a person from the directory, changing roles,
 * removing manual memberships, and (administrators) the roles its directory groups give. */
#ifndef REFERRALS_PAGES_ORG_STAFF_H
#define REFERRALS_PAGES_ORG_STAFF_H

#include "../http.h"

void page_org_staff(struct request *req);
void page_org_staff_add(struct request *req);
void page_org_staff_role(struct request *req);
void page_org_staff_remove(struct request *req);
void page_org_staff_cancel(struct request *req);
void page_org_staff_group_role(struct request *req);

/* The rows of the route table (fcgi/routes.c). Every handler checks the organisation role
 * itself: the route only asks for a signed-in member of some organisation. */
/* clang-format off */
#define ORG_STAFF_ROUTES \
	{HTTP_GET, "/organisations/([0-9]+)/staff", ROLE_STAFF, page_org_staff, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/staff", ROLE_STAFF, page_org_staff_add, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/staff/([0-9]+)/role", ROLE_STAFF, page_org_staff_role, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/staff/([0-9]+)/remove", ROLE_STAFF, page_org_staff_remove, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/staff/pending/([0-9]+)/cancel", ROLE_STAFF, page_org_staff_cancel, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/groups/([0-9]+)/role", ROLE_ADMIN, page_org_staff_group_role, ROUTE_PAGE},
/* clang-format on */

#endif
