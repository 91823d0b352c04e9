/* The consent form, one for both pages that ask it: the referral journey's consent step
 * (journey_consent.c) and Renew consent (referral_consent.c). The user confirms the client's
 * consent and says who gave it: the client, or someone else on their behalf, whose name and
 * relationship are then required (PRODUCT.md "Consent"). */
#ifndef REFERRALS_PAGES_CONSENT_FORM_H
#define REFERRALS_PAGES_CONSENT_FORM_H

#include <stdbool.h>

#include "../form_fields.h"
#include "../http.h"

enum consent_field {
	CONSENT_CONFIRMED,
	CONSENT_GIVEN_BY,
	CONSENT_CONSENTOR_NAME,
	CONSENT_CONSENTOR_RELATIONSHIP,
	CONSENT_FIELD_COUNT
};
extern const struct form_field consent_fields[CONSENT_FIELD_COUNT];

struct consent_answer {
	struct form_read read;
	bool by_client; /* false: someone else, named in the consentor values */
};

/* Reads and checks the form from source (a request's form, a draft's values); problems are
 * in out->read, not yet on the page. The consentor's values are "" when the client gave it. */
void consent_form_read(struct arena *arena, const struct req_fields *source,
		       struct consent_answer *out);
/* Consent.Given: the radios of who gave consent. */
void consent_form_show_choices(struct request *req);

#endif
