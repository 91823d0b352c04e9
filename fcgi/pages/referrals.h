/* The referral page and its lifecycle: acknowledge, refuse, close, withdraw; grouping. Routes and
 * handlers. */
#ifndef REFERRALS_PAGES_REFERRALS_H
#define REFERRALS_PAGES_REFERRALS_H

#include "../http.h"

void page_referral(struct request *req);
void page_referral_acknowledge(struct request *req);
void page_referral_refuse(struct request *req);
void page_referral_close(struct request *req);
void page_referral_withdraw(struct request *req);

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define REFERRAL_ROUTES \
	{HTTP_GET, "/referrals/([0-9]+)", ROLE_STAFF, page_referral, ROUTE_PAGE}, \
	{HTTP_POST, "/referrals/([0-9]+)/acknowledge", ROLE_STAFF, page_referral_acknowledge, ROUTE_PAGE}, \
	{HTTP_POST, "/referrals/([0-9]+)/refuse", ROLE_STAFF, page_referral_refuse, ROUTE_PAGE}, \
	{HTTP_POST, "/referrals/([0-9]+)/close", ROLE_STAFF, page_referral_close, ROUTE_PAGE}, \
	{HTTP_POST, "/referrals/([0-9]+)/withdraw", ROLE_STAFF, page_referral_withdraw, ROUTE_PAGE},
/* clang-format on */

#endif
