/* The Sent and Received lists. Routes and handlers. */
#ifndef REFERRALS_PAGES_LISTS_H
#define REFERRALS_PAGES_LISTS_H

#include "../http.h"

void page_referrals_sent(struct request *req);	   /* GET /referrals/sent */
void page_referrals_received(struct request *req); /* GET /referrals/received */

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define LIST_ROUTES                                                                                \
	{HTTP_GET, "/referrals/sent", ROLE_STAFF, page_referrals_sent, ROUTE_PAGE},                \
	    {HTTP_GET, "/referrals/received", ROLE_STAFF, page_referrals_received, ROUTE_PAGE},
/* clang-format on */

#endif
