/* The directory of organisations every member of staff can browse (issue 13): search by name,
 * issue, local authority and whether accepting now, and each profile with its contact
 * details. Only organisation data: never a referral, client or member of staff. */
#ifndef REFERRALS_MODEL_ORGANISATION_DIRECTORY_H
#define REFERRALS_MODEL_ORGANISATION_DIRECTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

#define DIRECTORY_PAGE_SIZE 25

struct directory_search {
	const char *name;	      /* "" for any */
	long long issue_id;	      /* 0 for any */
	long long local_authority_id; /* 0 for any; organisations covering all count */
	bool accepting_only;	      /* accepting referrals now */
	long long page;		      /* 1-based */
};

struct directory_entry {
	long long id;
	const char *name;
	const char *description;
	const char *parent_name; /* NULL: not a team */
	bool accepting;
	const char *paused_reason; /* NULL: not paused */
	const char *paused_until;  /* "YYYY-MM-DD" or NULL */
	const char *contact_phone, *contact_email, *website;
};

struct directory_page {
	struct directory_entry *items;
	size_t count;
	long long total, page, pages;
};

/* The active organisations matching q, by name, one page of DIRECTORY_PAGE_SIZE (a page
 * beyond the last shows the last). */
enum db_status directory_search(struct arena *arena, const struct directory_search *q,
				struct directory_page *out);

/* Names for a profile: the organisation's parent's name (NULL when none) and its teams. */
struct directory_relations {
	const char *parent_name;
	long long parent_id;
	struct directory_team {
		long long id;
		const char *name;
	} * teams;
	size_t team_count;
};
enum db_status directory_relations(struct arena *arena, long long org_id,
				   struct directory_relations *out);

#endif
