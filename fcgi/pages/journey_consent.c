/* The referral journey: consent (PRODUCT.md "Clients", "Consent"). The user confirms the
 * client's consent to this referral and to their information being shared, and says who gave
 * it: the client, or someone else on their behalf, whose name and relationship are then
 * required. The date and time and the user who recorded it are not asked: the send records
 * them (consents.recorded_at, recorded_by). */
#include "journey.h"

#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../validate.h"
#include "pages.h"

#define CONSENTOR_NAME_MAX 200         /* characters, as consents.consentor_name */
#define CONSENTOR_RELATIONSHIP_MAX 100 /* characters, as consents.consentor_relationship */

static const char *const consent_fields[] = {"consent", "consent_given_by", "consentor_name",
					     "consentor_relationship"};

const char *const *journey_consent_fields(struct journey *j, size_t *count)
{
	(void)j;
	*count = sizeof consent_fields / sizeof consent_fields[0];
	return consent_fields;
}

void journey_consent_prepare(struct journey *j)
{
	struct request *req = j->req;
	view_set(req, "Consent.Given.0.Value", "client");
	view_set(req, "Consent.Given.0.Text", "The client");
	view_set(req, "Consent.Given.1.Value", "someone_else");
	view_set(req, "Consent.Given.1.Text", "Someone else on the client's behalf");
	view_set(req, "Consent.Given.1.Hint", "For example, a parent, carer or advocate");
}

/* A required one-line text of at most max characters; label starts the messages. */
static bool check_text(struct journey *j, const char *field, size_t max, const char *missing,
		       const char *label)
{
	struct request *req = j->req;
	const char *value = journey_value(j, field);
	if (!valid_required(value)) {
		form_error(req, field, missing);
		return false;
	}
	if (valid_single_line(value) != NULL) {
		form_error(req, field, arena_printf(req->arena, "%s must be on one line", label));
		return false;
	}
	if (valid_text_length(value, 1, max) != VALID_LENGTH_OK) {
		form_error(req, field, arena_printf(req->arena, "%s must be %zu characters or fewer", label, max));
		return false;
	}
	return true;
}

bool journey_consent_validate(struct journey *j)
{
	struct request *req = j->req;
	bool ok = true;
	if (strcmp(journey_value(j, "consent"), "yes") != 0) {
		form_error(req, "consent", "Confirm that the client has consented to this referral and to their "
					   "information being shared");
		ok = false;
	}
	const char *given_by = journey_value(j, "consent_given_by");
	if (strcmp(given_by, "client") == 0)
		return ok;
	if (strcmp(given_by, "someone_else") != 0) {
		form_error(req, "consent_given_by", "Select who gave consent");
		return false;
	}
	ok = check_text(j, "consentor_name", CONSENTOR_NAME_MAX, "Enter the name of the person who gave consent",
			"The name of the person who gave consent") && ok;
	ok = check_text(j, "consentor_relationship", CONSENTOR_RELATIONSHIP_MAX,
			"Enter their relationship to the client", "Their relationship to the client") && ok;
	return ok;
}
