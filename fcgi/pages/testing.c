/* Routes for the test suite only (Referrals.Testing = 1): every error page on demand, and a
 * slow request to prove that SIGTERM lets requests in flight finish. */
#include <stdlib.h>
#include <time.h>

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

void page_test_sleep(struct request *req)
{
	long ms = atol(req->captures[0]);
	struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
	/* SIGTERM is blocked during a request, so this sleep is not cut short by it */
	while (nanosleep(&pause, &pause) != 0)
		;
	req->status = 200;
	http_header_add(req, "Content-Type", "text/plain; charset=utf-8");
	http_body_puts(req, "slept\n");
}
