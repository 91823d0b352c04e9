/* The client's form: its two field tables and the rules between fields, shared by the
 * referral journey and Edit details so that both accept and refuse the same things with the
 * same words. Column sizes are those of clients (sql/010_referrals.sql), in characters. */
#include "client_form.h"

#include <string.h>

#include "../arena.h"
#include "../render.h"
#include "../model/settings.h"
#include "pages.h"

const char *const client_contact_values[CONTACT__MAX] = { "email", "phone", "sms", "voicemail",
							  "post" };
const char *const client_contact_labels[CONTACT__MAX] = { "Email", "Phone call", "SMS", "Voicemail",
							  "Post" };

static form_check_fn check_alt_phone;

const struct form_field client_detail_fields[CLIENT_DETAIL_COUNT] = {
	[CLIENT_TITLE] = { .name = "title",
			   .label = "Title",
			   .invalid = "Select a title from the list" },
	[CLIENT_FIRST_NAME] = { .name = "first_name",
				.label = "First name",
				.check = form_check_person_name,
				.max_length = VALID_NAME_MAX,
				.required = true,
				.missing = "Enter the client's first name" },
	[CLIENT_LAST_NAME] = { .name = "last_name",
			       .label = "Last name",
			       .check = form_check_person_name,
			       .max_length = VALID_NAME_MAX,
			       .required = true,
			       .missing = "Enter the client's last name" },
	[CLIENT_DOB_DAY] = { .name = "dob_day", .label = "Day of birth" },
	[CLIENT_DOB_MONTH] = { .name = "dob_month", .label = "Month of birth" },
	[CLIENT_DOB_YEAR] = { .name = "dob_year", .label = "Year of birth" },
	[CLIENT_PRONOUN] = { .name = "pronoun",
			     .label = "Pronouns",
			     .invalid = "Select the client's pronouns from the list" },
	[CLIENT_GENDER] = { .name = "gender",
			    .label = "Gender",
			    .required = true,
			    .missing = "Select the client's gender",
			    .invalid = "Select the client's gender from the list" },
	[CLIENT_GENDER_DESCRIPTION] = { .name = "gender_description",
					.label = "Gender description",
					.check = form_check_line,
					.max_length = 100,
					.missing = "Enter the client's gender in their own words" },
	[CLIENT_EMAIL] = { .name = "email",
			   .label = "Email",
			   .check = form_check_email,
			   .missing = "Enter an email address to contact the client by email, or "
				      "untick Email" },
	[CLIENT_PHONE] = { .name = "phone",
			   .label = "Phone",
			   .check = form_check_uk_phone,
			   .required = true,
			   .missing = "Enter a phone number" },
	[CLIENT_ALT_PHONE] = { .name = "alt_phone",
			       .label = "Alternative phone",
			       .check = check_alt_phone },
	[CLIENT_CONTACT] = { .name = "contact",
			     .label = "Can be contacted by",
			     .repeated = true,
			     .invalid =
				     "Select the ways the client agrees to be contacted from the "
				     "list" },
	[CLIENT_NHS_NUMBER] = { .name = "nhs_number",
				.label = "NHS number",
				.check = form_check_nhs_number },
	[CLIENT_GP_PRACTICE_NAME] = { .name = "gp_practice_name",
				      .label = "GP practice name",
				      .check = form_check_line,
				      .max_length = 200 },
	[CLIENT_GP_ODS_CODE] = { .name = "gp_ods_code",
				 .label = "GP practice code",
				 .check = form_check_ods_code },
};

const struct form_field client_address_fields[ADDRESS_FIELD_COUNT] = {
	[ADDRESS_LINE1] = { .name = "address_line1",
			    .label = "Address line 1",
			    .check = form_check_line,
			    .max_length = 200,
			    .missing = "Enter address line 1, typically the building and street" },
	[ADDRESS_LINE2] = { .name = "address_line2",
			    .label = "Address line 2",
			    .check = form_check_line,
			    .max_length = 200 },
	[ADDRESS_TOWN] = { .name = "town",
			   .label = "Town or city",
			   .check = form_check_line,
			   .max_length = 100 },
	[ADDRESS_POSTCODE] = { .name = "postcode",
			       .label = "Postcode",
			       .check = form_check_postcode,
			       .missing = "Enter a postcode, or select No fixed abode" },
	[ADDRESS_NO_FIXED_ABODE] = { .name = "no_fixed_abode", .label = "No fixed abode" },
	[ADDRESS_LOCAL_AUTHORITY] = { .name = "local_authority",
				      .label = "Local authority",
				      .missing = "Select the local authority the client lives in",
				      .invalid = "Select the local authority the client lives in "
						 "from the list" },
};

