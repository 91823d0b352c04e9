/* Edit details: changing a client's details, read and checked by the client's form as the
 * referral journey does, each changed field recorded (PRODUCT.md "Clients"). Only an
 * organisation that can see the client may; others get 404 as for a client that does not
 * exist. Routed in CLIENT_ROUTES (clients.h). */
#ifndef REFERRALS_PAGES_CLIENT_EDIT_H
#define REFERRALS_PAGES_CLIENT_EDIT_H

#include "../http.h"

void page_client_edit(struct request *req);	 /* GET /clients/N/edit */
void page_client_edit_post(struct request *req); /* POST /clients/N/edit */

#endif
