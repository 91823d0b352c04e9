/* Reference data: local authorities, postcodes (lookup, counts, ONSPD import), and the title,
 * gender and pronoun lists. Routes and handlers; every route is for administrators only. */
#ifndef REFERRALS_PAGES_ADMIN_REFERENCE_H
#define REFERRALS_PAGES_ADMIN_REFERENCE_H

#include "../http.h"

void page_local_authorities(struct request *req);
void page_local_authority_add(struct request *req);
void page_local_authority_edit(struct request *req);
void page_local_authority_save(struct request *req);
void page_local_authority_deactivate(struct request *req);
void page_local_authority_activate(struct request *req);
void page_local_authority_delete(struct request *req);
void page_postcodes(struct request *req);
void page_postcode_import_form(struct request *req);
void page_postcode_import(struct request *req);
void page_reference_lists(struct request *req);
void page_reference_list(struct request *req);
void page_reference_value_add(struct request *req);
void page_reference_value_edit(struct request *req);
void page_reference_value_save(struct request *req);
void page_reference_value_retire(struct request *req);
void page_reference_value_restore(struct request *req);
void page_reference_value_move(struct request *req);

/* Entries of the application's route table (fcgi/routes.c). An upload sent after the session
 * timed out is not kept for after sign-in: the file cannot be. */
/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define ADMIN_REFERENCE_ROUTES \
	{HTTP_GET, "/admin/local-authorities", ROLE_ADMIN, page_local_authorities, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/local-authorities", ROLE_ADMIN, page_local_authority_add, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/local-authorities/([0-9]+)", ROLE_ADMIN, page_local_authority_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/local-authorities/([0-9]+)", ROLE_ADMIN, page_local_authority_save, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/local-authorities/([0-9]+)/deactivate", ROLE_ADMIN, page_local_authority_deactivate, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/local-authorities/([0-9]+)/activate", ROLE_ADMIN, page_local_authority_activate, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/local-authorities/([0-9]+)/delete", ROLE_ADMIN, page_local_authority_delete, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/postcodes", ROLE_ADMIN, page_postcodes, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/postcodes/import", ROLE_ADMIN, page_postcode_import_form, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/postcodes/import", ROLE_ADMIN, page_postcode_import, ROUTE_UPLOAD | ROUTE_NOT_RESUMABLE}, \
	{HTTP_GET, "/admin/lists", ROLE_ADMIN, page_reference_lists, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/lists/(title|gender|pronoun)", ROLE_ADMIN, page_reference_list, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/lists/(title|gender|pronoun)", ROLE_ADMIN, page_reference_value_add, ROUTE_PAGE}, \
	{HTTP_GET, "/admin/lists/(title|gender|pronoun)/([0-9]+)", ROLE_ADMIN, page_reference_value_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/lists/(title|gender|pronoun)/([0-9]+)", ROLE_ADMIN, page_reference_value_save, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/lists/(title|gender|pronoun)/([0-9]+)/retire", ROLE_ADMIN, page_reference_value_retire, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/lists/(title|gender|pronoun)/([0-9]+)/restore", ROLE_ADMIN, page_reference_value_restore, ROUTE_PAGE}, \
	{HTTP_POST, "/admin/lists/(title|gender|pronoun)/([0-9]+)/move", ROLE_ADMIN, page_reference_value_move, ROUTE_PAGE},
/* clang-format on */

#endif
