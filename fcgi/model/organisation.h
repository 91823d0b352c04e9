/* Organisations and what they accept (issues, ages, genders, local authorities), their
 * capacity, and the directory groups whose members are their staff. The administration pages
 * edit them; the referral journey reads them (organisation_get) to decide eligibility. */
#ifndef REFERRALS_MODEL_ORGANISATION_H
#define REFERRALS_MODEL_ORGANISATION_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "../form_fields.h"

#define ORGANISATION_PAGE_SIZE 25
#define ORGANISATION_GROUP_DN_MAX 512 /* bytes of one directory group's DN, as the column */
/* "No limit" for capacity, min_age and max_age (NULL in the database). */
#define ORGANISATION_NO_LIMIT (-1)

/* The organisation's fields, in the order of its form: organisation_fields holds each one's
 * label (also the audit's), column size, bounds and messages (organisation_fields.c). */
enum organisation_field {
	ORG_NAME,
	ORG_DESCRIPTION,
	ORG_CONTACT_EMAIL,
	ORG_CONTACT_PHONE,
	ORG_ADDRESS,
	ORG_WEBSITE,
	ORG_ACTIVE,
	ORG_ACCEPTING,
	ORG_CAPACITY,
	ORG_ISSUES,
	ORG_MIN_AGE,
	ORG_MAX_AGE,
	ORG_GENDERS_ALL,
	ORG_GENDERS,
	ORG_LAS_ALL,
	ORG_LAS,
	ORG_GROUPS,
	/* issue 13: the parent organisation (administrators only), accepted senders */
	ORG_PARENT,
	ORG_SENDERS_ALL,
	ORG_SENDERS,
	ORG_FIELD_COUNT
};
extern const struct form_field organisation_fields[ORG_FIELD_COUNT];

struct organisation_ids {
	long long *ids;
	size_t count;
};

struct organisation {
	long long id; /* 0: no such organisation (organisation_get) or a new one (save) */
	const char *name;
	const char *description;
	const char *contact_email;
	const char *contact_phone; /* national format, digits only */
	const char *address;
	const char *website;
	bool active;
	bool accepting;
	long long capacity;		 /* most open referrals at once, or ORGANISATION_NO_LIMIT */
	long long min_age;		 /* inclusive, or ORGANISATION_NO_LIMIT */
	long long max_age;		 /* inclusive, or ORGANISATION_NO_LIMIT */
	bool all_genders;		 /* false: only the genders listed */
	bool all_local_authorities;	 /* false: only the local authorities listed */
	struct organisation_ids issues;	 /* issues.id, handled */
	struct organisation_ids genders; /* reference_values.id (list 'gender') */
	struct organisation_ids local_authorities; /* local_authorities.id */
	const char **groups; /* normalised directory group DNs whose members are its staff */
	size_t group_count;
	/* issue 13 */
	long long parent_id;		 /* the larger body it is a team of; 0: none */
	bool chosen_senders_only;	 /* false: accepts referrals from every organisation */
	struct organisation_ids senders; /* organisations (or parents) accepted when chosen */
	/* set by their own forms (organisation_pause.h), not by organisation_save */
	const char *banner;	   /* "" for none */
	const char *paused_reason; /* NULL when not paused */
	const char *paused_until;  /* "YYYY-MM-DD" or NULL */
};

/* A new organisation as the table's defaults make it: what the form starts from and what a
 * new organisation's saved values are compared with. */
void organisation_defaults(struct organisation *out);

/* One organisation with every column and its lists; out->id is 0 when there is none. */
enum db_status organisation_get(struct arena *arena, long long id, struct organisation *out);

/* Referrals of the organisation that are still open (counted against its capacity). */
enum db_status organisation_open_referral_count(struct arena *arena, long long id,
						long long *count);

/* One row of the administration list. */
struct organisation_summary {
	long long id;
	const char *name;
	bool active;
	bool accepting;
	long long capacity; /* or ORGANISATION_NO_LIMIT */
};

struct organisation_page {
	struct organisation_summary *items;
	size_t count;
	long long total; /* organisations matching the search, on every page */
	long long page;	 /* the page shown, 1-based, after clamping to the pages there are */
	long long pages; /* at least 1 */
};

/* Organisations whose name contains search (all when search is ""), by name, one page of
 * ORGANISATION_PAGE_SIZE. A page beyond the last shows the last. */
enum db_status organisation_search(struct arena *arena, const char *search, long long page,
				   struct organisation_page *out);

/* Something an organisation can be set to handle or accept: an issue, a gender, a local
 * authority. Retired ones appear only while the organisation still has them. */
struct organisation_option {
	long long id;
	const char *name;
	bool retired; /* deactivated issue, retired gender, inactive local authority */
};

struct organisation_options {
	struct organisation_option *items;
	size_t count;
};

/* The choices for organisation id's form (0: a new organisation), in display order: active
 * issues by position, genders by position, local authorities by name; each with those the
 * organisation has although they were since retired. */
enum db_status organisation_issue_options(struct arena *arena, long long id,
					  struct organisation_options *out);
enum db_status organisation_gender_options(struct arena *arena, long long id,
					   struct organisation_options *out);
enum db_status organisation_local_authority_options(struct arena *arena, long long id,
						    struct organisation_options *out);
/* Every organisation but id, by name (inactive ones marked retired): the choices of parent
 * organisation and of accepted senders. */
enum db_status organisation_other_options(struct arena *arena, long long id,
					  struct organisation_options *out);

enum organisation_change {
	ORGANISATION_DONE,
	ORGANISATION_DUPLICATE, /* another organisation has that name (clash: its spelling) */
	ORGANISATION_NOT_FOUND,
	ORGANISATION_BAD_PARENT, /* the parent is a team itself, or this one has teams */
};

struct organisation_saved {
	enum organisation_change result;
	long long id;	   /* the organisation's id (the new one after a create) */
	const char *clash; /* ORGANISATION_DUPLICATE: the other organisation's name */
	size_t changes;	   /* audit rows written: one per field that changed */
};

/* Who changes an organisation, for its audit rows (issue 13). An administrator's changes are
 * named admin.organisation.<what>; those of the organisation's own lead (or manager) are
 * organisation.profile.<what>, organisation.pause, .resume and .banner, so the log tells what an
 * organisation did to itself from what the administrators did to it. The scheduled job's
 * resume, on the date a lead set, is the organisation's too. */
struct organisation_change_by {
	long long staff_id; /* 0: the scheduled job */
	const char *remote_addr;
	bool as_admin; /* an administrator, not one of the organisation's leads or managers */
};

/* Creates (org->id 0) or updates the organisation with everything in org, its lists replaced,
 * in one transaction with one audit row per changed field (lists: names added and removed).
 * The ids in org's lists must come from the organisation_*_options. */
enum db_status organisation_save(struct arena *arena, const struct organisation_change_by *by,
				 const struct organisation *org, struct organisation_saved *out);

#endif
