/* Clients: the list of the active organisation's clients, a client's profile (Details and
 * Referrals tabs), and the as-you-type client search of the find step (JSON). Staff see only
 * the clients their active organisation can see (PRODUCT.md "Clients"); administrators see
 * every client. A client an organisation cannot see is answered 404, as if it did not exist. */
#ifndef REFERRALS_PAGES_CLIENTS_H
#define REFERRALS_PAGES_CLIENTS_H

#include <stdbool.h>

#include "../http.h"
#include "../model/client.h"

void page_clients(struct request *req);		  /* GET /clients */
void page_client(struct request *req);		  /* GET /clients/N */
void page_client_referrals(struct request *req);  /* GET /clients/N/referrals */
void page_api_client_search(struct request *req); /* GET /api/clients/search */

/* For the client's other pages (client_edit.c): */
/* The client of the path's id, if the active organisation may see it (administrators see
 * every client). Otherwise the 404 page, exactly as for an id that does not exist, and false. */
bool clients_load(struct request *req, struct client *client);
/* clients_load for a page that changes the client or adds to its record (Edit details, a
 * client note): also the 410 page, and false, when the client's details were removed
 * (issue 15: nothing more is written about a redacted client). */
bool clients_load_for_change(struct request *req, struct client *client);
/* The same, and with expired_ok the client whose consent has expired too (client->
 * consent_expired: the profile and the Referrals tab show who it is, nothing more). */
bool clients_load_as(struct request *req, struct client *client, bool expired_ok);
/* The parts of the profile every client page shows: name, date of birth, age. */
void clients_heading(struct request *req, const struct client *c);

/* Entries of the application's route table (fcgi/routes.c), which also includes the headers
 * of the handlers in other files: client_edit.h (Edit details), referral_consent.h (Renew
 * consent) and pages.h (testing.c: POST /_test/clients). */
/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
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
/* clang-format on */

#endif
