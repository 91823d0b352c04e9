/* The client's form, one for every page that shows it: the referral journey's client and
 * address steps (journey_client.c) and Edit details (client_edit.c). Two field tables (the
 * details, the address), the rules between fields (contact ways, the self-described gender,
 * no fixed abode, the local authority), the lists it offers, and what it puts on the page. */
#ifndef REFERRALS_PAGES_CLIENT_FORM_H
#define REFERRALS_PAGES_CLIENT_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "../form_fields.h"
#include "../http.h"
#include "../validate.h"
#include "../model/client.h"
#include "../model/organisation.h"
#include "../model/postcode.h"
#include "../model/reference.h"

enum client_detail {
	CLIENT_TITLE,
	CLIENT_FIRST_NAME,
	CLIENT_LAST_NAME,
	CLIENT_DOB_DAY,
	CLIENT_DOB_MONTH,
	CLIENT_DOB_YEAR,
	CLIENT_PRONOUN,
	CLIENT_GENDER,
	CLIENT_GENDER_DESCRIPTION,
	CLIENT_EMAIL,
	CLIENT_PHONE,
	CLIENT_ALT_PHONE,
	CLIENT_CONTACT,
	CLIENT_NHS_NUMBER,
	CLIENT_GP_PRACTICE_NAME,
	CLIENT_GP_ODS_CODE,
	CLIENT_DETAIL_COUNT
};
extern const struct form_field client_detail_fields[CLIENT_DETAIL_COUNT];

/* in the order of the pages (the error summary's): GOV.UK "find an address", the postcode
 * before the lines (issue 12) */
enum client_address {
	ADDRESS_NO_FIXED_ABODE,
	ADDRESS_POSTCODE,
	ADDRESS_LINE1,
	ADDRESS_LINE2,
	ADDRESS_TOWN,
	ADDRESS_LOCAL_AUTHORITY,
	ADDRESS_FIELD_COUNT
};
extern const struct form_field client_address_fields[ADDRESS_FIELD_COUNT];

/* The ways a client may agree to be contacted: the values of "contact", in display order. */
enum contact_way {
	CONTACT_EMAIL,
	CONTACT_PHONE,
	CONTACT_SMS,
	CONTACT_VOICEMAIL,
	CONTACT_POST,
	CONTACT__MAX
};
extern const char *const client_contact_values[CONTACT__MAX];
extern const char *const client_contact_labels[CONTACT__MAX];

/* One of the configured lists as the form offers it. */
struct client_choice_list {
	const struct reference_value **items;
	size_t count;
};

struct client_choices {
	struct client_choice_list titles, genders, pronouns;
	long long self_describe_id; /* the gender that asks for a description; 0 when none */
};

/* The lists of the details form: active values, "Prefer not to say" among the genders only
 * when the setting says so, and current's values (NULL: a new client) even when retired
 * since. False when the database failed (the error page is set). */
bool client_form_choices(struct request *req, const struct client *current,
			 struct client_choices *out);
/* Every local authority (those inactive since included, marked retired), by name; false when
 * the database failed (the error page is set). */
bool client_form_local_authorities(struct request *req, struct organisation_options *out);
/* The local authority id among las when it is active (one a client can be said to live in
 * now), or NULL. */
const struct organisation_option *client_form_active_la(const struct organisation_options *las,
							long long id);
/* Choices.{Titles,Genders,Pronouns,Contact} for the details form. */
void client_form_show_choices(struct request *req, const struct client_choices *choices);
/* Choices.LocalAuthorities (active ones, and current_la even when inactive since) and
 * Choices.NoFixedAbode for the address form. */
void client_form_show_local_authorities(struct request *req, const struct organisation_options *las,
					long long current_la);

/* The details read: the table's values (normalised: ids and numbers as digits, contact ways
 * in display order) and what they stand for. */
struct client_details {
	struct form_read read;
	struct valid_date dob; /* when the date of birth was accepted */
	const struct reference_value *title, *pronoun, *gender; /* NULL: none, or refused */
	bool contact[CONTACT__MAX];
};
/* Reads and checks the details from source (a request's form, a draft's values); problems
 * are in out->read, not yet on the page (form_fields_show). */
void client_form_read_details(struct arena *arena, const struct req_fields *source,
			      const struct client_choices *choices, struct client_details *out);

struct client_address_read {
	struct form_read read;
	bool no_fixed_abode;
	bool postcode_valid;
	char postcode_key[VALID_POSTCODE_KEY_SIZE]; /* "LS11UR" */
	bool postcode_found;			    /* in the postcode list: row */
	struct postcode_lookup row;
};
/* Reads and checks the address (not yet the local authority: see client_form_check_la) and
 * looks the postcode up. False when the database failed (the error page is set). */
bool client_form_read_address(struct request *req, const struct req_fields *source,
			      struct client_address_read *out);
/* The local authority la_id (0: none) among las: active, or current_la (the client's, even
 * when inactive since); a problem added otherwise. Returns it, or NULL. */
const struct organisation_option *client_form_check_la(struct client_address_read *a,
						       const struct organisation_options *las,
						       long long la_id, long long current_la);
/* The values to keep, by name (empty ones left out): what the journey stores in its draft. */
void client_form_values(struct arena *arena, const struct form_read *read, struct req_fields *out);

#endif
