/* The referral journey: consent, after an existing client's key details are checked (PRODUCT.md
 * "Clients", "Consent"), asked by the consent form (consent_form.c) as Renew consent asks it. The
 * date and time and the user who recorded it are not asked: the send records them
 * (consents.recorded_at, recorded_by). */
#include "journey.h"

#include <string.h>

#include "../arena.h"
#include "../contact_text.h"
#include "../form.h"
#include "../render.h"
#include "../model/client.h"
#include "consent_form.h"
#include "pages.h"

const char *const *journey_consent_fields(struct journey *j, size_t *count)
{
	*count = CONSENT_FIELD_COUNT;
	return form_fields_names(j->req->arena, consent_fields, CONSENT_FIELD_COUNT);
}

/* An existing client's key details, to ask "Are these details still correct?" before the
 * referral shares them (issue 12 point 4): only for a client the organisation may see (an exact
 * match of another organisation's shows no more than the find step did), and not while every
 * consent it holds has expired. ?updated=N: the edit just recorded N changes. */
static void show_key_details(struct journey *j)
{
	struct request *req = j->req;
	struct arena *a = req->arena;
	struct scope scope = page_scope(req);
	struct client c;
	bool found = false;
	if (client_get_visible(a, j->draft.client_id, &scope, &c, &found) != DB_OK || !found ||
	    c.consent_expired) {
		view_set_int(req, "Check.Hidden", 1);
		return;
	}
	view_set_int(req, "Check.ClientId", c.id);
	if (c.no_fixed_abode) {
		view_set(req, "Check.Address.0", "No fixed abode");
	} else {
		const char *lines[] = { c.address_line1, c.address_line2, c.town, c.postcode };
		int n = 0;
		for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
			if (lines[i][0] != '\0')
				view_set(req, arena_printf(a, "Check.Address.%d", n++), lines[i]);
	}
	view_set(req, "Check.LocalAuthority", c.local_authority);
	char phone[CONTACT_PHONE_TEXT_SIZE];
	view_set(req, "Check.Phone", contact_phone_text(c.phone, phone));
	view_set(req, "Check.Email", c.email);
	view_set(req, "Check.Gp", c.gp_practice_name);
	const char *updated = http_query(req, "updated");
	if (updated != NULL && strcmp(updated, "0") != 0 && page_parse_id(updated) != 0)
		view_set(req, "Check.Updated", updated);
}

void journey_consent_prepare(struct journey *j)
{
	consent_form_show_choices(j->req);
	if (journey_existing_client(j))
		show_key_details(j);
}

bool journey_consent_validate(struct journey *j)
{
	struct consent_answer answer;
	consent_form_read(j->req->arena, &j->draft.values, &answer);
	return form_fields_errors(j->req, &answer.read);
}
