/* Clients: creating one (inside the send of a referral), reading one an organisation may see,
 * the two searches of the find step (exact across all clients, close among the visible ones),
 * the client list, a client's referrals, and visibility (client_orgs).
 *
 * Visibility (PRODUCT.md "Clients"): an organisation sees a client only once it has sent or
 * received a referral for them (a row in client_orgs). Administrators see every client: the
 * functions that read take see_all for them. Nothing here says whether a client exists to an
 * organisation that cannot see it, except client_find_exact, which answers only for an exact
 * first name + last name + date of birth and only with the fields that confirm identity. */
#ifndef REFERRALS_MODEL_CLIENT_H
#define REFERRALS_MODEL_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "scope.h"
#include "../matching.h"

/* Every column of clients, with the names of what the ids point to. Strings are never NULL
 * in what the functions below return ("" when empty); ids are 0 when NULL. */
struct client {
	long long id;
	long long title_id;
	const char *title;
	const char *first_name;
	const char *last_name;
	const char *first_name_key; /* match_name_key(first_name): client_create computes these */
	const char *last_name_key;
	const char *first_name_sound; /* match_phonetic_key(first_name), "" when it has none */
	const char *last_name_sound;
	const char *date_of_birth; /* "YYYY-MM-DD" */
	long long pronoun_id;
	const char *pronoun;
	long long gender_id;
	const char *gender;
	const char *gender_description; /* when the gender is "Prefer to self-describe" */
	const char *email;
	const char *phone;
	const char *alt_phone;
	bool contact_email;
	bool contact_phone;
	bool contact_sms;
	bool contact_voicemail;
	bool contact_post;
	const char *nhs_number;
	const char *gp_practice_name;
	const char *gp_ods_code;
	const char *address_line1;
	const char *address_line2;
	const char *town;
	const char *postcode; /* "LS1 1UR", valid_postcode's form */
	bool no_fixed_abode;
	long long local_authority_id;
	const char *local_authority;
	const char *local_authority_code;
	long long created_by;
	const char *created_by_name;
	const char *created_at; /* UTC, "YYYY-MM-DD HH:MM:SS" */
	const char *updated_at;
	/* issue 15: when its details were removed (UTC; "" when they were not) and why
	 * ("retention" or "erasure"): model/redaction.h */
	const char *redacted_at;
	const char *redaction_kind;
	/* client_get_visible only: consent has expired on every referral group of the client the
	 * scope is party to (referral_access.h's rule; an administrator: every group). Then only
	 * who the client is may be shown (name, date of birth, age, pronoun, gender, local
	 * authority) and nothing of the client's is added or changed. */
	bool consent_expired;
};

/* Creates a client from in's details (validated and normalised by the caller; id, the keys,
 * the names of referenced rows and the timestamps of in are ignored), computing the name keys
 * and phonetic keys. Runs one statement with db_run and opens no transaction, so the send of a
 * referral calls it inside its own. DB_ERROR when a name has no key or one too long (a name
 * that passed valid_person_name always has one that fits). Visibility is not granted: call
 * client_grant_visibility for each organisation. */
enum db_status client_create(struct arena *arena, const struct client *in, long long staff_id,
			     long long *id);

/* The client, when the scope's organisation can see it (an administrator: every client):
 * *found false otherwise, exactly as for an id that does not exist. With consent_expired. */
enum db_status client_get_visible(struct arena *arena, long long client_id,
				  const struct scope *scope, struct client *out, bool *found);

/* Whether org_id can see the client (a row in client_orgs). */
enum db_status client_is_visible(struct arena *arena, long long client_id, long long org_id,
				 bool *visible);

/* Lets org_id see the client from now on (nothing happens when it already can). One statement,
 * no transaction: the send calls it inside its own. */
enum db_status client_grant_visibility(struct arena *arena, long long client_id, long long org_id);

/* ---- the find step ---- */

#define CLIENT_MATCH_MAX 20 /* most matches of each kind returned */

/* A client found by the find step: just enough to confirm identity. */
struct client_match {
	long long id;
	const char *first_name;
	const char *last_name;
	const char *date_of_birth; /* "YYYY-MM-DD" */
	const char *outward_code;  /* the first part of the postcode ("LS1"); "" when none */
	const char *town;
	bool visible;		  /* the asking organisation can already see them */
	enum match_reason reason; /* close matches: why it was offered */
	const char *reason_text;  /* match_reason_text[reason]; "" for exact matches */
};

struct client_match_list {
	struct client_match *items;
	size_t count;
};

