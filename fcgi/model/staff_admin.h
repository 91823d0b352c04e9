/* Staff as administrators see them: everyone who has signed in, their memberships with the
 * source of each (directory group or manual), manual memberships added and removed, and
 * deactivation. Every change is recorded in the audit log in the same transaction. */
#ifndef REFERRALS_MODEL_STAFF_ADMIN_H
#define REFERRALS_MODEL_STAFF_ADMIN_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

#define STAFF_ADMIN_PAGE_SIZE 25
/* The deepest page the list offers: offsets stay bounded whatever the URL says. */
#define STAFF_ADMIN_MAX_PAGE 400

/* One organisation a staff member belongs to, and why. */
struct staff_membership {
	long long org_id;
	const char *org_name;
	bool org_active;
	bool manual;	      /* false: from a directory group */
	const char *group_dn; /* the directory group (directory memberships) */
	const char *added_by; /* who added it (manual memberships; NULL when unknown) */
	const char *added_at; /* UTC "YYYY-MM-DD HH:MM:SS" */
	int role;	      /* enum org_role this membership gives */
};

struct staff_record {
	long long id;
	const char *username;
	const char *display_name;
	const char *email;	  /* NULL when the directory has none */
	const char *directory_dn; /* NULL when unknown */
	bool is_admin;
	bool active;
	const char *last_signin_at; /* UTC "YYYY-MM-DD HH:MM:SS", NULL when never */
	const char *created_at;
	struct staff_membership *memberships;
	size_t membership_count;
};

struct staff_page {
	struct staff_record *items;
	size_t count;
	long long total; /* staff matching the search, on every page */
};

struct staff_org_choice {
	long long id;
	const char *name;
};

struct staff_org_choices {
	struct staff_org_choice *items;
	size_t count;
};

/* Who makes a change, for the audit log. */
struct staff_admin_actor {
	long long staff_id;
	const char *remote_addr;
};

enum staff_admin_result {
	STAFF_ADMIN_DONE,
	STAFF_ADMIN_UNCHANGED,	    /* already so: nothing written */
	STAFF_ADMIN_NOT_FOUND,	    /* no such staff member */
	STAFF_ADMIN_NO_SUCH_ORG,    /* not an active organisation */
	STAFF_ADMIN_ALREADY_MEMBER, /* already a manual member of that organisation */
	STAFF_ADMIN_FROM_DIRECTORY, /* only a directory membership: cannot be removed here */
	STAFF_ADMIN_NOT_MEMBER,	    /* no membership of that organisation at all */
	STAFF_ADMIN_SELF,	    /* administrators cannot deactivate themselves */
};

/* Page (1-based) of the staff whose name or username contains search ("" for everyone),
 * by name, each with their memberships. */
enum db_status staff_admin_list(struct arena *arena, const char *search, long long page,
				struct staff_page *out);
/* One staff member with their memberships; *found false when there is no such id. */
enum db_status staff_admin_get(struct arena *arena, long long id, struct staff_record *out,
			       bool *found);
/* The active organisations the staff member is not a manual member of, by name. */
enum db_status staff_admin_org_choices(struct arena *arena, long long staff_id,
				       struct staff_org_choices *out);

/* The changes. *org_name (when not NULL) receives the organisation's name, for messages;
 * *group_dn the directory group of a membership that cannot be removed. */
enum db_status staff_admin_add_membership(struct arena *arena,
					  const struct staff_admin_actor *actor, long long staff_id,
					  long long org_id, enum staff_admin_result *result,
					  const char **org_name);
enum db_status staff_admin_remove_membership(struct arena *arena,
					     const struct staff_admin_actor *actor,
					     long long staff_id, long long org_id,
					     enum staff_admin_result *result, const char **org_name,
					     const char **group_dn);
/* Deactivating also ends every session of the staff member, in the same transaction. */
enum db_status staff_admin_set_active(struct arena *arena, const struct staff_admin_actor *actor,
				      long long staff_id, bool active,
				      enum staff_admin_result *result);

#endif
