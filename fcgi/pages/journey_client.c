/* The referral journey for a new client: their details, then their address and residing
 * local authority (seed step 1, PRODUCT.md "Clients"). The client's form (client_form.c)
 * reads and checks every value, as Edit details does; once a step is valid its values are
 * stored again in their normalised form (trimmed names, phone digits, "LS1 1UR"), so the
 * later steps, the summary and the send see them as they will be kept. */
#include "journey.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../validate.h"
#include "client_form.h"
#include "pages.h"

/* Where the address step keeps the local authority it filled in from a postcode ("42:LS11UR"),
 * so that a changed postcode fills it in again. Not a form field: only this file writes it. */
#define LA_FILLED_FROM "local_authority_postcode"

/* ---- the client's details ---- */

/* The date of birth when the draft holds a valid one. */
static bool draft_dob(const struct journey *j, struct valid_date *dob)
{
	return valid_date_of_birth(journey_value(j, "dob_day"), journey_value(j, "dob_month"),
				   journey_value(j, "dob_year"), page_today(), dob) == NULL;
}

const char *const *journey_client_fields(struct journey *j, size_t *count)
{
	*count = CLIENT_DETAIL_COUNT;
	return form_fields_names(j->req->arena, client_detail_fields, CLIENT_DETAIL_COUNT);
}

void journey_client_prepare(struct journey *j)
{
	struct request *req = j->req;
	struct client_choices choices;
	if (!client_form_choices(req, NULL, &choices))
		return;
	client_form_show_choices(req, &choices);
	struct valid_date dob;
	if (draft_dob(j, &dob))
		view_set_int(req, "Client.Age", valid_age_years(dob, page_today()));
}

bool journey_client_validate(struct journey *j)
{
	struct request *req = j->req;
	struct client_choices choices;
	if (!client_form_choices(req, NULL, &choices))
		return true; /* the database failed: the error page is set */
	struct client_details details;
	client_form_read_details(req->arena, &j->draft.values, &choices, &details);
	if (!form_fields_errors(req, &details.read))
		return false;
	/* valid: kept as they will be stored (a database failure sets the error page) */
	struct req_fields out;
	client_form_values(req->arena, &details.read, &out);
	size_t count = 0;
	const char *const *names = journey_client_fields(j, &count);
	journey_store(j, names, count, &out, STEP_CLIENT);
	return true;
}

/* ---- the address and local authority ---- */

const char *const *journey_address_fields(struct journey *j, size_t *count)
{
	*count = ADDRESS_FIELD_COUNT;
	return form_fields_names(j->req->arena, client_address_fields, ADDRESS_FIELD_COUNT);
}

void journey_address_prepare(struct journey *j)
{
	struct request *req = j->req;
	struct organisation_options las;
	if (!client_form_local_authorities(req, &las))
		return;
	client_form_show_local_authorities(req, &las, 0);
	view_set(req, "Choices.NoFixedAbode.0.Hint",
		 "The address is not asked: choose the local authority they live in yourself.");
}

/* What LA_FILLED_FROM says: the local authority filled in, from which postcode, and the town
 * filled in with it ("" when the town was typed). */
struct la_filled {
	long long id; /* 0: the local authority was chosen by hand (or not at all) */
	const char *key;
	const char *town;
};

static struct la_filled la_filled_parse(struct arena *arena, const char *text)
{
	struct la_filled filled = { 0, "", "" };
	const char *colon = strchr(text, ':');
	const char *second = colon ? strchr(colon + 1, ':') : NULL;
	if (second == NULL)
		return filled;
	filled.id = page_parse_id(arena_strndup(arena, text, (size_t)(colon - text)));
	filled.key = arena_strndup(arena, colon + 1, (size_t)(second - colon - 1));
	filled.town = second + 1;
	return filled;
}

