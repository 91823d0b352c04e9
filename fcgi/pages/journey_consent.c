/* The referral journey: consent (being written). */
#include "journey.h"

#include "../render.h"
#include "pages.h"

const char *const *journey_consent_fields(struct journey *j, size_t *count)
{
	*count = 0;
	return NULL;
}

void journey_consent_prepare(struct journey *j)
{
}

bool journey_consent_validate(struct journey *j)
{
	return true;
}
