/* GET /api/postcodes/<postcode>: the town and residing local authority of a postcode, for the
 * "Find address details" button of the address step (views/static/postcode-lookup.js). The
 * page does the same without JavaScript when its form is posted. */
#include "api_postcodes.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../log.h"
#include "../validate.h"
#include "../model/postcode.h"
#include "pages.h"

static void answer(struct request *req, int status, const char *json)
{
	req->status = status;
	http_header_add(req, "Content-Type", "application/json; charset=utf-8");
	http_header_add(req, "Cache-Control", "no-store");
	http_body_puts(req, json);
	http_body_puts(req, "\n");
}

static void answer_error(struct request *req, int status, const char *error, const char *message)
{
	answer(req, status,
	       arena_printf(req->arena, "{\"error\":%s,\"message\":%s}",
	                    http_json_string(req->arena, error), http_json_string(req->arena, message)));
}

void page_api_postcode(struct request *req)
{
	/* the path arrives as sent: "LS1%201UR" */
	const char *raw = req->captures[0];
	size_t raw_len = strlen(raw);
	char *typed = arena_alloc(req->arena, raw_len + 1);
	long decoded = req_percent_decode(raw, raw_len, typed);
	if (decoded < 0 || !req_valid_utf8(typed, (size_t)decoded) ||
	    memchr(typed, '\0', (size_t)decoded) != NULL) {
		answer_error(req, 400, "invalid", "Enter a full UK postcode, like SW1A 1AA");
		return;
	}
	typed[decoded] = '\0';
	char key[VALID_POSTCODE_KEY_SIZE];
	const char *problem = valid_postcode_key(typed, key);
	if (problem != NULL) {
		answer_error(req, 400, "invalid", problem);
		return;
	}
	char shown[VALID_POSTCODE_SIZE];
	valid_postcode(key, shown);
	struct postcode_lookup found;
	bool exists = false;
	enum db_status status = postcode_lookup(req->arena, key, &found, &exists);
	if (status != DB_OK) {
		log_error("postcode lookup: database status %d", (int)status);
		answer_error(req, status == DB_UNAVAILABLE || status == DB_RETRY ? 503 : 500,
		             "database",
		             "The postcode lookup is not working at the moment: enter the town and "
		             "choose the local authority yourself");
		return;
	}
	if (!exists) {
		answer_error(
		    req, 404, "not_found",
		    arena_printf(req->arena,
		                 "Postcode %s is not in the postcode list: enter the town and "
		                 "choose the local authority yourself",
		                 shown));
		return;
	}
	struct arena *a = req->arena;
	answer(
	    req, 200,
	    arena_printf(
	        a,
	        "{\"postcode\":%s,\"town\":%s,\"local_authority_id\":%lld,\"local_authority\":%s,"
	        "\"local_authority_code\":%s,\"local_authority_active\":%s,\"terminated\":%s}",
	        http_json_string(a, found.postcode),
	        found.town != NULL && found.town[0] != '\0' ? http_json_string(a, found.town) : "null",
	        found.local_authority_id, http_json_string(a, found.local_authority),
	        http_json_string(a, found.local_authority_code),
	        found.local_authority_active ? "true" : "false",
	        found.terminated ? "true" : "false"));
}
