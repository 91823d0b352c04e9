/* GET /resume, right after signing in: the form that was sent when the session had timed out
 * (parked by the pipeline, session.c) is sent again now, as if just submitted. */
#include <string.h>

#include "../config.h"
#include "../session.h"
#include "pages.h"

void page_resume(struct request *req)
{
	const char *path = NULL, *body = NULL;
	struct req_fields form = { 0 };
	if (!sess_take_parked_post(req, &path, &body) ||
	    req_parse_urlencoded(req->arena, body, strlen(body), &req->config->limits, &form) !=
		    REQ_OK) {
		http_redirect(req, "/");
		return;
	}
	/* The form was checked against its session when it was parked, and it is taken only
	 * by the same person: the pipeline routes it now as a POST to its path, with the role
	 * checks of that route but without its (old) form token. */
	req->method = HTTP_POST;
	req->path = path;
	req->form = form;
	req->raw_body = body;
	req->replay = true;
}