/* Clients, across ALL organisations, whose first and last name keys and date of birth equal
 * the typed ones (case, accents, apostrophes and spacing do not count), at most
 * CLIENT_MATCH_MAX, oldest first. visible says whether org_id can see each already. Names
 * without a key (nothing but punctuation) find nobody. dob_iso: "YYYY-MM-DD". */
enum db_status client_find_exact(struct arena *arena, long long org_id, const char *first_name,
				 const char *last_name, const char *dob_iso,
				 struct client_match_list *out);

/* Clients org_id can already see that may be the person typed without being an exact match
 * (match_compare's MATCH_CLOSE: spelling, sounds alike, day and month swapped, one part of the
 * date different, first and last names swapped), each with its reason; at most
 * CLIENT_MATCH_MAX, newest first. Candidates come from the indexes: born on the typed date or
 * its day/month swap, the same name keys, or the same phonetic keys. */
enum db_status client_find_close(struct arena *arena, long long org_id, const char *first_name,
				 const char *last_name, struct valid_date dob,
				 struct client_match_list *out);

/* The first part of a postcode ("LS1 1UR" → "LS1", "LS11UR" → "LS1"); "" for "". */
const char *client_outward_code(struct arena *arena, const char *postcode);

/* ---- the client list ---- */

#define CLIENT_PAGE_SIZE 25
#define CLIENT_PAGE_MAX 40 /* pages: 1,000 clients, beyond which a search is the way */

struct client_summary {
	long long id;
	const char *first_name;
	const char *last_name;
	const char *date_of_birth; /* "YYYY-MM-DD" */
	const char *email;
	const char *postcode;
	const char *town;
	bool no_fixed_abode;
};

struct client_page {
	struct client_summary *items;
	size_t count;
	long long total; /* how many match the search */
	long long page;	 /* the page shown */
	long long pages; /* how many pages there are (at most CLIENT_PAGE_MAX; 1 when none match) */
};

/* The client list's search and filters (issue 12; PRODUCT.md "Client list"). Every value has
 * been checked by the caller; "" / NULL / 0 is a filter not in use. */
struct client_filter {
	const char *query;	       /* name or email, composed_client_search's rules */
	const char *postcode;	       /* a whole postcode in valid_postcode's form ("LS1 1UR") */
	const char *outward_code;      /* or its first part ("LS1"): every postcode of it */
	const char *born;	       /* date of birth, "YYYY-MM-DD" */
	const char *born_on_or_before; /* an age from: born on or before this date */
	const char *born_after;	       /* an age to: born after this date */
	long long gender_id;
	long long local_authority_id;
};

/* One page (1-based; below 1 is the first, beyond the last is the last) of the clients
 * org_id can see (every client with see_all), newest first, that match every filter in use.
 * Visibility is decided here, before any filter: a filter only narrows the visible clients.
 * Each statement is composed for the filters in use (composed_sql.h) and driven by an index:
 * a search by the name keys or email, a date of birth by clients_dob, a postcode by
 * clients_postcode (its first part by clients_postcode_outward), otherwise the organisation's
 * clients (client_orgs_org) newest first, joined to the gender's, local authority's or ages'
 * index when one is chosen (the optimizer starts from the fewer), or for administrators the
 * clients newest first through the gender's or local authority's index.
 * The count stops at CLIENT_PAGE_MAX pages. */
enum db_status client_list_visible(struct arena *arena, long long org_id, bool see_all,
				   const struct client_filter *filter, long long page,
				   struct client_page *out);

/* ---- a client's referrals ---- */

struct client_referral {
	long long id;
	long long group_id;
	const char *status; /* the referrals.status enum: "new", "acknowledged", ... */
	const char *issue;
	long long sending_org_id;
	const char *sending_org;
	long long receiving_org_id;
	const char *receiving_org;
	bool urgent;
	const char *created_at; /* UTC */
	const char *update_due; /* "YYYY-MM-DD" */
	const char *close_due;
	const char *closed_at; /* UTC; NULL while open */
};

struct client_referral_list {
	struct client_referral *items;
	size_t count;
};

#define CLIENT_REFERRALS_MAX 500

/* The client's referrals that org_id sent or received (all of them with see_all), newest
 * first, at most CLIENT_REFERRALS_MAX. The caller has checked that org_id can see the client. */
enum db_status client_referrals(struct arena *arena, long long client_id, long long org_id,
				bool see_all, struct client_referral_list *out);

/* What staff_id last sent for the client from org_id: the referrals of every group that
 * shares the consent of their newest group (one send records one consent), by issue and
 * receiver. Empty when they never sent one. */
