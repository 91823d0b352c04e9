/* Clients: the list of the active organisation's clients, a client's profile (Details and
 * Referrals tabs), and the as-you-type client search of the find step (JSON). Staff see only
 * the clients their active organisation can see (PRODUCT.md "Clients"); administrators see
 * every client. A client an organisation cannot see is answered 404, as if it did not exist. */
#ifndef REFERRALS_PAGES_CLIENTS_H
#define REFERRALS_PAGES_CLIENTS_H

#include "../http.h"

void page_clients(struct request *req);                 /* GET /clients */
void page_client(struct request *req);                  /* GET /clients/N */
void page_client_referrals(struct request *req);        /* GET /clients/N/referrals */
void page_client_edit(struct request *req);             /* GET /clients/N/edit */
void page_client_edit_post(struct request *req);        /* POST /clients/N/edit */
/* Renewing the expired consent of a referral's group (the sender only; in clients.c). */
void page_referral_consent(struct request *req);        /* GET /referrals/N/consent */
void page_referral_consent_post(struct request *req);   /* POST /referrals/N/consent */
void page_api_client_search(struct request *req);       /* GET /api/clients/search */
void page_test_client_create(struct request *req);      /* POST /_test/clients (Testing only) */

/* Entries of the application's route table (fcgi/routes.c). */
#define CLIENT_ROUTES \
	{HTTP_GET, "/clients", ROLE_STAFF, page_clients, ROUTE_PAGE}, \
	{HTTP_GET, "/clients/([0-9]+)", ROLE_STAFF, page_client, ROUTE_PAGE}, \
	{HTTP_GET, "/clients/([0-9]+)/referrals", ROLE_STAFF, page_client_referrals, ROUTE_PAGE}, \
	{HTTP_GET, "/clients/([0-9]+)/edit", ROLE_STAFF, page_client_edit, ROUTE_PAGE}, \
	{HTTP_POST, "/clients/([0-9]+)/edit", ROLE_STAFF, page_client_edit_post, ROUTE_PAGE}, \
	{HTTP_GET, "/referrals/([0-9]+)/consent", ROLE_STAFF, page_referral_consent, ROUTE_PAGE}, \
	{HTTP_POST, "/referrals/([0-9]+)/consent", ROLE_STAFF, page_referral_consent_post, ROUTE_PAGE}, \
	{HTTP_GET, "/api/clients/search", ROLE_STAFF, page_api_client_search, ROUTE_JSON}, \
	{HTTP_POST, "/_test/clients", ROLE_ANYONE, page_test_client_create, ROUTE_TESTING_ONLY | ROUTE_JSON},

#endif
