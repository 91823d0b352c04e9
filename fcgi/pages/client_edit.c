/* Edit details (GET/POST /clients/N/edit): the client's form filled from what is stored,
 * read back through the client's form (client_form.c), and saved with one recorded change
 * per field that differs. */
#include "client_edit.h"

#include <string.h>

#include "../arena.h"
#include "../form.h"
#include "../render.h"
#include "../session.h"
#include "../validate.h"
#include "../model/client.h"
#include "../model/draft.h"
#include "access.h"
#include "clients.h"
#include "client_form.h"
#include "pages.h"

#define CHANGES_MAX 32

/* What the form offers: the lists (with the client's values, even retired since) and the
 * local authorities. */
struct edit_choices {
	struct client_choices lists;
	struct organisation_options las;
};

static bool edit_load_choices(struct request *req, const struct client *c, struct edit_choices *out)
{
	if (!client_form_choices(req, c, &out->lists))
		return false;
	return client_form_local_authorities(req, &out->las);
}

/* The referral in progress this edit came from (?draft=N, or the form's draft): the journey's
 * "Are these details still correct?" (issue 12 point 4). 0 unless it is the signed-in staff
 * member's unsent draft, for this organisation and this client; then the page goes back to
 * the journey, which continues once the change is recorded. */
static long long journey_draft(struct request *req, long long client_id)
{
	const char *text = http_form(req, "draft");
	if (text == NULL)
		text = http_query(req, "draft");
	long long id = page_parse_id(text);
	if (id == 0)
		return 0;
	struct draft d;
	bool found = false;
	if (draft_find(req->arena, id, req->session->staff_id, req->session->org_id, &d, &found) !=
		    DB_OK ||
	    !found || d.sent || d.client_id != client_id)
		return 0;
	view_set_int(req, "Journey.Draft", id);
	return id;
}

static void edit_render(struct request *req, const struct client *c, const struct edit_choices *ch,
			int status)
{
	journey_draft(req, c->id);
	clients_heading(req, c);
	client_form_show_choices(req, &ch->lists);
	client_form_show_local_authorities(req, &ch->las, c->local_authority_id);
	view_render(req, status, "pages/clients/edit.cs",
		    arena_printf(req->arena, "Edit details – %s %s", c->first_name, c->last_name));
}

static const char *id_text(struct arena *arena, long long id)
{
	return id == 0 ? "" : arena_printf(arena, "%lld", id);
}

static bool *contact_ways(const struct client *c, bool ways[CONTACT__MAX])
{
	ways[CONTACT_EMAIL] = c->contact_email;
	ways[CONTACT_PHONE] = c->contact_phone;
	ways[CONTACT_SMS] = c->contact_sms;
	ways[CONTACT_VOICEMAIL] = c->contact_voicemail;
	ways[CONTACT_POST] = c->contact_post;
	return ways;
}

void page_client_edit(struct request *req)
{
	struct client c;
	if (!clients_load_for_change(req, &c)) /* issue 15: never a redacted client */
		return;
	page_access(req, ACCESS_CLIENT_EDIT, c.id); /* issue 15: the form shows every detail */
	struct edit_choices ch;
	if (!edit_load_choices(req, &c, &ch))
		return;
	form_keep(req, "title", id_text(req->arena, c.title_id));
	form_keep(req, "first_name", c.first_name);
	form_keep(req, "last_name", c.last_name);
	struct valid_date dob;
	if (valid_date_parse_iso(c.date_of_birth, &dob) == NULL) {
		form_keep(req, "dob_day", arena_printf(req->arena, "%d", dob.day));
		form_keep(req, "dob_month", arena_printf(req->arena, "%d", dob.month));
		form_keep(req, "dob_year", arena_printf(req->arena, "%d", dob.year));
	}
	form_keep(req, "pronoun", id_text(req->arena, c.pronoun_id));
	form_keep(req, "gender", id_text(req->arena, c.gender_id));
	form_keep(req, "gender_description", c.gender_description);
	form_keep(req, "email", c.email);
	form_keep(req, "phone", c.phone);
	form_keep(req, "alt_phone", c.alt_phone);
	bool ways[CONTACT__MAX];
	contact_ways(&c, ways);
	int n = 0;
	for (int w = 0; w < CONTACT__MAX; w++)
		if (ways[w])
			view_set(req, arena_printf(req->arena, "Form.contact.%d", n++),
				 client_contact_values[w]);
	form_keep(req, "nhs_number", c.nhs_number);
	form_keep(req, "gp_practice_name", c.gp_practice_name);
	form_keep(req, "gp_ods_code", c.gp_ods_code);
	form_keep(req, "address_line1", c.address_line1);
	form_keep(req, "address_line2", c.address_line2);
	form_keep(req, "town", c.town);
	form_keep(req, "postcode", c.postcode);
	if (c.no_fixed_abode)
		form_keep(req, "no_fixed_abode", "1");
	form_keep(req, "local_authority", id_text(req->arena, c.local_authority_id));
	edit_render(req, &c, &ch, 200);
}

