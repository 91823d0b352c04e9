/* GET /api/postcodes/<postcode>: the town and residing local authority of a postcode, for the
 * "Find address details" button of the address step (views/static/postcode-lookup.js). The
 * page does the same without JavaScript when its form is posted. */
#include "api_postcodes.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../json.h"
#include "../log.h"
#include "../validate.h"
#include "../model/postcode.h"
#include "pages.h"

void page_api_postcode(struct request *req)
{
	/* the path arrives as sent: "LS1%201UR" */
	const char *raw = req->captures[0];
	size_t raw_len = strlen(raw);
	char *typed = arena_alloc(req->arena, raw_len + 1);
	long decoded = req_percent_decode(raw, raw_len, typed);
	if (decoded < 0 || !req_valid_utf8(typed, (size_t)decoded) ||
	    memchr(typed, '\0', (size_t)decoded) != NULL) {
		http_json_error(req, 400, "invalid", "Enter a full UK postcode, like SW1A 1AA",
				NULL);
		return;
	}
	typed[decoded] = '\0';
	char key[VALID_POSTCODE_KEY_SIZE];
	const char *problem = valid_postcode_key(typed, key);
	if (problem != NULL) {
		http_json_error(req, 400, "invalid", problem, NULL);
		return;
	}
	char shown[VALID_POSTCODE_SIZE];
	valid_postcode(key, shown);
	struct postcode_lookup found;
	bool exists = false;
	enum db_status status = postcode_lookup(req->arena, key, &found, &exists);
	if (status != DB_OK) {
		log_error("postcode lookup: database status %d", (int)status);
		http_json_error(
			req, status == DB_UNAVAILABLE || status == DB_RETRY ? 503 : 500, NULL,
			"The postcode lookup is not working at the moment: enter the town and "
			"choose the local authority yourself",
			NULL);
		return;
	}
	if (!exists) {
		http_json_error(
			req, 404, "not_found",
			arena_printf(req->arena,
				     "Postcode %s is not in the postcode list: enter the town "
				     "and choose the local authority yourself",
				     shown),
			NULL);
		return;
	}
	struct json json;
	json_init(&json, req->arena);
	json_object_begin(&json);
	json_member_string(&json, "postcode", found.postcode);
	json_member_string(&json, "town",
			   found.town != NULL && found.town[0] != '\0' ? found.town : NULL);
	json_member_int(&json, "local_authority_id", found.local_authority_id);
	json_member_string(&json, "local_authority", found.local_authority);
	json_member_string(&json, "local_authority_code", found.local_authority_code);
	json_member_bool(&json, "local_authority_active", found.local_authority_active);
	json_member_bool(&json, "terminated", found.terminated);
	json_object_end(&json);
	http_json(req, 200, &json);
}
