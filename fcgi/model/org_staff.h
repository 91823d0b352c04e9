/* An organisation's staff as its managers (and administrators) run them: who belongs, with
 * which role from which source, people added before their first sign-in, role changes,
 * removals, and the roles its directory groups give. Every change is in the audit log with
 * the organisation, in the same transaction. */
#ifndef REFERRALS_MODEL_ORG_STAFF_H
#define REFERRALS_MODEL_ORG_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "org_role.h"

struct ldap_user;

/* One person's membership of the organisation: a directory one, a manual one, or both. */
struct org_staff_member {
	long long staff_id;
	const char *username;
	const char *display_name;
	const char *email;
	const char *last_signin_at; /* UTC "YYYY-MM-DD HH:MM:SS", NULL when never */
	enum org_role role;	    /* the higher of its sources' */
	bool directory;
	enum org_role directory_role;
	const char *group_dn;
	bool manual;
	enum org_role manual_role;
	const char *role_set_by; /* who set the manual role (or added them); NULL when unknown */
};

/* Added before their first sign-in. */
struct org_staff_pending {
	long long id;
	const char *username;
	const char *display_name;
	const char *email;
	enum org_role role;
	const char *added_by;
	const char *created_at;
};

struct org_staff_group {
	long long id;
	const char *group_dn;
	enum org_role role;
};

struct org_staff_list {
	struct org_staff_member *members; /* active staff, by name */
	size_t count;
	struct org_staff_pending *pending;
	size_t pending_count;
	struct org_staff_group *groups;
	size_t group_count;
};

struct org_staff_actor {
	long long staff_id;
	bool is_admin; /* administrators may leave an organisation without a manager */
	const char *remote_addr;
};

enum org_staff_result {
	ORG_STAFF_DONE,
	ORG_STAFF_UNCHANGED,
	ORG_STAFF_NOT_MEMBER,	   /* no membership of this organisation */
	ORG_STAFF_ALREADY_MEMBER,  /* added: already belongs (or already waiting) */
	ORG_STAFF_FROM_DIRECTORY,  /* only a directory membership: the group decides */
	ORG_STAFF_BELOW_DIRECTORY, /* a role below what the directory group gives */
	ORG_STAFF_LAST_MANAGER,	   /* would leave the organisation without a manager */
	ORG_STAFF_DEACTIVATED,	   /* the person's account is deactivated */
	ORG_STAFF_NO_SUCH_ORG,
};

/* The organisation's members, pending additions and directory groups. */
enum db_status org_staff_list(struct arena *arena, long long org_id, struct org_staff_list *out);

/* The person found in the directory joins as a manual member with the role; *pending true
 * when they have never signed in, so the membership waits for their first sign-in. */
enum db_status org_staff_add(struct arena *arena, const struct org_staff_actor *actor,
			     long long org_id, const struct ldap_user *person, enum org_role role,
			     enum org_staff_result *result, bool *pending);
enum db_status org_staff_set_role(struct arena *arena, const struct org_staff_actor *actor,
				  long long org_id, long long staff_id, enum org_role role,
				  enum org_staff_result *result, const char **group_dn);
/* Ends the manual membership (their sessions lose it at their next request). */
enum db_status org_staff_remove(struct arena *arena, const struct org_staff_actor *actor,
				long long org_id, long long staff_id, enum org_staff_result *result,
				const char **group_dn);
enum db_status org_staff_cancel_pending(struct arena *arena, const struct org_staff_actor *actor,
					long long org_id, long long pending_id,
					enum org_staff_result *result);
/* The role a directory group gives (administrators): its members' directory memberships
 * change at once. */
enum db_status org_staff_set_group_role(struct arena *arena, const struct org_staff_actor *actor,
					long long org_id, long long group_id, enum org_role role,
					enum org_staff_result *result);

/* Pure: whether the organisation keeps a manager when person `changed` (index into roles)
 * goes from roles[changed] to new_role (-1: no longer a member). */
bool org_staff_keeps_manager(const enum org_role *roles, size_t count, size_t changed,
			     int new_role);

#endif