/* ---- saving ---- */

/* The details and address read into in (a copy of the stored client); false when the form
 * has errors (shown) or the database failed (req->status set). */
static bool edit_read(struct request *req, const struct edit_choices *ch, const struct client *old,
		      struct client *in)
{
	struct arena *arena = req->arena;
	struct client_details d;
	client_form_read_details(arena, &req->form, &ch->lists, &d);
	struct client_address_read a;
	if (!client_form_read_address(req, &req->form, &a))
		return false;
	long long la_id = page_parse_id(a.read.typed[ADDRESS_LOCAL_AUTHORITY]);
	if (la_id == 0 && !a.no_fixed_abode && a.postcode_found &&
	    client_form_active_la(&ch->las, a.row.local_authority_id) != NULL) {
		la_id = a.row.local_authority_id; /* filled in from the postcode, and shown */
		a.read.typed[ADDRESS_LOCAL_AUTHORITY] = id_text(arena, la_id);
	}
	const struct organisation_option *la =
		client_form_check_la(&a, &ch->las, la_id, old->local_authority_id);
	bool ok = form_fields_show(req, &d.read);
	ok = form_fields_show(req, &a.read) && ok;
	if (!ok)
		return false;

	const char **v = d.read.values;
	*in = *old;
	in->title_id = d.title ? d.title->id : 0;
	in->title = d.title ? d.title->name : "";
	in->first_name = v[CLIENT_FIRST_NAME];
	in->last_name = v[CLIENT_LAST_NAME];
	char iso[VALID_DATE_ISO_SIZE];
	valid_date_to_iso(d.dob, iso);
	in->date_of_birth = arena_strdup(arena, iso);
	in->pronoun_id = d.pronoun ? d.pronoun->id : 0;
	in->pronoun = d.pronoun ? d.pronoun->name : "";
	in->gender_id = d.gender->id;
	in->gender = d.gender->name;
	in->gender_description = v[CLIENT_GENDER_DESCRIPTION];
	in->email = v[CLIENT_EMAIL];
	in->phone = v[CLIENT_PHONE];
	in->alt_phone = v[CLIENT_ALT_PHONE];
	in->contact_email = d.contact[CONTACT_EMAIL];
	in->contact_phone = d.contact[CONTACT_PHONE];
	in->contact_sms = d.contact[CONTACT_SMS];
	in->contact_voicemail = d.contact[CONTACT_VOICEMAIL];
	in->contact_post = d.contact[CONTACT_POST];
	in->nhs_number = v[CLIENT_NHS_NUMBER];
	in->gp_practice_name = v[CLIENT_GP_PRACTICE_NAME];
	in->gp_ods_code = v[CLIENT_GP_ODS_CODE];
	in->no_fixed_abode = a.no_fixed_abode;
	in->address_line1 = a.read.values[ADDRESS_LINE1];
	in->address_line2 = a.read.values[ADDRESS_LINE2];
	in->town = a.read.values[ADDRESS_TOWN];
	in->postcode = a.read.values[ADDRESS_POSTCODE];
	in->local_authority_id = la->id;
	in->local_authority = la->name;
	return true;
}

static const char *contact_text(struct arena *arena, const struct client *c)
{
	bool ways[CONTACT__MAX];
	contact_ways(c, ways);
	const char *text = "";
	for (int w = 0; w < CONTACT__MAX; w++)
		if (ways[w])
			text = text[0] ? arena_printf(arena, "%s, %s", text,
						      client_contact_labels[w])
				       : client_contact_labels[w];
	return text;
}

