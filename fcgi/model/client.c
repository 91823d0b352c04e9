/* SQL for clients and their visibility (client_orgs), the find step's searches, the client
 * list and a client's referrals. */
#include "client.h"

#include <string.h>

#include "../vocabulary.h"
#include "../arena.h"
#include "audit.h"
#include "composed_sql.h"
#include "referral_rules.h"
#include "referral_access.h"
#include "settings.h"

static const char *text_of(const char *value)
{
	return value != NULL ? value : "";
}

/* ---- creating ---- */

/* The matching keys stored beside a client's names (see matching.c); false when a name has
 * none (nothing but punctuation), which the forms refuse before it gets here. */
struct name_keys {
	char first_key[MATCH_KEY_SIZE], last_key[MATCH_KEY_SIZE];
	char first_sound[MATCH_PHONETIC_SIZE], last_sound[MATCH_PHONETIC_SIZE];
};

static bool name_keys_of(const struct client *in, struct name_keys *k)
{
	if (!match_name_key(in->first_name, k->first_key, sizeof k->first_key) ||
	    !match_name_key(in->last_name, k->last_key, sizeof k->last_key) ||
	    k->first_key[0] == '\0' || k->last_key[0] == '\0')
		return false;
	if (!match_phonetic_key(in->first_name, k->first_sound, sizeof k->first_sound))
		k->first_sound[0] = '\0';
	if (!match_phonetic_key(in->last_name, k->last_sound, sizeof k->last_sound))
		k->last_sound[0] = '\0';
	return true;
}

/* The parameters of a client row's columns in the order the insert and the update name them
 * (its keys and sounds from k), then last: who created it (insert) or its id (update). */
#define CLIENT_ROW_PARAMS 29
static void row_params(const struct client *in, const struct name_keys *k, long long last,
		       struct db_param params[CLIENT_ROW_PARAMS])
{
	const struct db_param p[CLIENT_ROW_PARAMS] = {
		{ 'i', in->title_id, NULL, 0 },
		{ 's', 0, text_of(in->first_name), 0 },
		{ 's', 0, text_of(in->last_name), 0 },
		{ 's', 0, k->first_key, 0 },
		{ 's', 0, k->last_key, 0 },
		{ 's', 0, k->first_sound, 0 },
		{ 's', 0, k->last_sound, 0 },
		{ 's', 0, text_of(in->date_of_birth), 0 },
		{ 'i', in->pronoun_id, NULL, 0 },
		{ 'i', in->gender_id, NULL, 0 },
		{ 's', 0, text_of(in->gender_description), 0 },
		{ 's', 0, text_of(in->email), 0 },
		{ 's', 0, text_of(in->phone), 0 },
		{ 's', 0, text_of(in->alt_phone), 0 },
		{ 'i', in->contact_email, NULL, 0 },
		{ 'i', in->contact_phone, NULL, 0 },
		{ 'i', in->contact_sms, NULL, 0 },
		{ 'i', in->contact_voicemail, NULL, 0 },
		{ 'i', in->contact_post, NULL, 0 },
		{ 's', 0, text_of(in->nhs_number), 0 },
		{ 's', 0, text_of(in->gp_practice_name), 0 },
		{ 's', 0, text_of(in->gp_ods_code), 0 },
		{ 's', 0, text_of(in->address_line1), 0 },
		{ 's', 0, text_of(in->address_line2), 0 },
		{ 's', 0, text_of(in->town), 0 },
		{ 's', 0, text_of(in->postcode), 0 },
		{ 'i', in->no_fixed_abode, NULL, 0 },
		{ 'i', in->local_authority_id, NULL, 0 },
		{ 'i', last, NULL, 0 },
	};
	memcpy(params, p, sizeof p);
}

enum db_status client_create(struct arena *arena, const struct client *in, long long staff_id,
			     long long *id)
{
	*id = 0;
	struct name_keys keys;
	if (!name_keys_of(in, &keys))
		return DB_ERROR;
	struct db_param params[CLIENT_ROW_PARAMS];
	row_params(in, &keys, staff_id, params);
	struct db_result result;
	enum db_status status = db_run_params(
		arena, &result,
		"INSERT INTO clients (title_id, first_name, last_name, first_name_key, "
		"last_name_key,"
		" first_name_sound, last_name_sound, date_of_birth, pronoun_id, gender_id,"
		" gender_description, email, phone, alt_phone, contact_email, contact_phone, "
		"contact_sms,"
		" contact_voicemail, contact_post, nhs_number, gp_practice_name, gp_ods_code,"
		" address_line1, address_line2, town, postcode, no_fixed_abode, local_authority_id,"
		" created_by)"
		" VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0),"
		" ?, ?, ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, NULLIF(?, 0),"
		" ?)",
		params, CLIENT_ROW_PARAMS);
	if (status == DB_OK)
		*id = (long long)result.insert_id;
	return status;
}

