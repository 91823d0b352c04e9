/* Organisations: details, what they accept, their directory groups. Routes and handlers. */
#ifndef REFERRALS_PAGES_ADMIN_ORGANISATIONS_H
#define REFERRALS_PAGES_ADMIN_ORGANISATIONS_H

#include "../http.h"

void page_admin_organisations(struct request *req);
void page_admin_organisation_new(struct request *req);
void page_admin_organisation_create(struct request *req);
void page_admin_organisation_edit(struct request *req);
void page_admin_organisation_save(struct request *req);
/* The same form for the organisation's lead (issue 13): everything but its status, directory
 * groups and parent organisation, which stay administrators' (org_role_allows decides). */
void page_organisation_profile_edit(struct request *req);
void page_organisation_profile_save(struct request *req);

/* Entries of the application's route table (fcgi/routes.c). */
/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define ADMIN_ORGANISATION_ROUTES \
	{HTTP_GET, "/admin/organisations", ROLE_ADMIN, page_admin_organisations, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/organisations", ROLE_ADMIN, page_admin_organisation_create, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/organisations/new", ROLE_ADMIN, page_admin_organisation_new, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/organisations/([0-9]+)", ROLE_ADMIN, page_admin_organisation_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/organisations/([0-9]+)", ROLE_ADMIN, page_admin_organisation_save, ROUTE_PAGE},
/* clang-format on */

#endif
