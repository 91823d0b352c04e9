/* Helpers shared by the page handlers. */
#include <ctype.h>
#include <string.h>

#include "../render.h"
#include "pages.h"

void page_database_failed(struct request *req, enum db_status status)
{
	if (status == DB_UNAVAILABLE || status == DB_RETRY)
		view_error(req, 503, "The database cannot be reached at the moment. "
				     "Try again in a few minutes.");
	else
		view_error(req, 500, NULL);
}

long long page_parse_id(const char *text)
{
	if (text == NULL || text[0] == '\0' || strlen(text) > 18)
		return 0;
	long long value = 0;
	for (const char *p = text; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return 0;
		value = value * 10 + (*p - '0');
	}
	return value;
}