enum db_status client_grant_visibility(struct arena *arena, long long client_id, long long org_id)
{
	return db_run(arena, NULL,
		      "INSERT IGNORE INTO client_orgs (client_id, organisation_id) VALUES (?, ?)",
		      "ii", client_id, org_id);
}

enum db_status client_is_visible(struct arena *arena, long long client_id, long long org_id,
				 bool *visible)
{
	struct db_result result;
	enum db_status status =
		db_run(arena, &result,
		       "SELECT 1 FROM client_orgs WHERE client_id = ? AND organisation_id = ?",
		       "ii", client_id, org_id);
	*visible = status == DB_OK && result.rows == 1;
	return status;
}

/* ---- one client ---- */

unsigned client_read_row(const struct db_result *r, size_t row, unsigned first, struct client *out)
{
	memset(out, 0, sizeof *out);
	unsigned c = first;
#define NEXT_INT() db_int(r, row, c++, 0)
#define NEXT_TEXT() text_of(db_value(r, row, c++))
#define NEXT_BOOL() (db_int(r, row, c++, 0) == 1)
	out->id = NEXT_INT();
	out->title_id = NEXT_INT();
	out->title = NEXT_TEXT();
	out->first_name = NEXT_TEXT();
	out->last_name = NEXT_TEXT();
	out->first_name_key = NEXT_TEXT();
	out->last_name_key = NEXT_TEXT();
	out->first_name_sound = NEXT_TEXT();
	out->last_name_sound = NEXT_TEXT();
	out->date_of_birth = NEXT_TEXT();
	out->pronoun_id = NEXT_INT();
	out->pronoun = NEXT_TEXT();
	out->gender_id = NEXT_INT();
	out->gender = NEXT_TEXT();
	out->gender_description = NEXT_TEXT();
	out->email = NEXT_TEXT();
	out->phone = NEXT_TEXT();
	out->alt_phone = NEXT_TEXT();
	out->contact_email = NEXT_BOOL();
	out->contact_phone = NEXT_BOOL();
	out->contact_sms = NEXT_BOOL();
	out->contact_voicemail = NEXT_BOOL();
	out->contact_post = NEXT_BOOL();
	out->nhs_number = NEXT_TEXT();
	out->gp_practice_name = NEXT_TEXT();
	out->gp_ods_code = NEXT_TEXT();
	out->address_line1 = NEXT_TEXT();
	out->address_line2 = NEXT_TEXT();
	out->town = NEXT_TEXT();
	out->postcode = NEXT_TEXT();
	out->no_fixed_abode = NEXT_BOOL();
	out->local_authority_id = NEXT_INT();
	out->local_authority = NEXT_TEXT();
	out->local_authority_code = NEXT_TEXT();
	out->created_by = NEXT_INT();
	out->created_by_name = NEXT_TEXT();
	out->created_at = NEXT_TEXT();
	out->updated_at = NEXT_TEXT();
	out->redacted_at = NEXT_TEXT();
	out->redaction_kind = NEXT_TEXT();
#undef NEXT_INT
#undef NEXT_TEXT
#undef NEXT_BOOL
	return c;
}

/* The groups of client c the scope is party to (parameters: admin, org, org), with a consent. */
/* clang-format off */
#define PARTY_GROUPS                                                                              \
	" FROM referral_groups g JOIN consents k ON k.id = g.consent_id WHERE g.client_id = c.id" \
	" AND (? = 1 OR g.sending_org_id = ? OR EXISTS (SELECT 1 FROM referrals pr"               \
	"  WHERE pr.group_id = g.id AND pr.receiving_org_id = ?))"
/* clang-format on */

enum db_status client_get_visible(struct arena *arena, long long client_id,
				  const struct scope *scope, struct client *out, bool *found)
{
	memset(out, 0, sizeof *out);
	*found = false;
	long long days;
	enum db_status status = settings_get(arena, SETTING_CONSENT_EXPIRY_DAYS, &days);
	long long admin = scope->admin, org = scope->org_id;
	struct db_result r;
	if (status == DB_OK)
		status = db_run(
			arena, &r,
			"SELECT " CLIENT_COLUMNS ","
			/* consent expired: groups with a consent, and none of them current */
			" EXISTS (SELECT 1" PARTY_GROUPS ") AND NOT EXISTS (SELECT 1" PARTY_GROUPS
			"  AND NOT COALESCE(" REFERRAL_CONSENT_EXPIRED(
				"k", "UTC_TIMESTAMP()") ", 0))"
							" FROM clients c" CLIENT_JOINS
							" WHERE c.id = ? AND (? = 1 OR EXISTS "
							"(SELECT 1 FROM client_orgs co"
							"  WHERE co.client_id = c.id AND "
							"co.organisation_id = ?))",
			"iiiiiiiiii", admin, org, org, admin, org, org, days, client_id, admin,
			org);
	if (status != DB_OK || r.rows != 1)
		return status;
	unsigned next = client_read_row(&r, 0, 0, out);
	out->consent_expired = db_int(&r, 0, next, 0) == 1;
	*found = true;
	return DB_OK;
}