/* The phone check, saying which phone it is about. */
static const char *check_alt_phone(struct arena *arena, const struct form_field *field,
				   const char **value)
{
	const char *problem = form_check_uk_phone(arena, field, value);
	if (problem == NULL)
		return NULL;
	if (strncmp(problem, "Enter a UK phone number", 23) == 0)
		return arena_printf(arena, "Enter a UK number as the alternative phone%s",
				    problem + 23);
	if (strncmp(problem, "Enter a phone number", 20) == 0)
		return arena_printf(arena, "Enter an alternative phone number%s", problem + 20);
	return problem;
}

/* ---- the lists offered ---- */

static enum db_status load_list(struct arena *arena, enum reference_list list,
				bool prefer_not_to_say, long long current,
				struct client_choice_list *out)
{
	struct reference_value_list all;
	enum db_status status = reference_value_list(arena, list, &all);
	out->count = 0;
	out->items = arena_zalloc(arena, (all.count + 1) * sizeof *out->items);
	if (status != DB_OK)
		return status;
	for (size_t i = 0; i < all.count; i++) {
		const struct reference_value *value = &all.items[i];
		if (value->id != current) {
			if (value->retired)
				continue;
			if (list == REFERENCE_GENDER && !prefer_not_to_say &&
			    strcmp(value->name, REFERENCE_PREFER_NOT_TO_SAY) == 0)
				continue;
		}
		out->items[out->count++] = value;
	}
	return DB_OK;
}

