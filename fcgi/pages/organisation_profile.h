/* The directory of organisations and each organisation's profile (issue 13), for every member
 * of staff; the profile's pause, resume and banner forms, and the lead's edit form (its
 * handlers are in admin_organisations.c, which owns the organisation form), for the
 * organisation's leads and administrators (org_role_allows, ORG_ROLE_LEAD). */
#ifndef REFERRALS_PAGES_ORGANISATION_PROFILE_H
#define REFERRALS_PAGES_ORGANISATION_PROFILE_H

#include "../http.h"
#include "admin_organisations.h"

void page_organisations_directory(struct request *req);
void page_organisation_profile(struct request *req);
void page_organisation_pause(struct request *req);
void page_organisation_resume(struct request *req);
void page_organisation_banner(struct request *req);

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define ORGANISATION_PROFILE_ROUTES \
	{HTTP_GET, "/organisations", ROLE_STAFF, page_organisations_directory, ROUTE_PAGE}, \
	{HTTP_GET, "/organisations/([0-9]+)", ROLE_STAFF, page_organisation_profile, ROUTE_PAGE}, \
	{HTTP_GET, "/organisations/([0-9]+)/edit", ROLE_STAFF, page_organisation_profile_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/edit", ROLE_STAFF, page_organisation_profile_save, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/pause", ROLE_STAFF, page_organisation_pause, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/resume", ROLE_STAFF, page_organisation_resume, ROUTE_PAGE}, \
	{HTTP_POST, "/organisations/([0-9]+)/banner", ROLE_STAFF, page_organisation_banner, ROUTE_PAGE},
/* clang-format on */

#endif