/* ---- the find step ---- */

const char *client_outward_code(struct arena *arena, const char *postcode)
{
	if (postcode == NULL)
		return "";
	const char *space = strchr(postcode, ' ');
	if (space != NULL)
		return arena_strndup(arena, postcode, (size_t)(space - postcode));
	size_t len = strlen(postcode);
	/* without a space: the inward code is always the last three characters */
	return len > 3 ? arena_strndup(arena, postcode, len - 3) : "";
}

/* Columns 0-6 of the find queries: id, first, last, date of birth, postcode, town, visible. */
static struct client_match match_from(struct arena *arena, const struct db_result *r, size_t row)
{
	return (struct client_match){
		.id = db_int(r, row, 0, 0),
		.first_name = text_of(db_value(r, row, 1)),
		.last_name = text_of(db_value(r, row, 2)),
		.date_of_birth = text_of(db_value(r, row, 3)),
		.outward_code = client_outward_code(arena, db_value(r, row, 4)),
		.town = text_of(db_value(r, row, 5)),
		.visible = db_int(r, row, 6, 0) == 1,
		.reason = MATCH_REASON_NONE,
		.reason_text = "",
	};
}

enum db_status client_find_exact(struct arena *arena, long long org_id, const char *first_name,
				 const char *last_name, const char *dob_iso,
				 struct client_match_list *out)
{
	out->items = NULL;
	out->count = 0;
	char first_key[MATCH_KEY_SIZE], last_key[MATCH_KEY_SIZE];
	if (!match_name_key(first_name, first_key, sizeof first_key) ||
	    !match_name_key(last_name, last_key, sizeof last_key) || first_key[0] == '\0' ||
	    last_key[0] == '\0')
		return DB_OK; /* no key, or longer than any stored one: nobody has it */
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.postcode, c.town,"
		" EXISTS (SELECT 1 FROM client_orgs co WHERE co.client_id = c.id AND "
		"co.organisation_id = ?)"
		" FROM clients c"
		" WHERE c.last_name_key = ? AND c.first_name_key = ? AND c.date_of_birth = ?"
		" AND c.redacted_at IS NULL" /* issue 15: a redacted client is never found */
		" ORDER BY c.id LIMIT 20",
		"isss", org_id, last_key, first_key, dob_iso);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (r.rows + 1) * sizeof *out->items);
	for (size_t row = 0; row < r.rows; row++)
		out->items[out->count++] = match_from(arena, &r, row);
	return DB_OK;
}

#define CLOSE_CANDIDATES_MAX 500

enum db_status client_find_close(struct arena *arena, long long org_id, const char *first_name,
				 const char *last_name, struct valid_date dob,
				 struct client_match_list *out)
{
	out->items = NULL;
	out->count = 0;
	char first_key[MATCH_KEY_SIZE], last_key[MATCH_KEY_SIZE];
	char first_sound[MATCH_PHONETIC_SIZE], last_sound[MATCH_PHONETIC_SIZE];
	if (!valid_date_is_real(dob) || !match_name_key(first_name, first_key, sizeof first_key) ||
	    !match_name_key(last_name, last_key, sizeof last_key) || first_key[0] == '\0' ||
	    last_key[0] == '\0')
		return DB_OK;
	if (!match_phonetic_key(first_name, first_sound, sizeof first_sound))
		first_sound[0] = '\0';
	if (!match_phonetic_key(last_name, last_sound, sizeof last_sound))
		last_sound[0] = '\0';
	char dob_iso[VALID_DATE_ISO_SIZE], swapped_iso[VALID_DATE_ISO_SIZE];
	valid_date_to_iso(dob, dob_iso);
	struct valid_date swapped;
	if (match_swapped_dob(dob.year, dob.month, dob.day, &swapped))
		valid_date_to_iso(swapped, swapped_iso);
	else
		memcpy(swapped_iso, dob_iso, sizeof swapped_iso);
	/* Candidates through the clients' indexes (date of birth, the exact keys, the phonetic
	 * keys), then only those this organisation can see (client_orgs' primary key). */
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.postcode, c.town, 1"
		" FROM (SELECT id FROM clients WHERE date_of_birth IN (?, ?)"
		"  UNION SELECT id FROM clients WHERE last_name_key = ? AND first_name_key = ?"
		"  UNION SELECT id FROM clients WHERE ? <> '' AND ? <> ''"
		"   AND last_name_sound = ? AND first_name_sound = ?) candidate"
		" JOIN clients c ON c.id = candidate.id AND c.redacted_at IS NULL"
		" JOIN client_orgs co ON co.client_id = c.id AND co.organisation_id = ?"
		" ORDER BY c.id DESC LIMIT 500",
		"ssssssssi", dob_iso, swapped_iso, last_key, first_key, last_sound, first_sound,
		last_sound, first_sound, org_id);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (CLIENT_MATCH_MAX + 1) * sizeof *out->items);
	struct match_person typed = { first_name, last_name, dob };
	for (size_t row = 0; row < r.rows && out->count < CLIENT_MATCH_MAX; row++) {
		struct match_person candidate = { db_value(&r, row, 1),
						  db_value(&r, row, 2),
						  { 0, 0, 0 } };
		if (valid_date_parse_iso(text_of(db_value(&r, row, 3)), &candidate.dob) != NULL)
			continue;
		enum match_reason reason;
		if (match_compare(&typed, &candidate, &reason) != MATCH_CLOSE)
			continue;
		struct client_match match = match_from(arena, &r, row);
		match.reason = reason;
		match.reason_text = match_reason_text[reason];
		out->items[out->count++] = match;
	}
	return DB_OK;
}

