/* The referral journey for a new client: their details, then their address and residing
 * local authority (seed step 1, PRODUCT.md "Clients"). Every value is checked on the server;
 * once a step is valid its values are stored again in their normalised form (trimmed names,
 * phone digits, "LS1 1UR"), so the later steps, the summary and the send see them as they
 * will be kept. */
#include "journey.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../validate.h"
#include "../model/organisation.h"
#include "../model/postcode.h"
#include "../model/reference.h"
#include "../model/settings.h"
#include "pages.h"

/* Column sizes of clients (sql/010_referrals.sql), in characters. */
#define GENDER_DESCRIPTION_MAX 100
#define GP_PRACTICE_NAME_MAX 200
#define ADDRESS_LINE_MAX 200
#define TOWN_MAX 100

/* Where the address step keeps the local authority it filled in from a postcode ("42:LS11UR"),
 * so that a changed postcode fills it in again. Not a form field: only this file writes it. */
#define LA_FILLED_FROM "local_authority_postcode"

/* ---- shared ---- */

/* Values to store back into the draft, in their normalised form. Empty values are left out:
 * absent and empty read the same. */
struct normalised {
	struct arena *arena;
	struct req_fields fields;
};

static void normalised_init(struct normalised *n, struct arena *arena, size_t capacity)
{
	n->arena = arena;
	n->fields.items = arena_zalloc(arena, capacity * sizeof *n->fields.items);
	n->fields.count = 0;
	n->fields.capacity = capacity;
}

static void normalised_add(struct normalised *n, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0' || n->fields.count == n->fields.capacity)
		return;
	char *copy = arena_strdup(n->arena, value);
	n->fields.items[n->fields.count++] = (struct req_field){name, copy, strlen(copy)};
}

static void normalised_add_int(struct normalised *n, const char *name, long long value)
{
	normalised_add(n, name, arena_printf(n->arena, "%lld", value));
}

/* text trimmed, in the arena */
static const char *trimmed(struct arena *arena, const char *text)
{
	return valid_trim_in_place(arena_strdup(arena, text));
}

/* An optional one-line text of at most max characters; label names it in messages. */
static bool check_line(struct request *req, const char *field, const char *value, size_t max,
                       const char *label)
{
	const char *problem = valid_single_line(value);
	if (problem != NULL) {
		form_error(req, field, arena_printf(req->arena, "%s: %s", label, problem));
		return false;
	}
	if (valid_text_length(value, 0, max) != VALID_LENGTH_OK) {
		form_error(
		    req, field,
		    arena_printf(req->arena, "%s must be %zu characters or fewer", label, max));
		return false;
	}
	return true;
}

