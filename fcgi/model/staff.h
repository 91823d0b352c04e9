/* Staff members and their organisations: created or refreshed at every sign-in from the
 * directory, with directory memberships rebuilt and manual ones kept. */
#ifndef REFERRALS_MODEL_STAFF_H
#define REFERRALS_MODEL_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

struct ldap_user;

struct org_ref {
	long long id;
	const char *name;
};

struct org_list {
	struct org_ref *items;
	size_t count;
};

struct staff_signin {
	long long staff_id;
	bool active;          /* false: deactivated by an administrator */
	long long default_org; /* 0 when the member of no organisation */
};

/* Upserts the staff row from the directory entry and rebuilds its directory memberships
 * from the groups (normalised DNs), in one transaction. */
enum db_status staff_sign_in(struct arena *arena, const struct ldap_user *user,
			     struct staff_signin *out);
/* The active organisations the staff member belongs to, by name. */
enum db_status staff_list_orgs(struct arena *arena, long long staff_id, struct org_list *out);
enum db_status staff_is_member(struct arena *arena, long long staff_id, long long org_id,
			       bool *member);
/* Remembers the organisation last chosen, for the next sign-in. */
enum db_status staff_remember_org(struct arena *arena, long long staff_id, long long org_id);

#endif