/* ---- the client list ---- */

/* clang-format off */
#define LIST_COLUMNS                                                                               \
	"c.id, c.first_name, c.last_name, c.date_of_birth, c.email, c.postcode, c.town,"           \
	" c.no_fixed_abode"
/* clang-format on */
/* The client c is one the organisation sees (client_orgs by its primary key), unless every
 * client is seen (administrators). */
static void client_list_visible_to(struct composed_sql *q, long long org_id, bool see_all)
{
	if (!see_all)
		composed_int(q,
			     " AND EXISTS (SELECT 1 FROM client_orgs co"
			     " WHERE co.client_id = c.id AND co.organisation_id = ?)",
			     org_id);
}

/* The filters other than the search, each a condition on the client c. */
static void client_list_filters(struct arena *arena, struct composed_sql *q,
				const struct client_filter *f)
{
	if (f->postcode != NULL && f->postcode[0] != '\0')
		composed_text(q, " AND c.postcode = ?", f->postcode);
	if (f->outward_code != NULL && f->outward_code[0] != '\0')
		composed_text(q, " AND c.postcode_outward = ?", f->outward_code);
	if (f->born != NULL)
		composed_text(q, " AND c.date_of_birth = ?", f->born);
	if (f->born_on_or_before != NULL)
		composed_text(q, " AND c.date_of_birth <= ?", f->born_on_or_before);
	if (f->born_after != NULL)
		composed_text(q, " AND c.date_of_birth > ?", f->born_after);
	if (f->gender_id != 0)
		composed_int(q, " AND c.gender_id = ?", f->gender_id);
	if (f->local_authority_id != 0)
		composed_int(q, " AND c.local_authority_id = ?", f->local_authority_id);
}

/* The index of clients that finds the filtered clients with least reading: an exact date of
 * birth or a postcode (or its first part, sql/070) is one value, its clients newest first;
 * NULL when none is (the organisation's clients, or for administrators the gender's or local
 * authority's clients newest first). */
static const char *client_list_index(const struct client_filter *f, bool see_all)
{
	if (f->born != NULL)
		return "clients_dob";
	if (f->postcode != NULL && f->postcode[0] != '\0')
		return "clients_postcode";
	if (f->outward_code != NULL && f->outward_code[0] != '\0')
		return "clients_postcode_outward";
	if (!see_all)
		return NULL;
	if (f->local_authority_id != 0)
		return "clients_la"; /* (local_authority_id, id): newest first within it */
	if (f->gender_id != 0)
		return "clients_gender";
	return NULL;
}

/* Whether a filter other than the search, the date of birth and the postcode is in use. */
static bool client_list_narrowed(const struct client_filter *f)
{
	return f->born_on_or_before != NULL || f->born_after != NULL || f->gender_id != 0 ||
	       f->local_authority_id != 0;
}

/* Whether the list walks its clients newest first and checks each one: without a search or
 * filter, or with a common name's search (COMPOSED_SEARCH_FEW_MAX), unless a date of birth or
 * postcode gives a shorter index to start from. An organisation's through client_orgs_org;
 * an administrator's every client through the primary key. */
static bool client_list_walks(const struct client_filter *f, bool see_all, bool common_name)
{
	bool searching = f->query != NULL && f->query[0] != '\0';
	if (client_list_index(f, see_all) != NULL)
		return false;
	return searching ? common_name : !see_all && !client_list_narrowed(f);
}