enum db_status client_last_sent(struct arena *arena, long long client_id, long long staff_id,
				long long org_id, struct client_referral_list *out);

/* ---- editing a client ---- */

/* One field a staff member changed: its label ("Email") and its old and new values as shown. */
struct client_change {
	const char *label;
	const char *old_value;
	const char *new_value;
};

/* Updates every detail of the client in->id from in (validated and normalised by the caller;
 * the names of referenced rows and the timestamps are ignored), computing the name keys again
 * as client_create does, and records one event (subject 'client', action 'client.change',
 * detail = the label) per change, all in one transaction. DB_ERROR when a name has no key. */
enum db_status client_update(struct arena *arena, const struct client *in, long long staff_id,
			     long long org_id, const char *remote_addr,
			     const struct client_change *changes, size_t change_count);

/* A recorded change of a client's details, newest first. */
struct client_history_item {
	const char *label;
	const char *old_value;
	const char *new_value;
	const char *staff_name; /* "" when unknown */
	const char *organisation;
	const char *occurred_at; /* UTC */
};

struct client_history {
	struct client_history_item *items;
	size_t count;
};

#define CLIENT_HISTORY_MAX 200

/* The client's recorded changes (at most CLIENT_HISTORY_MAX, newest first). */
enum db_status client_history(struct arena *arena, long long client_id, struct client_history *out);

/* ---- consent of a referral group ---- */

/* The consent a group's referrals were sent (or last renewed) under, and whether it expired:
 * older than expiry_days (0 or less: consent never expires, as the scheduled job reads it). */
struct client_consent {
	long long consent_id;
	const char *recorded_at; /* UTC */
	const char *expires_at;	 /* UTC; "" when consent never expires */
	bool expired;
};

/* A client's columns and their joins (aliases c, ct, cp, cg, cla, cs), for a statement of
 * another model that reads a client with its own row (the referral page); client_read_row
 * reads them from column first on and returns the column after them. */
/* clang-format off */
#define CLIENT_COLUMNS                                                                             \
	"c.id, COALESCE(c.title_id, 0), ct.name, c.first_name, c.last_name,"                       \
	" c.first_name_key, c.last_name_key, c.first_name_sound, c.last_name_sound,"               \
	" c.date_of_birth, COALESCE(c.pronoun_id, 0), cp.name, COALESCE(c.gender_id, 0), cg.name,"  \
	" c.gender_description, c.email, c.phone, c.alt_phone, c.contact_email, c.contact_phone,"    \
	" c.contact_sms, c.contact_voicemail, c.contact_post, c.nhs_number, c.gp_practice_name,"     \
	" c.gp_ods_code, c.address_line1, c.address_line2, c.town, c.postcode, c.no_fixed_abode,"    \
	" COALESCE(c.local_authority_id, 0), cla.name, cla.code, c.created_by, cs.display_name,"    \
	" c.created_at, c.updated_at,"                                                             \
	" COALESCE(DATE_FORMAT(c.redacted_at, '%Y-%m-%d %H:%i:%s'), ''), COALESCE(c.redaction_kind, '')"
/* clang-format on */
/* clang-format off */
#define CLIENT_JOINS                                                                               \
	" LEFT JOIN reference_values ct ON ct.id = c.title_id"                                     \
	" LEFT JOIN reference_values cp ON cp.id = c.pronoun_id"                                   \
	" LEFT JOIN reference_values cg ON cg.id = c.gender_id"                                    \
	" LEFT JOIN local_authorities cla ON cla.id = c.local_authority_id"                        \
	" LEFT JOIN staff cs ON cs.id = c.created_by"
/* clang-format on */
unsigned client_read_row(const struct db_result *r, size_t row, unsigned first, struct client *out);

/* The consent of group_id. *found false when the group has none. */
enum db_status client_group_consent(struct arena *arena, long long group_id, long long expiry_days,
				    struct client_consent *out, bool *found);

/* A renewed consent for a group: recorded as a new consents row (by staff_id for org_id, the
 * sender), the group's consent_id set to it, and an event 'referral.consent_renewed' on each
 * referral of the group, in one transaction. *renewed false (nothing written) when the group's
 * consent is no longer old_consent_id (renewed meanwhile by someone else). */
struct client_consent_renewal {
	long long group_id;
	long long client_id;
	long long old_consent_id;
	long long org_id;
	long long staff_id;
	bool given_by_client;
	const char *consentor_name; /* "" when given by the client */
	const char *consentor_relationship;
	const char *remote_addr;
};
enum db_status client_consent_renew(struct arena *arena, const struct client_consent_renewal *in,
				    bool *renewed);

#endif