bool client_form_choices(struct request *req, const struct client *current,
			 struct client_choices *out)
{
	long long prefer;
	enum db_status status = settings_get(req->arena, SETTING_GENDER_PREFER_NOT_TO_SAY, &prefer);
	if (status == DB_OK)
		status = load_list(req->arena, REFERENCE_TITLE, false,
				   current ? current->title_id : 0, &out->titles);
	if (status == DB_OK)
		status = load_list(req->arena, REFERENCE_GENDER, prefer == 1,
				   current ? current->gender_id : 0, &out->genders);
	if (status == DB_OK)
		status = load_list(req->arena, REFERENCE_PRONOUN, false,
				   current ? current->pronoun_id : 0, &out->pronouns);
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

bool client_form_local_authorities(struct request *req, struct organisation_options *out)
{
	/* an organisation id of 0 has no list of its own: every local authority */
	enum db_status status = organisation_local_authority_options(req->arena, 0, out);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	return true;
}

const struct organisation_option *client_form_active_la(const struct organisation_options *las,
							long long id)
{
	for (size_t i = 0; id != 0 && i < las->count; i++)
		if (las->items[i].id == id && !las->items[i].retired)
			return &las->items[i];
	return NULL;
}

/* Choices.<node>.N.{Value,Text}, starting with an empty value that reads prompt. */
static void show_list(struct request *req, const char *node, const struct client_choice_list *list,
		      const char *prompt)
{
	view_set(req, arena_printf(req->arena, "Choices.%s.0.Value", node), "");
	view_set(req, arena_printf(req->arena, "Choices.%s.0.Text", node), prompt);
	for (size_t i = 0; i < list->count; i++) {
		view_set_int(req, arena_printf(req->arena, "Choices.%s.%zu.Value", node, i + 1),
			     list->items[i]->id);
		view_set(req, arena_printf(req->arena, "Choices.%s.%zu.Text", node, i + 1),
			 list->items[i]->name);
	}
}

void client_form_show_choices(struct request *req, const struct client_choices *choices)
{
	show_list(req, "Titles", &choices->titles, "Select a title");
	show_list(req, "Genders", &choices->genders, "Select a gender");
	show_list(req, "Pronouns", &choices->pronouns, "Not given");
	for (int w = 0; w < CONTACT__MAX; w++) {
		const char *value = client_contact_values[w];
		view_set(req, arena_printf(req->arena, "Choices.Contact.%s.Value", value), value);
		view_set(req, arena_printf(req->arena, "Choices.Contact.%s.Text", value),
			 client_contact_labels[w]);
	}
}

void client_form_show_local_authorities(struct request *req, const struct organisation_options *las,
					long long current_la)
{
	view_set(req, "Choices.LocalAuthorities.0.Value", "");
	view_set(req, "Choices.LocalAuthorities.0.Text", "Select a local authority");
	size_t n = 1;
	for (size_t i = 0; i < las->count; i++) {
		if (las->items[i].retired && (current_la == 0 || las->items[i].id != current_la))
			continue;
		view_set_int(req, arena_printf(req->arena, "Choices.LocalAuthorities.%zu.Value", n),
			     las->items[i].id);
		view_set(req, arena_printf(req->arena, "Choices.LocalAuthorities.%zu.Text", n),
			 las->items[i].name);
		n++;
	}
	view_set(req, "Choices.NoFixedAbode.0.Value", "1");
	view_set(req, "Choices.NoFixedAbode.0.Text", "The client has no fixed abode");
}

/* ---- the details ---- */

/* The entry of list chosen by field i (an id), or NULL with the field's invalid message. */
static const struct reference_value *choose(struct form_read *r, size_t i,
					    const struct client_choice_list *list)
{
	if (r->typed[i][0] == '\0')
		return NULL;
	long long id = page_parse_id(r->typed[i]);
	for (size_t k = 0; id != 0 && k < list->count; k++)
		if (list->items[k]->id == id) {
			r->values[i] = arena_printf(r->arena, "%lld", id);
			return list->items[k];
		}
	form_fields_refuse(r, i, NULL, r->fields[i].invalid);
	return NULL;
}

/* The contact ways ticked, in display order; a problem for any other value. */
static void read_contact(struct client_details *out)
{
	struct form_read *r = &out->read;
	const char **ordered = arena_zalloc(r->arena, (CONTACT__MAX + 1) * sizeof *ordered);
	size_t n = 0;
	bool unknown = false;
	for (size_t k = 0; k < r->list_counts[CLIENT_CONTACT]; k++) {
		int w = 0;
		while (w < CONTACT__MAX &&
		       strcmp(r->lists[CLIENT_CONTACT][k], client_contact_values[w]) != 0)
			w++;
		if (w == CONTACT__MAX)
			unknown = true;
		else
			out->contact[w] = true;
	}
	for (int w = 0; w < CONTACT__MAX; w++)
		if (out->contact[w])
			ordered[n++] = client_contact_values[w];
	if (unknown)
		form_fields_refuse(r, CLIENT_CONTACT, NULL, r->fields[CLIENT_CONTACT].invalid);
	r->lists[CLIENT_CONTACT] = ordered;
	r->list_counts[CLIENT_CONTACT] = n;
}

static void read_dob(struct client_details *out)
{
	struct form_read *r = &out->read;
	const char *problem =
		valid_date_of_birth(r->typed[CLIENT_DOB_DAY], r->typed[CLIENT_DOB_MONTH],
				    r->typed[CLIENT_DOB_YEAR], page_today(), &out->dob);
	if (problem != NULL) {
		form_fields_refuse(r, CLIENT_DOB_DAY, "dob", problem);
		return;
	}
	r->values[CLIENT_DOB_DAY] = arena_printf(r->arena, "%d", out->dob.day);
	r->values[CLIENT_DOB_MONTH] = arena_printf(r->arena, "%d", out->dob.month);
	r->values[CLIENT_DOB_YEAR] = arena_printf(r->arena, "%d", out->dob.year);
}

static bool is_mobile(const char *digits)
{
	return strncmp(digits, "07", 2) == 0;
}

void client_form_read_details(struct arena *arena, const struct req_fields *source,
			      const struct client_choices *choices, struct client_details *out)
{
	memset(out, 0, sizeof *out);
	struct form_read *r = &out->read;
	form_fields_read(arena, source, client_detail_fields, CLIENT_DETAIL_COUNT, r);
	read_contact(out);
	out->title = choose(r, CLIENT_TITLE, &choices->titles);
	read_dob(out);
	out->pronoun = choose(r, CLIENT_PRONOUN, &choices->pronouns);
	if (r->typed[CLIENT_GENDER][0] != '\0')
		out->gender = choose(r, CLIENT_GENDER, &choices->genders);
	/* the description belongs only to a self-described gender; otherwise it is dropped */
	if (out->gender != NULL && out->gender->id == choices->self_describe_id)
		form_fields_require(r, CLIENT_GENDER_DESCRIPTION);
	else
		form_fields_drop(r, CLIENT_GENDER_DESCRIPTION);
	if (out->contact[CONTACT_EMAIL])
		form_fields_require(r, CLIENT_EMAIL);
	bool phones_valid =
		!form_fields_refused(r, CLIENT_PHONE) && !form_fields_refused(r, CLIENT_ALT_PHONE);
	if (out->contact[CONTACT_SMS] && phones_valid && !form_fields_refused(r, CLIENT_CONTACT) &&
	    !is_mobile(r->values[CLIENT_PHONE]) && !is_mobile(r->values[CLIENT_ALT_PHONE]))
		form_fields_refuse(
			r, CLIENT_CONTACT, NULL,
			"Enter a mobile number (starting 07) as the phone or alternative "
			"phone to contact the client by SMS, or untick SMS");
}

/* ---- the address ---- */

bool client_form_read_address(struct request *req, const struct req_fields *source,
			      struct client_address_read *out)
{
	memset(out, 0, sizeof *out);
	struct form_read *r = &out->read;
	form_fields_read(req->arena, source, client_address_fields, ADDRESS_FIELD_COUNT, r);
	bool nfa = r->typed[ADDRESS_NO_FIXED_ABODE][0] != '\0';
	out->no_fixed_abode = nfa;
	r->values[ADDRESS_NO_FIXED_ABODE] = nfa ? "1" : "";
	if (nfa && (r->typed[ADDRESS_LINE1][0] || r->typed[ADDRESS_LINE2][0] ||
		    r->typed[ADDRESS_POSTCODE][0]))
		form_fields_refuse(r, ADDRESS_NO_FIXED_ABODE, NULL,
				   "Select No fixed abode only for a client without an address: "
				   "remove the address and postcode, or untick No fixed abode");
	if (!nfa) {
		form_fields_require(r, ADDRESS_LINE1);
		form_fields_require(r, ADDRESS_POSTCODE);
	}
	/* the local authority is the page's to settle (client_form_check_la) */
	r->values[ADDRESS_LOCAL_AUTHORITY] = "";
	if (r->values[ADDRESS_POSTCODE][0] == '\0')
		return true;
	out->postcode_valid = true;
	valid_postcode_key(r->values[ADDRESS_POSTCODE], out->postcode_key);
	enum db_status status =
		postcode_lookup(req->arena, out->postcode_key, &out->row, &out->postcode_found);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	return true;
}

const struct organisation_option *client_form_check_la(struct client_address_read *a,
						       const struct organisation_options *las,
						       long long la_id, long long current_la)
{
	struct form_read *r = &a->read;
	if (la_id == 0) {
		if (a->postcode_valid && !a->postcode_found && !a->no_fixed_abode)
			form_fields_refuse(
				r, ADDRESS_LOCAL_AUTHORITY, NULL,
				arena_printf(r->arena,
					     "Select the local authority the client lives "
					     "in: postcode %s is not in the postcode list",
					     r->values[ADDRESS_POSTCODE]));
		else
			form_fields_refuse(r, ADDRESS_LOCAL_AUTHORITY, NULL,
					   r->fields[ADDRESS_LOCAL_AUTHORITY].missing);
		return NULL;
	}
	for (size_t i = 0; i < las->count; i++)
		if (las->items[i].id == la_id &&
		    (!las->items[i].retired || (current_la != 0 && la_id == current_la))) {
			r->values[ADDRESS_LOCAL_AUTHORITY] = arena_printf(r->arena, "%lld", la_id);
			return &las->items[i];
		}
	form_fields_refuse(r, ADDRESS_LOCAL_AUTHORITY, NULL,
			   r->fields[ADDRESS_LOCAL_AUTHORITY].invalid);
	return NULL;
}

void client_form_values(struct arena *arena, const struct form_read *read, struct req_fields *out)
{
	size_t capacity = read->count + CONTACT__MAX + 2;
	out->items = arena_zalloc(arena, capacity * sizeof *out->items);
	out->count = 0;
	out->capacity = capacity;
	for (size_t i = 0; i < read->count; i++) {
		const char *name = read->fields[i].name;
		size_t n = read->fields[i].repeated ? read->list_counts[i] : 1;
		for (size_t k = 0; k < n && out->count < capacity; k++) {
			const char *value =
				read->fields[i].repeated ? read->lists[i][k] : read->values[i];
			if (value != NULL && value[0] != '\0')
				out->items[out->count++] =
					(struct req_field){ name, value, strlen(value) };
		}
	}
}
