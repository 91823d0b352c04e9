/* The consent form's field table and its one rule between fields: the consentor's name and
 * relationship belong to consent given by someone else. Column sizes are those of consents
 * (consentor_name, consentor_relationship), in characters. */
#include "consent_form.h"

#include <string.h>

#include "../render.h"

static const char *const confirmed[] = { "yes", NULL };
static const char *const given_by[] = { "client", "someone_else", NULL };

static const char confirm_message[] = "Confirm that the client has consented to this referral and "
				      "to their information being shared";

const struct form_field consent_fields[CONSENT_FIELD_COUNT] = {
	[CONSENT_CONFIRMED] = { .name = "consent",
				.label = "Consent",
				.check = form_check_option,
				.required = true,
				.missing = confirm_message,
				.invalid = confirm_message,
				.options = confirmed },
	[CONSENT_GIVEN_BY] = { .name = "consent_given_by",
			       .label = "Who gave consent",
			       .check = form_check_option,
			       .required = true,
			       .missing = "Select who gave consent",
			       .invalid = "Select who gave consent",
			       .options = given_by },
	[CONSENT_CONSENTOR_NAME] = { .name = "consentor_name",
				     .label = "The name of the person who gave consent",
				     .check = form_check_one_line,
				     .max_length = 200,
				     .missing = "Enter the name of the person who gave consent" },
	[CONSENT_CONSENTOR_RELATIONSHIP] = { .name = "consentor_relationship",
					     .label = "Their relationship to the client",
					     .check = form_check_one_line,
					     .max_length = 100,
					     .missing = "Enter their relationship to the client" },
};

void consent_form_read(struct arena *arena, const struct req_fields *source,
		       struct consent_answer *out)
{
	struct form_read *r = &out->read;
	form_fields_read(arena, source, consent_fields, CONSENT_FIELD_COUNT, r);
	const char *who = r->values[CONSENT_GIVEN_BY];
	out->by_client = strcmp(who, "client") == 0;
	if (strcmp(who, "someone_else") == 0) {
		form_fields_require(r, CONSENT_CONSENTOR_NAME);
		form_fields_require(r, CONSENT_CONSENTOR_RELATIONSHIP);
	} else {
		/* the client's own consent, or not yet said whose: nothing to ask of a consentor */
		form_fields_drop(r, CONSENT_CONSENTOR_NAME);
		form_fields_drop(r, CONSENT_CONSENTOR_RELATIONSHIP);
	}
}

void consent_form_show_choices(struct request *req)
{
	view_set(req, "Consent.Given.0.Value", "client");
	view_set(req, "Consent.Given.0.Text", "The client");
	view_set(req, "Consent.Given.1.Value", "someone_else");
	view_set(req, "Consent.Given.1.Text", "Someone else on the client's behalf");
	view_set(req, "Consent.Given.1.Hint", "For example, a parent, carer or advocate");
}
