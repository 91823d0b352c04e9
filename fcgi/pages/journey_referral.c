/* The referral journey: referral details, receiving organisations, questionnaire (being written). */
#include "journey.h"

#include "../render.h"
#include "pages.h"

const char *const *journey_details_fields(struct journey *j, size_t *count)
{
	*count = 0;
	return NULL;
}

void journey_details_prepare(struct journey *j)
{
}

bool journey_details_validate(struct journey *j)
{
	return true;
}

const char *const *journey_receivers_fields(struct journey *j, size_t *count)
{
	*count = 0;
	return NULL;
}

void journey_receivers_prepare(struct journey *j)
{
}

bool journey_receivers_validate(struct journey *j)
{
	return true;
}

const char *const *journey_questions_fields(struct journey *j, size_t *count)
{
	*count = 0;
	return NULL;
}

void journey_questions_prepare(struct journey *j)
{
}

bool journey_questions_validate(struct journey *j)
{
	return true;
}