/* FROM and WHERE of the client list. Walking (client_list_walks): the organisation's clients
 * through client_orgs_org, or every client through the primary key. With a gender, local
 * authority or age only: joined to the organisation's clients, from whichever side has fewer.
 * With a search of a name that is not common: client_search_ids instead. With a date of
 * birth or postcode (and any search), the clients of that index's value; each then
 * checked against client_orgs by its primary key, so a filter never widens what the
 * organisation sees. */
static bool client_list_from_where(struct arena *arena, struct composed_sql *q, long long org_id,
				   bool see_all, bool common_name, const struct client_filter *f)
{
	const char *query = f->query != NULL ? f->query : "";
	const char *index = client_list_index(f, see_all);
	if (client_list_walks(f, see_all, common_name)) {
		if (see_all) {
			composed_add(q, " FROM clients c FORCE INDEX (PRIMARY) WHERE 1 = 1");
		} else {
			composed_int(q,
				     " FROM client_orgs co FORCE INDEX (client_orgs_org)"
				     " STRAIGHT_JOIN clients c ON c.id = co.client_id"
				     " WHERE co.organisation_id = ?",
				     org_id);
		}
		client_list_filters(arena, q, f);
		return query[0] == '\0' || composed_client_search(arena, q, query);
	}
	if (query[0] == '\0' && index == NULL && !see_all) {
		/* a gender, local authority or age: the optimizer weighs the organisation's
		 * clients (client_orgs_org) against the clients of that value (clients_gender,
		 * clients_la, clients_dob), both counted by index dives, and starts from the fewer:
		 * a rare value no longer walks every client of the largest organisation, nor a
		 * common one every client of that value */
		composed_int(q,
			     " FROM client_orgs co JOIN clients c ON c.id = co.client_id"
			     " WHERE co.organisation_id = ?",
			     org_id);
		client_list_filters(arena, q, f);
		return true;
	}
	composed_add(q, " FROM clients c");
	if (query[0] == '\0' && index != NULL) {
		composed_add(q, " FORCE INDEX (");
		composed_add(q, index);
		composed_add(q, ")");
	}
	composed_add(q, " WHERE 1 = 1");
	client_list_visible_to(q, org_id, see_all);
	client_list_filters(arena, q, f);
	return query[0] == '\0' || composed_client_search(arena, q, query);
}

/* Whether a search's clients are read through the search's own indexes (client_search_ids):
 * there is no date of birth or postcode to start from. A search's count always is; its page
 * too unless the name is common, whose page is found sooner by walking the organisation's
 * clients newest first. Counting from the organisation's side instead read its clients until
 * 1,001 matched (Brown, largest organisation, design scale: 140,000 rows, 83 ms), from the
 * name's side until 1,001 were the organisation's (1,300 there: 22 ms); for Smith and a
 * small (4,000 clients) or mid-sized (39,000) organisation both sides cost the same, 14 and
 * 25-30 ms warm. */
static bool client_list_searches_by_alternative(const struct client_filter *f, bool see_all)
{
	return f->query != NULL && f->query[0] != '\0' && client_list_index(f, see_all) == NULL;
}

/* The ids of the clients a search finds, one branch per alternative united: each a range of
 * its own index, checked against client_orgs, at most each ids (the largest first when
 * newest). Where the alternatives are ORed, MariaDB merges the indexes, then reads every
 * matching client's row to check it (20 ms for 2,000 clients called Berry at the design
 * scale); a branch reads only its index and client_orgs'. */
static void client_search_ids(struct arena *arena, struct composed_sql *q, long long org_id,
			      bool see_all, const struct client_filter *f, bool newest,
			      long long each)
{
	size_t alternatives = composed_client_search_alternatives(arena, f->query);
	for (size_t i = 0; i < alternatives; i++) {
		composed_add(q, i == 0 ? "(SELECT c.id FROM clients c WHERE 1 = 1"
				       : " UNION (SELECT c.id FROM clients c WHERE 1 = 1");
		client_list_visible_to(q, org_id, see_all);
		client_list_filters(arena, q, f);
		composed_client_search_one(arena, q, f->query, i);
		composed_add(q, newest ? " ORDER BY c.id DESC" : "");
		composed_int(q, " LIMIT ?)", each);
	}
}

