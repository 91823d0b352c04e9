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
	bool active;	       /* false: deactivated by an administrator */
	long long default_org; /* 0 when the member of no organisation */
};

/* Upserts the staff row from the directory entry and rebuilds its directory memberships
 * from the groups (normalised DNs), in one transaction. */
enum db_status staff_sign_in(struct arena *arena, const struct ldap_user *user,
			     struct staff_signin *out);
/* Directory groups change behind the program's back, so a signed-in staff member's are read
 * again every interval (Referrals.Ldap.GroupRecheckMinutes). Claims the re-check: *claimed
 * when groups_checked_at was older than the interval (or never set) and is now the time, so
 * one request of the many the staff member's sessions send does it. */
enum db_status staff_claim_group_check(struct arena *arena, long long staff_id,
				       long long interval_minutes, bool *claimed);
/* The directory could not be asked: the next re-check is due in a minute. */
enum db_status staff_group_check_soon(struct arena *arena, long long staff_id,
				      long long interval_minutes);
/* Directory memberships and the administrator flag from user's groups as read again now;
 * user NULL: the entry is gone from the directory, so none. Manual memberships stay. */
enum db_status staff_refresh_directory(struct arena *arena, long long staff_id,
				       const struct ldap_user *user);
/* The active organisations the staff member belongs to, by name. */
enum db_status staff_list_orgs(struct arena *arena, long long staff_id, struct org_list *out);
enum db_status staff_is_member(struct arena *arena, long long staff_id, long long org_id,
			       bool *member);
/* Remembers the organisation last chosen, for the next sign-in. */
enum db_status staff_remember_org(struct arena *arena, long long staff_id, long long org_id);

#endif