/* The local authority: as chosen, or else from the postcode. Without JavaScript this is where
 * the postcode fills it in (and the town, when none was typed), kept at once even when
 * something else is wrong, so that the page shows it. One filled in from a postcode that has
 * since changed is filled in again from the new one. Sets *la_id and the town's value; returns
 * LA_FILLED_FROM's new text, or NULL when the database failed (the error page is set). */
static const char *fill_local_authority(struct journey *j, struct client_address_read *a,
					const struct organisation_options *las, long long *la_id)
{
	struct arena *arena = j->req->arena;
	struct form_read *r = &a->read;
	const char *town = r->typed[ADDRESS_TOWN];
	bool nfa = a->no_fixed_abode;
	struct la_filled filled = la_filled_parse(arena, journey_value(j, LA_FILLED_FROM));
	if (filled.id != *la_id)
		filled = (struct la_filled){ 0, "", "" }; /* chosen by hand since */
	bool changed = false;
	if (filled.id != 0 && !nfa &&
	    !(a->postcode_valid && strcmp(filled.key, a->postcode_key) == 0)) {
		if (filled.town[0] != '\0' && strcmp(town, filled.town) == 0)
			town = ""; /* the town came from the old postcode too */
		*la_id = 0;
		filled = (struct la_filled){ 0, "", "" };
		changed = true;
	}
	if (*la_id == 0 && !nfa && a->postcode_found &&
	    client_form_active_la(las, a->row.local_authority_id) != NULL) {
		*la_id = a->row.local_authority_id;
		filled = (struct la_filled){ *la_id, a->postcode_key, "" };
		if (town[0] == '\0' && a->row.town != NULL && a->row.town[0] != '\0')
			town = filled.town = a->row.town;
		changed = true;
	}
	const char *filled_text = filled.id == 0 ? ""
						 : arena_printf(arena, "%lld:%s:%s", filled.id,
								filled.key, filled.town);
	if (changed) {
		static const char *const fill_names[] = { "local_authority", "town",
							  LA_FILLED_FROM };
		struct req_field fill[3];
		size_t n = 0;
		const char *la_text = arena_printf(arena, "%lld", *la_id);
		if (*la_id != 0)
			fill[n++] =
				(struct req_field){ "local_authority", la_text, strlen(la_text) };
		if (town[0] != '\0')
			fill[n++] = (struct req_field){ "town", town, strlen(town) };
		if (filled_text[0] != '\0')
			fill[n++] = (struct req_field){ LA_FILLED_FROM, filled_text,
							strlen(filled_text) };
		struct req_fields fields = { fill, n, 3 };
		if (!journey_store(j, fill_names, 3, &fields, STEP_ADDRESS))
			return NULL;
	}
	if (!form_fields_refused(r, ADDRESS_TOWN))
		r->values[ADDRESS_TOWN] = town;
	return filled_text;
}

bool journey_address_validate(struct journey *j)
{
	struct request *req = j->req;
	struct organisation_options las;
	if (!client_form_local_authorities(req, &las))
		return true;
	struct client_address_read address;
	if (!client_form_read_address(req, &j->draft.values, &address))
		return true;
	long long la_id = page_parse_id(address.read.typed[ADDRESS_LOCAL_AUTHORITY]);
	const char *filled_text = fill_local_authority(j, &address, &las, &la_id);
	if (filled_text == NULL)
		return true;
	bool la_ok = client_form_check_la(&address, &las, la_id, 0) != NULL;
	if (!form_fields_errors(req, &address.read))
		return false;
	struct req_fields out;
	client_form_values(req->arena, &address.read, &out);
	if (la_ok && filled_text[0] != '\0')
		out.items[out.count++] =
			(struct req_field){ LA_FILLED_FROM, filled_text, strlen(filled_text) };
	static const char *const stored_names[] = {
		"address_line1",  "address_line2",   "town",	     "postcode",
		"no_fixed_abode", "local_authority", LA_FILLED_FROM,
	};
	journey_store(j, stored_names, sizeof stored_names / sizeof stored_names[0], &out,
		      STEP_ADDRESS);
	return true;
}
