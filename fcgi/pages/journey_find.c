/* The referral journey: find the client (being written). */
#include "journey.h"

#include "../render.h"
#include "pages.h"

const char *const *journey_find_fields(struct journey *j, size_t *count)
{
	*count = 0;
	return NULL;
}

void journey_find_prepare(struct journey *j)
{
}

bool journey_find_validate(struct journey *j)
{
	return true;
}

bool journey_find_after(struct journey *j)
{
	return false;
}

bool journey_client_visible(struct request *req, long long client_id)
{
	return false;
}

void page_draft_choose_client(struct request *req)
{
	view_error(req, 404, NULL);
}