enum db_status client_list_visible(struct arena *arena, long long org_id, bool see_all,
				   const struct client_filter *filter, long long page,
				   struct client_page *out)
{
	out->items = NULL;
	out->count = 0;
	out->total = 0;
	out->page = out->pages = 1;
	if (page < 1)
		page = 1;
	if (page > CLIENT_PAGE_MAX)
		page = CLIENT_PAGE_MAX;
	bool common_name = false;
	if (filter->query != NULL && filter->query[0] != '\0' &&
	    client_list_index(filter, see_all) == NULL) {
		long long matching;
		enum db_status probed = composed_search_matches(arena, filter->query, &matching);
		if (probed != DB_OK)
			return probed;
		common_name = matching > COMPOSED_SEARCH_FEW_MAX;
	}
	/* the count stops where the pages do: "more than 1,000" is all the page says */
	long long cap = (long long)CLIENT_PAGE_MAX * CLIENT_PAGE_SIZE + 1;
	bool by_alternative = client_list_searches_by_alternative(filter, see_all);
	struct composed_sql *q = arena_zalloc(arena, sizeof *q);
	if (by_alternative) {
		/* exact below the cap: each branch then holds all its clients */
		composed_int(q, "SELECT LEAST(COUNT(*), ?) FROM (", cap);
		client_search_ids(arena, q, org_id, see_all, filter, false, cap);
		composed_add(q, ") capped");
	} else {
		composed_add(q, "SELECT COUNT(*) FROM (SELECT 1");
		if (!client_list_from_where(arena, q, org_id, see_all, common_name, filter))
			return DB_OK;
		composed_int(q, " LIMIT ?) capped", cap);
	}
	struct db_result count, r;
	enum db_status status = composed_run(arena, q, &count);
	if (status != DB_OK)
		return status;
	out->total = db_int(&count, 0, 0, 0);
	out->pages = (out->total + CLIENT_PAGE_SIZE - 1) / CLIENT_PAGE_SIZE;
	if (out->pages < 1)
		out->pages = 1;
	if (out->pages > CLIENT_PAGE_MAX)
		out->pages = CLIENT_PAGE_MAX;
	if (page > out->pages)
		page = out->pages;
	out->page = page;
	q = arena_zalloc(arena, sizeof *q);
	long long offset = (page - 1) * CLIENT_PAGE_SIZE;
	if (by_alternative && !common_name) {
		/* each branch's newest up to this page, then the page of them all */
		composed_add(q, "SELECT " LIST_COLUMNS " FROM (SELECT id FROM (");
		client_search_ids(arena, q, org_id, see_all, filter, true,
				  offset + CLIENT_PAGE_SIZE);
		composed_int(q, ") found ORDER BY id DESC LIMIT ?", (long long)CLIENT_PAGE_SIZE);
		composed_int(q,
			     " OFFSET ?) page JOIN clients c ON c.id = page.id ORDER BY c.id DESC",
			     offset);
	} else {
		composed_add(q, "SELECT " LIST_COLUMNS);
		client_list_from_where(arena, q, org_id, see_all, common_name, filter);
		composed_add(q, client_list_walks(filter, see_all, common_name) && !see_all
					? " ORDER BY co.client_id DESC"
					: " ORDER BY c.id DESC");
		composed_int(q, " LIMIT ?", (long long)CLIENT_PAGE_SIZE);
		composed_int(q, " OFFSET ?", offset);
	}
	status = composed_run(arena, q, &r);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (r.rows + 1) * sizeof *out->items);
	for (size_t row = 0; row < r.rows; row++)
		out->items[out->count++] = (struct client_summary){
			.id = db_int(&r, row, 0, 0),
			.first_name = text_of(db_value(&r, row, 1)),
			.last_name = text_of(db_value(&r, row, 2)),
			.date_of_birth = text_of(db_value(&r, row, 3)),
			.email = text_of(db_value(&r, row, 4)),
			.postcode = text_of(db_value(&r, row, 5)),
			.town = text_of(db_value(&r, row, 6)),
			.no_fixed_abode = db_int(&r, row, 7, 0) == 1,
		};
	return DB_OK;
}

/* ---- a client's referrals ---- */

/* clang-format off */
#define REFERRAL_COLUMNS                                                                           \
	"r.id, r.group_id, r.status, i.name, r.sending_org_id, so.name, r.receiving_org_id,"       \
	" ro.name, r.urgent, r.created_at, r.update_due, r.close_due, r.closed_at"
/* clang-format on */
/* clang-format off */
#define REFERRAL_JOINS                                                                             \
	" JOIN issues i ON i.id = r.issue_id"                                                      \
	" JOIN organisations so ON so.id = r.sending_org_id"                                       \
	" JOIN organisations ro ON ro.id = r.receiving_org_id"
/* clang-format on */

static void referrals_from(struct arena *arena, const struct db_result *r,
			   struct client_referral_list *out)
{
	out->items = arena_zalloc(arena, (r->rows + 1) * sizeof *out->items);
	out->count = 0;
	for (size_t row = 0; row < r->rows; row++)
		out->items[out->count++] = (struct client_referral){
			.id = db_int(r, row, 0, 0),
			.group_id = db_int(r, row, 1, 0),
			.status = text_of(db_value(r, row, 2)),
			.issue = text_of(db_value(r, row, 3)),
			.sending_org_id = db_int(r, row, 4, 0),
			.sending_org = text_of(db_value(r, row, 5)),
			.receiving_org_id = db_int(r, row, 6, 0),
			.receiving_org = text_of(db_value(r, row, 7)),
			.urgent = db_int(r, row, 8, 0) == 1,
			.created_at = text_of(db_value(r, row, 9)),
			.update_due = text_of(db_value(r, row, 10)),
			.close_due = text_of(db_value(r, row, 11)),
			.closed_at = db_value(r, row, 12),
		};
}