/* text with its first "from" replaced by "to" (as it is when there is none). */
static const char *replaced(struct arena *arena, const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	if (at == NULL)
		return text;
	return arena_printf(arena, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

/* ---- the client's details ---- */

static const char *const client_fields[] = {
    "title",   "first_name", "last_name",          "dob_day",     "dob_month", "dob_year",
    "pronoun", "gender",     "gender_description", "email",       "phone",     "alt_phone",
    "contact", "nhs_number", "gp_practice_name",   "gp_ods_code",
};
#define CLIENT_FIELD_COUNT (sizeof client_fields / sizeof client_fields[0])

/* The ways a client may agree to be contacted: the values of "contact", in display order. */
enum contact_way {
	CONTACT_EMAIL,
	CONTACT_PHONE,
	CONTACT_SMS,
	CONTACT_VOICEMAIL,
	CONTACT_POST,
	CONTACT__MAX
};
static const char *const contact_values[CONTACT__MAX] = {"email", "phone", "sms", "voicemail",
                                                         "post"};
static const char *const contact_labels[CONTACT__MAX] = {"Email", "Phone call", "SMS", "Voicemail",
                                                         "Post"};

/* One of the configured lists as the form offers it: active values only, and "Prefer not to
 * say" among the genders only when the setting says so. */
struct choices {
	const struct reference_value **items;
	size_t count;
};

struct client_choices {
	struct choices titles, genders, pronouns;
	long long self_describe_id; /* the gender that asks for a description; 0 when none */
};

static enum db_status load_choices(struct arena *arena, enum reference_list list,
                                   bool prefer_not_to_say, struct choices *out)
{
	struct reference_value_list all;
	enum db_status status = reference_value_list(arena, list, &all);
	out->count = 0;
	out->items = arena_zalloc(arena, (all.count + 1) * sizeof *out->items);
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < all.count; i++) {
		const struct reference_value *value = &all.items[i];
		if (value->retired)
			continue;
		if (list == REFERENCE_GENDER && !prefer_not_to_say &&
		    strcmp(value->name, REFERENCE_PREFER_NOT_TO_SAY) == 0)
			continue;
		out->items[out->count++] = value;
	}
	return DB_OK;
}

/* The lists of the client form; false when the database failed (the error page is set). */
static bool load_client_choices(struct journey *j, struct client_choices *out)
{
	struct request *req = j->req;
	long long prefer_not_to_say;
	enum db_status status = settings_get(req->arena, SETTING_GENDER_PREFER_NOT_TO_SAY, &prefer_not_to_say);
	if (status == DB_OK)
		status = load_choices(req->arena, REFERENCE_TITLE, false, &out->titles);
	if (status == DB_OK)
		status = load_choices(req->arena, REFERENCE_GENDER, prefer_not_to_say == 1,
		                      &out->genders);
	if (status == DB_OK)
		status = load_choices(req->arena, REFERENCE_PRONOUN, false, &out->pronouns);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	out->self_describe_id = 0;
	for (size_t i = 0; i < out->genders.count; i++)
		if (strcasestr(out->genders.items[i]->name, "self-describe") != NULL)
			out->self_describe_id = out->genders.items[i]->id;
	return true;
}

/* The id of the chosen value when it is one of choices, else 0. */
static long long chosen(const struct choices *choices, const char *value)
{
	long long id = page_parse_id(value);
	for (size_t i = 0; id != 0 && i < choices->count; i++)
		if (choices->items[i]->id == id)
			return id;
	return 0;
}

/* Choices.<node>.N.{Value,Text}, starting with an empty value that reads prompt. */
static void show_choices(struct request *req, const char *node, const struct choices *choices,
                         const char *prompt)
{
	view_set(req, arena_printf(req->arena, "Choices.%s.0.Value", node), "");
	view_set(req, arena_printf(req->arena, "Choices.%s.0.Text", node), prompt);
	for (size_t i = 0; i < choices->count; i++) {
		view_set_int(req, arena_printf(req->arena, "Choices.%s.%zu.Value", node, i + 1),
		             choices->items[i]->id);
		view_set(req, arena_printf(req->arena, "Choices.%s.%zu.Text", node, i + 1),
		         choices->items[i]->name);
	}
}

/* The date of birth when the draft holds a valid one. */
static bool draft_dob(const struct journey *j, struct valid_date *dob)
{
	return valid_date_of_birth(journey_value(j, "dob_day"), journey_value(j, "dob_month"),
	                           journey_value(j, "dob_year"), page_today(), dob) == NULL;
}

const char *const *journey_client_fields(struct journey *j, size_t *count)
{
	(void)j;
	*count = CLIENT_FIELD_COUNT;
	return client_fields;
}

void journey_client_prepare(struct journey *j)
{
	struct request *req = j->req;
	struct client_choices choices;
	if (!load_client_choices(j, &choices))
		return;
	show_choices(req, "Titles", &choices.titles, "Select a title");
	show_choices(req, "Genders", &choices.genders, "Select a gender");
	show_choices(req, "Pronouns", &choices.pronouns, "Not given");
	for (int c = 0; c < CONTACT__MAX; c++) {
		view_set(req,
		         arena_printf(req->arena, "Choices.Contact.%s.Value", contact_values[c]),
		         contact_values[c]);
		view_set(req,
		         arena_printf(req->arena, "Choices.Contact.%s.Text", contact_values[c]),
		         contact_labels[c]);
	}
	struct valid_date dob;
	if (draft_dob(j, &dob))
		view_set_int(req, "Client.Age", valid_age_years(dob, page_today()));
}

/* A name field: first_name or last_name, label "first name" or "last name". The validator's
 * messages say "name"; the page says which one. */
static void check_name(struct journey *j, struct normalised *out, const char *field,
                       const char *label)
{
	struct request *req = j->req;
	char name[VALID_NAME_SIZE];
	const char *problem = valid_person_name(journey_value(j, field), name);
	if (problem == NULL) {
		normalised_add(out, field, name);
		return;
	}
	const char *capitalised = arena_printf(req->arena, "%c%s", label[0] - 'a' + 'A', label + 1);
	if (strcmp(problem, "Enter a name") == 0)
		problem = arena_printf(req->arena, "Enter the client's %s", label);
	else if (strncmp(problem, "Name ", 5) == 0)
		problem = arena_printf(req->arena, "%s %s", capitalised, problem + 5);
	form_error(req, field, problem);
}

/* A phone field; required or not. The alternative one's messages say so. */
static bool check_phone(struct journey *j, struct normalised *out, const char *field, bool required,
                        char digits[VALID_PHONE_SIZE])
{
	struct request *req = j->req;
	const char *value = journey_value(j, field);
	digits[0] = '\0';
	if (!required && !valid_required(value))
		return true;
	const char *problem = valid_uk_phone(value, digits);
	if (problem == NULL) {
		normalised_add(out, field, digits);
		return true;
	}
	if (strcmp(field, "alt_phone") == 0) {
		problem =
		    replaced(req->arena, problem, "a phone number", "an alternative phone number");
		problem = replaced(req->arena, problem, "a UK phone number",
		                   "a UK number as the alternative phone");
	}
	form_error(req, field, problem);
	digits[0] = '\0';
	return false;
}

static bool is_mobile(const char *digits)
{
	return strncmp(digits, "07", 2) == 0;
}

bool journey_client_validate(struct journey *j)
{
	struct request *req = j->req;
	struct arena *arena = req->arena;
	struct client_choices choices;
	if (!load_client_choices(j, &choices))
		return true; /* the database failed: the error page is set */
	struct normalised out;
	normalised_init(&out, arena, CLIENT_FIELD_COUNT + CONTACT__MAX);

	/* the ways of contact first: the email and phone rules depend on them */
	bool contact[CONTACT__MAX] = {false};
	size_t contact_count = 0;
	const char **ways = journey_values(j, "contact", &contact_count);
	bool unknown_contact = false;
	for (size_t i = 0; i < contact_count; i++) {
		int c = 0;
		while (c < CONTACT__MAX && strcmp(ways[i], contact_values[c]) != 0)
			c++;
		if (c == CONTACT__MAX)
			unknown_contact = true;
		else
			contact[c] = true;
	}

	const char *title = journey_value(j, "title");
	if (valid_required(title)) {
		long long id = chosen(&choices.titles, title);
		if (id == 0)
			form_error(req, "title", "Select a title from the list");
		else
			normalised_add_int(&out, "title", id);
	}

	check_name(j, &out, "first_name", "first name");
	check_name(j, &out, "last_name", "last name");

	struct valid_date dob;
	const char *problem =
	    valid_date_of_birth(journey_value(j, "dob_day"), journey_value(j, "dob_month"),
	                        journey_value(j, "dob_year"), page_today(), &dob);
	if (problem != NULL) {
		form_error(req, "dob", problem);
	} else {
		normalised_add_int(&out, "dob_day", dob.day);
		normalised_add_int(&out, "dob_month", dob.month);
		normalised_add_int(&out, "dob_year", dob.year);
	}

	const char *pronoun = journey_value(j, "pronoun");
	if (valid_required(pronoun)) {
		long long id = chosen(&choices.pronouns, pronoun);
		if (id == 0)
			form_error(req, "pronoun", "Select the client's pronouns from the list");
		else
			normalised_add_int(&out, "pronoun", id);
	}

	const char *gender = journey_value(j, "gender");
	long long gender_id = chosen(&choices.genders, gender);
	if (!valid_required(gender))
		form_error(req, "gender", "Select the client's gender");
	else if (gender_id == 0)
		form_error(req, "gender", "Select the client's gender from the list");
	else
		normalised_add_int(&out, "gender", gender_id);

	/* the description belongs only to a self-described gender; otherwise it is dropped */
	const char *description = journey_value(j, "gender_description");
	if (gender_id != 0 && gender_id == choices.self_describe_id) {
		if (!valid_required(description))
			form_error(req, "gender_description",
			           "Enter the client's gender in their own words");
		else if (check_line(req, "gender_description", description, GENDER_DESCRIPTION_MAX,
		                    "Gender description"))
			normalised_add(&out, "gender_description", trimmed(arena, description));
	}

	const char *email = journey_value(j, "email");
	if (valid_required(email)) {
		char normal[VALID_EMAIL_SIZE];
		problem = valid_email(email, normal);
		if (problem != NULL)
			form_error(req, "email", problem);
		else
			normalised_add(&out, "email", normal);
	} else if (contact[CONTACT_EMAIL]) {
		form_error(
		    req, "email",
		    "Enter an email address to contact the client by email, or untick Email");
	}

	char phone[VALID_PHONE_SIZE], alt_phone[VALID_PHONE_SIZE];
	bool phones_valid = check_phone(j, &out, "phone", true, phone);
	phones_valid = check_phone(j, &out, "alt_phone", false, alt_phone) && phones_valid;

	if (unknown_contact)
		form_error(req, "contact",
		           "Select the ways the client agrees to be contacted from the list");
	else if (contact[CONTACT_SMS] && phones_valid && !is_mobile(phone) && !is_mobile(alt_phone))
		form_error(
		    req, "contact",
		    "Enter a mobile number (starting 07) as the phone or alternative phone to "
		    "contact the client by SMS, or untick SMS");
	for (int c = 0; c < CONTACT__MAX; c++)
		if (contact[c])
			normalised_add(&out, "contact", contact_values[c]);

	const char *nhs_number = journey_value(j, "nhs_number");
	if (valid_required(nhs_number)) {
		char digits[VALID_NHS_NUMBER_SIZE];
		problem = valid_nhs_number(nhs_number, digits);
		if (problem != NULL)
			form_error(req, "nhs_number", problem);
		else
			normalised_add(&out, "nhs_number", digits);
	}

	const char *practice = journey_value(j, "gp_practice_name");
	if (check_line(req, "gp_practice_name", practice, GP_PRACTICE_NAME_MAX, "GP practice name"))
		normalised_add(&out, "gp_practice_name", trimmed(arena, practice));

	const char *ods = journey_value(j, "gp_ods_code");
	if (valid_required(ods)) {
		char code[VALID_ODS_CODE_SIZE];
		problem = valid_ods_code(ods, code);
		if (problem != NULL)
			form_error(req, "gp_ods_code", problem);
		else
			normalised_add(&out, "gp_ods_code", code);
	}

	if (form_has_errors(req))
		return false;
	/* valid: kept as they will be stored (a database failure sets the error page) */
	journey_store(j, client_fields, CLIENT_FIELD_COUNT, &out.fields, STEP_CLIENT);
	return true;
}

/* ---- the address and local authority ---- */

static const char *const address_fields[] = {
    "address_line1", "address_line2", "town", "postcode", "no_fixed_abode", "local_authority",
};
#define ADDRESS_FIELD_COUNT (sizeof address_fields / sizeof address_fields[0])

/* Active local authorities by name (those a client can live in); false when the database
 * failed (the error page is set). */
static bool load_local_authorities(struct journey *j, struct organisation_options *out)
{
	/* an organisation id of 0 has no list of its own: every active local authority */
	enum db_status status = organisation_local_authority_options(j->req->arena, 0, out);
	if (status != DB_OK) {
		page_database_failed(j->req, status);
		return false;
	}
	return true;
}

static bool offered_local_authority(const struct organisation_options *las, long long id)
{
	for (size_t i = 0; id != 0 && i < las->count; i++)
		if (las->items[i].id == id && !las->items[i].retired)
			return true;
	return false;
}

const char *const *journey_address_fields(struct journey *j, size_t *count)
{
	(void)j;
	*count = ADDRESS_FIELD_COUNT;
	return address_fields;
}

void journey_address_prepare(struct journey *j)
{
	struct request *req = j->req;
	struct organisation_options las;
	if (!load_local_authorities(j, &las))
		return;
	view_set(req, "Choices.LocalAuthorities.0.Value", "");
	view_set(req, "Choices.LocalAuthorities.0.Text", "Select a local authority");
	size_t n = 1;
	for (size_t i = 0; i < las.count; i++) {
		if (las.items[i].retired)
			continue;
		view_set_int(req, arena_printf(req->arena, "Choices.LocalAuthorities.%zu.Value", n),
		             las.items[i].id);
		view_set(req, arena_printf(req->arena, "Choices.LocalAuthorities.%zu.Text", n),
		         las.items[i].name);
		n++;
	}
	view_set(req, "Choices.NoFixedAbode.0.Value", "1");
	view_set(req, "Choices.NoFixedAbode.0.Text", "The client has no fixed abode");
	view_set(req, "Choices.NoFixedAbode.0.Hint",
	         "Leave the address empty and choose the local authority they live in yourself.");
}

/* What the postcode typed tells: its normalised forms, and the table's row when it has one. */
struct postcode_found {
	bool valid;
	char shown[VALID_POSTCODE_SIZE];   /* "LS1 1UR" */
	char key[VALID_POSTCODE_KEY_SIZE]; /* "LS11UR" */
	bool found;
	struct postcode_lookup row;
};

/* What LA_FILLED_FROM says: the local authority filled in, from which postcode, and the town
 * filled in with it ("" when the town was typed). */
struct la_filled {
	long long id; /* 0: the local authority was chosen by hand (or not at all) */
	const char *key;
	const char *town;
};

static struct la_filled la_filled_parse(struct arena *arena, const char *text)
{
	struct la_filled filled = {0, "", ""};
	const char *colon = strchr(text, ':');
	const char *second = colon ? strchr(colon + 1, ':') : NULL;
	if (second == NULL)
		return filled;
	filled.id = page_parse_id(arena_strndup(arena, text, (size_t)(colon - text)));
	filled.key = arena_strndup(arena, colon + 1, (size_t)(second - colon - 1));
	filled.town = second + 1;
	return filled;
}

bool journey_address_validate(struct journey *j)
{
	struct request *req = j->req;
	struct arena *arena = req->arena;
	struct organisation_options las;
	if (!load_local_authorities(j, &las))
		return true;
	struct normalised out;
	normalised_init(&out, arena, ADDRESS_FIELD_COUNT + 1);

	bool no_fixed_abode = valid_required(journey_value(j, "no_fixed_abode"));
	const char *line1 = journey_value(j, "address_line1");
	const char *line2 = journey_value(j, "address_line2");
	const char *town = journey_value(j, "town");
	const char *postcode = journey_value(j, "postcode");

	if (no_fixed_abode &&
	    (valid_required(line1) || valid_required(line2) || valid_required(postcode)))
		form_error(req, "no_fixed_abode",
		           "Select No fixed abode only for a client without an address: remove the "
		           "address and postcode, or untick No fixed abode");
	if (no_fixed_abode)
		normalised_add(&out, "no_fixed_abode", "1");

	if (!valid_required(line1) && !no_fixed_abode)
		form_error(req, "address_line1",
		           "Enter address line 1, typically the building and street");
	else if (check_line(req, "address_line1", line1, ADDRESS_LINE_MAX, "Address line 1"))
		normalised_add(&out, "address_line1", trimmed(arena, line1));
	if (check_line(req, "address_line2", line2, ADDRESS_LINE_MAX, "Address line 2"))
		normalised_add(&out, "address_line2", trimmed(arena, line2));
	bool town_valid = check_line(req, "town", town, TOWN_MAX, "Town or city");

	struct postcode_found pc = {0};
	if (valid_required(postcode)) {
		const char *problem = valid_postcode(postcode, pc.shown);
		if (problem != NULL) {
			form_error(req, "postcode", problem);
		} else {
			pc.valid = true;
			valid_postcode_key(postcode, pc.key);
			normalised_add(&out, "postcode", pc.shown);
			enum db_status status = postcode_lookup(arena, pc.key, &pc.row, &pc.found);
			if (status != DB_OK) {
				page_database_failed(req, status);
				return true;
			}
		}
	} else if (!no_fixed_abode) {
		form_error(req, "postcode", "Enter a postcode, or select No fixed abode");
	}

	/* The local authority: as chosen, or else from the postcode. Without JavaScript this is
	 * where the postcode fills it in (and the town, when none was typed), kept at once even
	 * when something else is wrong, so that the page shows it. One filled in from a postcode
	 * that has since changed is filled in again from the new one. */
	long long la_id = page_parse_id(journey_value(j, "local_authority"));
	struct la_filled filled = la_filled_parse(arena, journey_value(j, LA_FILLED_FROM));
	if (filled.id != la_id)
		filled = (struct la_filled){0, "", ""}; /* chosen by hand since */
	bool changed = false;
	if (filled.id != 0 && !no_fixed_abode && !(pc.valid && strcmp(filled.key, pc.key) == 0)) {
		if (filled.town[0] != '\0' && strcmp(trimmed(arena, town), filled.town) == 0)
			town = ""; /* the town came from the old postcode too */
		la_id = 0;
		filled = (struct la_filled){0, "", ""};
		changed = true;
	}
	if (la_id == 0 && !no_fixed_abode && pc.found &&
	    offered_local_authority(&las, pc.row.local_authority_id)) {
		la_id = pc.row.local_authority_id;
		filled = (struct la_filled){la_id, pc.key, ""};
		if (!valid_required(town) && pc.row.town != NULL && pc.row.town[0] != '\0')
			town = filled.town = pc.row.town;
		changed = true;
	}
	const char *filled_text =
	    filled.id == 0 ? ""
	                   : arena_printf(arena, "%lld:%s:%s", filled.id, filled.key, filled.town);
	if (changed) {
		static const char *const fill_names[] = {"local_authority", "town", LA_FILLED_FROM};
		struct normalised fill;
		normalised_init(&fill, arena, 3);
		if (la_id != 0)
			normalised_add_int(&fill, "local_authority", la_id);
		normalised_add(&fill, "town", town);
		normalised_add(&fill, LA_FILLED_FROM, filled_text);
		if (!journey_store(j, fill_names, 3, &fill.fields, STEP_ADDRESS))
			return true;
	}
	if (town_valid)
		normalised_add(&out, "town", trimmed(arena, town));

	if (la_id == 0) {
		if (pc.valid && !pc.found && !no_fixed_abode)
			form_error(
			    req, "local_authority",
			    arena_printf(
			        arena,
			        "Select the local authority the client lives in: postcode %s is "
			        "not in the postcode list",
			        pc.shown));
		else
			form_error(req, "local_authority",
			           "Select the local authority the client lives in");
	} else if (!offered_local_authority(&las, la_id)) {
		form_error(req, "local_authority",
		           "Select the local authority the client lives in from the list");
	} else {
		normalised_add_int(&out, "local_authority", la_id);
		normalised_add(&out, LA_FILLED_FROM, filled_text);
	}

	if (form_has_errors(req))
		return false;
	static const char *const stored_names[] = {
	    "address_line1",  "address_line2",   "town",         "postcode",
	    "no_fixed_abode", "local_authority", LA_FILLED_FROM,
	};
	journey_store(j, stored_names, sizeof stored_names / sizeof stored_names[0], &out.fields,
	              STEP_ADDRESS);
	return true;
}