struct change_set {
	struct client_change items[CHANGES_MAX];
	size_t count;
};

static void change_add(struct change_set *set, const char *label, const char *old_value,
		       const char *new_value)
{
	old_value = old_value ? old_value : "";
	new_value = new_value ? new_value : "";
	if (strcmp(old_value, new_value) != 0 && set->count < CHANGES_MAX)
		set->items[set->count++] = (struct client_change){ label, old_value, new_value };
}

/* Each field that differs, labelled as the form labels it. */
static void edit_changes(struct arena *arena, const struct client *old, const struct client *in,
			 struct change_set *set)
{
	const struct form_field *d = client_detail_fields, *a = client_address_fields;
	set->count = 0;
	change_add(set, d[CLIENT_TITLE].label, old->title, in->title);
	change_add(set, d[CLIENT_FIRST_NAME].label, old->first_name, in->first_name);
	change_add(set, d[CLIENT_LAST_NAME].label, old->last_name, in->last_name);
	change_add(set, "Date of birth", page_long_date(arena, old->date_of_birth),
		   page_long_date(arena, in->date_of_birth));
	change_add(set, d[CLIENT_PRONOUN].label, old->pronoun, in->pronoun);
	change_add(set, d[CLIENT_GENDER].label, old->gender, in->gender);
	change_add(set, d[CLIENT_GENDER_DESCRIPTION].label, old->gender_description,
		   in->gender_description);
	change_add(set, d[CLIENT_EMAIL].label, old->email, in->email);
	change_add(set, d[CLIENT_PHONE].label, old->phone, in->phone);
	change_add(set, d[CLIENT_ALT_PHONE].label, old->alt_phone, in->alt_phone);
	change_add(set, d[CLIENT_CONTACT].label, contact_text(arena, old), contact_text(arena, in));
	change_add(set, d[CLIENT_NHS_NUMBER].label, old->nhs_number, in->nhs_number);
	/* recorded as "GP practice" since the first changes were: the history reads alike */
	change_add(set, "GP practice", old->gp_practice_name, in->gp_practice_name);
	change_add(set, d[CLIENT_GP_ODS_CODE].label, old->gp_ods_code, in->gp_ods_code);
	change_add(set, a[ADDRESS_NO_FIXED_ABODE].label, old->no_fixed_abode ? "Yes" : "No",
		   in->no_fixed_abode ? "Yes" : "No");
	change_add(set, a[ADDRESS_LINE1].label, old->address_line1, in->address_line1);
	change_add(set, a[ADDRESS_LINE2].label, old->address_line2, in->address_line2);
	change_add(set, a[ADDRESS_TOWN].label, old->town, in->town);
	change_add(set, a[ADDRESS_POSTCODE].label, old->postcode, in->postcode);
	change_add(set, a[ADDRESS_LOCAL_AUTHORITY].label, old->local_authority,
		   in->local_authority);
}

void page_client_edit_post(struct request *req)
{
	struct client old;
	if (!clients_load_for_change(req, &old))
		return;
	struct edit_choices ch;
	if (!edit_load_choices(req, &old, &ch))
		return;
	struct client in;
	if (!edit_read(req, &ch, &old, &in)) {
		if (req->status == 0)
			edit_render(req, &old, &ch, 400);
		return;
	}
	struct change_set set;
	edit_changes(req->arena, &old, &in, &set);
	if (set.count > 0) {
		enum db_status status =
			client_update(req->arena, &in, req->session->staff_id, req->session->org_id,
				      req->remote_addr, set.items, set.count);
		if (status != DB_OK) {
			page_database_failed(req, status);
			return;
		}
	}
	long long draft = journey_draft(req, old.id);
	if (draft != 0) /* back to the referral, which goes on once the change is recorded */
		http_redirect(req, arena_printf(req->arena, "/drafts/%lld/consent?updated=%zu",
						draft, set.count));
	else
		http_redirect(req, arena_printf(req->arena, "/clients/%lld?saved=%zu", old.id,
						set.count));
}