enum db_status client_referrals(struct arena *arena, long long client_id, long long org_id,
				bool see_all, struct client_referral_list *out)
{
	out->items = NULL;
	out->count = 0;
	struct db_result r;
	enum db_status status = db_run(arena, &r,
				       "SELECT " REFERRAL_COLUMNS " FROM referrals r" REFERRAL_JOINS
				       " WHERE r.client_id = ? AND (? = 1 OR r.sending_org_id = ? "
				       "OR r.receiving_org_id = ?)"
				       " ORDER BY r.created_at DESC, r.id DESC LIMIT 500",
				       "iiii", client_id, (long long)see_all, org_id, org_id);
	if (status == DB_OK)
		referrals_from(arena, &r, out);
	return status;
}

enum db_status client_last_sent(struct arena *arena, long long client_id, long long staff_id,
				long long org_id, struct client_referral_list *out)
{
	out->items = NULL;
	out->count = 0;
	struct db_result r;
	enum db_status status = db_run(
		arena, &r,
		"SELECT " REFERRAL_COLUMNS " FROM referral_groups g"
		" JOIN referrals r ON r.group_id = g.id" REFERRAL_JOINS
		" WHERE g.client_id = ? AND g.created_by = ? AND g.sending_org_id = ?"
		" AND g.consent_id = (SELECT last.consent_id FROM referral_groups last"
		"  WHERE last.client_id = ? AND last.created_by = ? AND last.sending_org_id = ?"
		"  ORDER BY last.id DESC LIMIT 1)"
		" ORDER BY i.position, i.name, ro.name, r.id LIMIT 500",
		"iiiiii", client_id, staff_id, org_id, client_id, staff_id, org_id);
	if (status == DB_OK)
		referrals_from(arena, &r, out);
	return status;
}

/* ---- editing a client ---- */

struct update_work {
	const struct client *in;
	const struct name_keys *keys;
	long long staff_id, org_id;
	const char *remote_addr;
	const struct client_change *changes;
	size_t change_count;
};

static enum db_status update_work(struct arena *arena, void *context)
{
	const struct update_work *w = context;
	const struct client *in = w->in;
	struct db_param params[CLIENT_ROW_PARAMS];
	row_params(in, w->keys, in->id, params);
	enum db_status status = db_run_params(
		arena, NULL,
		"UPDATE clients SET title_id = NULLIF(?, 0), first_name = ?, last_name = ?,"
		" first_name_key = ?, last_name_key = ?, first_name_sound = ?, last_name_sound = ?,"
		" date_of_birth = ?, pronoun_id = NULLIF(?, 0), gender_id = NULLIF(?, 0),"
		" gender_description = ?, email = ?, phone = ?, alt_phone = ?, contact_email = ?,"
		" contact_phone = ?, contact_sms = ?, contact_voicemail = ?, contact_post = ?,"
		" nhs_number = ?, gp_practice_name = ?, gp_ods_code = ?, address_line1 = ?,"
		" address_line2 = ?, town = ?, postcode = ?, no_fixed_abode = ?,"
		" local_authority_id = NULLIF(?, 0)"
		" WHERE id = ?",
		params, CLIENT_ROW_PARAMS);
	for (size_t i = 0; status == DB_OK && i < w->change_count; i++) {
		struct audit_entry event = {
			.staff_id = w->staff_id,
			.organisation_id = w->org_id,
			.action = "client.change",
			.subject_type = "client",
			.subject_id = in->id,
			.old_value = w->changes[i].old_value,
			.new_value = w->changes[i].new_value,
			.detail = w->changes[i].label,
			.remote_addr = w->remote_addr,
		};
		status = audit_record(arena, &event);
	}
	return status;
}

enum db_status client_update(struct arena *arena, const struct client *in, long long staff_id,
			     long long org_id, const char *remote_addr,
			     const struct client_change *changes, size_t change_count)
{
	struct name_keys keys;
	if (!name_keys_of(in, &keys))
		return DB_ERROR;
	struct update_work work = {
		in, &keys, staff_id, org_id, remote_addr, changes, change_count
	};
	return db_transaction(arena, update_work, &work);
}

