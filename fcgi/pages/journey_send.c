/* The referral journey: check your answers (being written). */
#include "journey.h"

#include "../render.h"
#include "pages.h"

const char *const *journey_summary_fields(struct journey *j, size_t *count)
{
	*count = 0;
	return NULL;
}

void journey_summary_prepare(struct journey *j)
{
}

bool journey_summary_validate(struct journey *j)
{
	return true;
}

void page_draft_send(struct request *req)
{
	view_error(req, 404, NULL);
}
