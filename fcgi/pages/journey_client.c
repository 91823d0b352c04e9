/* The referral journey: client details, address (being written). */
#include "journey.h"

#include "../render.h"
#include "pages.h"

const char *const *journey_client_fields(struct journey *j, size_t *count)
{
	*count = 0;
	return NULL;
}

void journey_client_prepare(struct journey *j)
{
}

bool journey_client_validate(struct journey *j)
{
	return true;
}

const char *const *journey_address_fields(struct journey *j, size_t *count)
{
	*count = 0;
	return NULL;
}

void journey_address_prepare(struct journey *j)
{
}

bool journey_address_validate(struct journey *j)
{
	return true;
}
