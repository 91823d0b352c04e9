/* The postcode lookup the address step's script calls: GET /api/postcodes/<postcode> answers
 * with the postcode's town and residing local authority as JSON. */
#ifndef REFERRALS_PAGES_API_POSTCODES_H
#define REFERRALS_PAGES_API_POSTCODES_H

#include "../http.h"

/* 200 {"postcode":"LS1 1UR","town":"Leeds","local_authority_id":N,"local_authority":"Leeds",
 *      "local_authority_code":"E08000035","local_authority_active":true,"terminated":false}
 * (town null when the directory gave none); 404 {"error":"not_found","message":...} for a
 * postcode not in the table; 400 {"error":"invalid","message":...} for one that is not a
 * postcode. */
void page_api_postcode(struct request *req);

/* The rows of the route table (fcgi/routes.c), kept as rows. */
/* clang-format off */
#define API_POSTCODE_ROUTES                                                                        \
	{HTTP_GET, "/api/postcodes/([^/]{1,40})", ROLE_STAFF, page_api_postcode, ROUTE_JSON},
/* clang-format on */

#endif
