/* The referral journey: consent (PRODUCT.md "Clients", "Consent"), asked by the consent form
 * (consent_form.c) as Renew consent asks it. The date and time and the user who recorded it
 * are not asked: the send records them (consents.recorded_at, recorded_by). */
#include "journey.h"

#include "../form.h"
#include "consent_form.h"

const char *const *journey_consent_fields(struct journey *j, size_t *count)
{
	*count = CONSENT_FIELD_COUNT;
	return form_fields_names(j->req->arena, consent_fields, CONSENT_FIELD_COUNT);
}

void journey_consent_prepare(struct journey *j)
{
	consent_form_show_choices(j->req);
}

bool journey_consent_validate(struct journey *j)
{
	struct consent_answer answer;
	consent_form_read(j->req->arena, &j->draft.values, &answer);
	return form_fields_errors(j->req, &answer.read);
}