enum db_status client_history(struct arena *arena, long long client_id, struct client_history *out)
{
	out->items = NULL;
	out->count = 0;
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT e.detail, e.old_value, e.new_value, s.display_name, o.name,"
		       " DATE_FORMAT(e.occurred_at, '%Y-%m-%d %H:%i:%s')"
		       " FROM events e"
		       " LEFT JOIN staff s ON s.id = e.staff_id"
		       " LEFT JOIN organisations o ON o.id = e.organisation_id"
		       " WHERE e.subject_type = 'client' AND e.subject_id = ? AND e.action = "
		       "'client.change'"
		       " ORDER BY e.occurred_at DESC, e.id DESC LIMIT 200",
		       "i", client_id);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (r.rows + 1) * sizeof *out->items);
	for (size_t i = 0; i < r.rows; i++) {
		struct client_history_item *item = &out->items[out->count++];
		item->label = text_of(db_value(&r, i, 0));
		item->old_value = text_of(db_value(&r, i, 1));
		item->new_value = text_of(db_value(&r, i, 2));
		item->staff_name = text_of(db_value(&r, i, 3));
		item->organisation = text_of(db_value(&r, i, 4));
		item->occurred_at = text_of(db_value(&r, i, 5));
	}
	return DB_OK;
}

/* ---- consent of a referral group ---- */

enum db_status client_group_consent(struct arena *arena, long long group_id, long long expiry_days,
				    struct client_consent *out, bool *found)
{
	memset(out, 0, sizeof *out);
	*found = false;
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT k.id, DATE_FORMAT(k.recorded_at, '%Y-%m-%d %H:%i:%s'),"
		       " DATE_FORMAT(k.recorded_at + INTERVAL ? DAY, '%Y-%m-%d %H:%i:%s'),"
		       " " REFERRAL_CONSENT_EXPIRED(
			       "k", "UTC_TIMESTAMP()") " FROM referral_groups g JOIN consents k ON "
						       "k.id = g.consent_id WHERE g.id = ?",
		       "iii", expiry_days, expiry_days, group_id);
	if (status != DB_OK || r.rows != 1)
		return status;
	*found = true;
	out->consent_id = db_int(&r, 0, 0, 0);
	out->recorded_at = text_of(db_value(&r, 0, 1));
	out->expires_at = expiry_days > 0 ? text_of(db_value(&r, 0, 2)) : "";
	out->expired = db_int(&r, 0, 3, 0) == 1;
	return DB_OK;
}

struct renew_work {
	const struct client_consent_renewal *in;
	bool *renewed;
};

static enum db_status renew_work(struct arena *arena, void *context)
{
	struct renew_work *w = context;
	const struct client_consent_renewal *in = w->in;
	*w->renewed = false;
	struct db_result r;
	enum db_status status =
		db_run(arena, &r, "SELECT consent_id FROM referral_groups WHERE id = ? FOR UPDATE",
		       "i", in->group_id);
	if (status != DB_OK)
		return status;
	if (r.rows != 1 || db_int(&r, 0, 0, 0) != in->old_consent_id)
		return DB_OK;
	struct db_result inserted;
	status = db_run(
		arena, &inserted,
		"INSERT INTO consents (client_id, organisation_id, recorded_by, given_by_client,"
		" consentor_name, consentor_relationship) VALUES (?, ?, ?, ?, ?, ?)",
		"iiiiss", in->client_id, in->org_id, in->staff_id, (long long)in->given_by_client,
		text_of(in->consentor_name), text_of(in->consentor_relationship));
	if (status != DB_OK)
		return status;
	long long consent_id = (long long)inserted.insert_id;
	status = db_run(arena, NULL, "UPDATE referral_groups SET consent_id = ? WHERE id = ?", "ii",
			consent_id, in->group_id);
	if (status != DB_OK)
		return status;
	struct db_result refs;
	status = db_run(arena, &refs, "SELECT id FROM referrals WHERE group_id = ? ORDER BY id",
			"i", in->group_id);
	if (status != DB_OK)
		return status;
	const char *detail = in->given_by_client
				     ? "Consent given by the client"
				     : arena_printf(arena, "Consent given by %s (%s)",
						    text_of(in->consentor_name),
						    text_of(in->consentor_relationship));
	for (size_t i = 0; status == DB_OK && i < refs.rows; i++) {
		struct audit_entry event = {
			.staff_id = in->staff_id,
			.organisation_id = in->org_id,
			.action = event_name(EVENT_CONSENT_RENEWED),
			.subject_type = "referral",
			.subject_id = db_int(&refs, i, 0, 0),
			.old_value = arena_printf(arena, "%lld", in->old_consent_id),
			.new_value = arena_printf(arena, "%lld", consent_id),
			.detail = detail,
			.remote_addr = in->remote_addr,
		};
		status = audit_record(arena, &event);
	}
	if (status == DB_OK)
		*w->renewed = true;
	return status;
}

enum db_status client_consent_renew(struct arena *arena, const struct client_consent_renewal *in,
				    bool *renewed)
{
	struct renew_work work = { in, renewed };
	return db_transaction(arena, renew_work, &work);
}
