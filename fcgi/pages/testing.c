/* Routes for the test suite only (Referrals.Testing = 1): every error page on demand. */
#include <stdlib.h>

#include "../render.h"
#include "pages.h"

void page_test_status(struct request *req)
{
	int status = atoi(req->captures[0]);
	switch (status) {
	case 400: case 403: case 404: case 405: case 409: case 413: case 429: case 500: case 503:
		if (status == 405)
			http_header_add(req, "Allow", "GET");
		view_error(req, status, NULL);
		break;
	default:
		view_error(req, 404, NULL);
	}
}
