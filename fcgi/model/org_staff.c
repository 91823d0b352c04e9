/* SQL for an organisation's staff management. A change locks the person's staff row first
 * (as signing in does), then the organisation's membership rows, so two managers' changes
 * to one organisation take turns and the last-manager rule sees every other change. */
#include "org_staff.h"

#include <string.h>

#include "../arena.h"
#include "../ldap_auth.h"
#include "audit.h"

static enum org_role role_at(const struct db_result *r, size_t row, unsigned column)
{
	long long value = db_int(r, row, column, 0);
	return value >= ORG_ROLE_STAFF && value <= ORG_ROLE_MANAGER ? (enum org_role)value
								    : ORG_ROLE_STAFF;
}

static bool is_manual(const struct db_result *r, size_t row, unsigned column)
{
	const char *source = db_value(r, row, column);
	return source != NULL && strcmp(source, "manual") == 0;
}

/* Rows ordered by staff: one member per person, both sources folded in. */
static void fold_members(struct arena *arena, const struct db_result *r, struct org_staff_list *out)
{
	out->members = arena_zalloc(arena, (r->rows + 1) * sizeof *out->members);
	for (size_t row = 0; row < r->rows; row++) {
		long long id = db_int(r, row, 0, 0);
		if (out->count == 0 || out->members[out->count - 1].staff_id != id)
			out->members[out->count++] = (struct org_staff_member){
				.staff_id = id,
				.username = db_value(r, row, 1),
				.display_name = db_value(r, row, 2),
				.email = db_value(r, row, 3),
				.last_signin_at = db_value(r, row, 4),
			};
		struct org_staff_member *m = &out->members[out->count - 1];
		enum org_role role = role_at(r, row, 6);
		if (is_manual(r, row, 5)) {
			m->manual = true;
			m->manual_role = role;
			m->role_set_by = db_value(r, row, 8);
		} else {
			m->directory = true;
			m->directory_role = role;
			m->group_dn = db_value(r, row, 7);
		}
		if (role > m->role)
			m->role = role;
	}
}

enum db_status org_staff_list(struct arena *arena, long long org_id, struct org_staff_list *out)
{
	memset(out, 0, sizeof *out);
	struct db_result members, pending, groups;
	enum db_status status = db_run(
		arena, &members,
		"SELECT s.id, s.username, s.display_name, s.email, s.last_signin_at, so.source,"
		" so.role, so.group_dn, setter.display_name"
		" FROM staff_orgs so JOIN staff s ON s.id = so.staff_id AND s.active = 1"
		" LEFT JOIN staff setter ON setter.id = COALESCE(so.role_set_by, so.added_by)"
		" WHERE so.organisation_id = ? ORDER BY s.display_name, s.id, so.source LIMIT 5000",
		"i", org_id);
	if (status == DB_OK)
		status = db_run(
			arena, &pending,
			"SELECT p.id, p.username, p.display_name, p.email, p.role,"
			" adder.display_name, p.created_at FROM staff_pending p"
			" LEFT JOIN staff adder ON adder.id = p.added_by"
			" WHERE p.organisation_id = ? ORDER BY p.display_name, p.id LIMIT 1000",
			"i", org_id);
	if (status == DB_OK)
		status = db_run(arena, &groups,
				"SELECT id, group_dn, role FROM directory_groups"
				" WHERE organisation_id = ? ORDER BY group_dn",
				"i", org_id);
	if (status != DB_OK)
		return status;
	fold_members(arena, &members, out);
	out->pending = db_items(arena, status, &pending, sizeof *out->pending, &out->pending_count);
	for (size_t r = 0; r < out->pending_count; r++)
		out->pending[r] = (struct org_staff_pending){
			.id = db_int(&pending, r, 0, 0),
			.username = db_value(&pending, r, 1),
			.display_name = db_value(&pending, r, 2),
			.email = db_value(&pending, r, 3),
			.role = role_at(&pending, r, 4),
			.added_by = db_value(&pending, r, 5),
			.created_at = db_value(&pending, r, 6),
		};
	out->groups = db_items(arena, status, &groups, sizeof *out->groups, &out->group_count);
	for (size_t r = 0; r < out->group_count; r++)
		out->groups[r] =
			(struct org_staff_group){ db_int(&groups, r, 0, 0), db_value(&groups, r, 1),
						  role_at(&groups, r, 2) };
	return DB_OK;
}

bool org_staff_keeps_manager(const enum org_role *roles, size_t count, size_t changed, int new_role)
{
	bool had = false;
	for (size_t i = 0; i < count; i++) {
		int role = i == changed ? new_role : (int)roles[i];
		if (role == ORG_ROLE_MANAGER)
			return true;
		had = had || roles[i] == ORG_ROLE_MANAGER;
	}
	/* an organisation that had no manager (an administrator's) is no worse off */
	return !had;
}

/* A change in progress: the organisation's members' roles as locked, and the person's. */
struct change {
	const struct org_staff_actor *actor;
	long long org_id;
	long long staff_id;
	long long item_id; /* a pending addition or a directory group */
	enum org_role role;
	const struct ldap_user *person;
	enum org_staff_result *result;
	const char **group_dn;
	bool *pending;
	/* filled by lock_members */
	const char *org_name;
	const char *staff_name;
	enum org_role *roles; /* each active member's, the person's at index `at` */
	size_t count;
	size_t at; /* == count when the person is not an active member */
	bool directory, manual;
	enum org_role directory_role, manual_role;
};

static enum db_status record(struct arena *arena, const struct change *c, const char *action,
			     const char *subject_type, long long subject_id, const char *old_value,
			     const char *new_value, const char *detail)
{
	struct audit_entry entry = { .staff_id = c->actor->staff_id,
				     .organisation_id = c->org_id,
				     .action = action,
				     .subject_type = subject_type,
				     .subject_id = subject_id,
				     .old_value = old_value,
				     .new_value = new_value,
				     .detail = detail,
				     .remote_addr = c->actor->remote_addr };
	return audit_record(arena, &entry);
}

/* Locks the person's staff row (when staff_id is set), the organisation (shared: it stays
 * active) and its membership rows, and reads every active member's role. */
static enum db_status lock_members(struct arena *arena, struct change *c)
{
	enum db_status status = DB_OK;
	struct db_result person, org, rows;
	c->staff_name = NULL;
	if (c->staff_id > 0) {
		status = db_run(arena, &person,
				"SELECT display_name FROM staff WHERE id = ? AND active = 1"
				" FOR UPDATE",
				"i", c->staff_id);
		if (status == DB_OK && person.rows == 1)
			c->staff_name = db_value(&person, 0, 0);
	}
	if (status == DB_OK)
		status = db_run(arena, &org,
				"SELECT name FROM organisations WHERE id = ? AND active = 1"
				" LOCK IN SHARE MODE",
				"i", c->org_id);
	if (status != DB_OK)
		return status;
	c->org_name = org.rows == 1 ? db_value(&org, 0, 0) : NULL;
	status =
		db_run(arena, NULL, "SELECT 1 FROM staff_orgs WHERE organisation_id = ? FOR UPDATE",
		       "i", c->org_id);
	if (status == DB_OK)
		status = db_run(
			arena, &rows,
			"SELECT so.staff_id, so.source, so.role, so.group_dn"
			" FROM staff_orgs so JOIN staff s ON s.id = so.staff_id AND s.active = 1"
			" WHERE so.organisation_id = ? ORDER BY so.staff_id",
			"i", c->org_id);
	if (status != DB_OK)
		return status;
	c->roles = arena_zalloc(arena, (rows.rows + 1) * sizeof *c->roles);
	c->count = 0;
	c->at = (size_t)-1;
	for (size_t r = 0; r < rows.rows; r++) {
		long long id = db_int(&rows, r, 0, 0);
		if (r == 0 || db_int(&rows, r - 1, 0, 0) != id)
			c->roles[c->count++] = ORG_ROLE_STAFF;
		enum org_role role = role_at(&rows, r, 2);
		if (role > c->roles[c->count - 1])
			c->roles[c->count - 1] = role;
		if (id != c->staff_id)
			continue;
		c->at = c->count - 1;
		if (is_manual(&rows, r, 1)) {
			c->manual = true;
			c->manual_role = role;
		} else {
			c->directory = true;
			c->directory_role = role;
			*c->group_dn = db_value(&rows, r, 3);
		}
	}
	if (c->at == (size_t)-1)
		c->at = c->count;
	return DB_OK;
}

static enum db_status add_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct db_result existing;
	enum db_status status = db_run(arena, &existing,
				       "SELECT id, active FROM staff WHERE username = ? FOR UPDATE",
				       "s", c->person->username);
	if (status != DB_OK)
		return status;
	c->staff_id = existing.rows == 1 ? db_int(&existing, 0, 0, 0) : 0;
	if (existing.rows == 1 && db_int(&existing, 0, 1, 0) != 1) {
		*c->result = ORG_STAFF_DEACTIVATED;
		return DB_OK;
	}
	if ((status = lock_members(arena, c)) != DB_OK)
		return status;
	if (c->org_name == NULL) {
		*c->result = ORG_STAFF_NO_SUCH_ORG;
		return DB_OK;
	}
	struct db_result inserted;
	if (c->staff_id > 0) {
		if (c->at < c->count) {
			*c->result = ORG_STAFF_ALREADY_MEMBER;
			return DB_OK;
		}
		status = db_run(arena, &inserted,
				"INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source,"
				" role, added_by, role_set_by, role_set_at)"
				" VALUES (?, ?, 'manual', ?, ?, ?, UTC_TIMESTAMP())",
				"iiiii", c->staff_id, c->org_id, (long long)c->role,
				c->actor->staff_id, c->actor->staff_id);
	} else {
		*c->pending = true;
		status =
			db_run(arena, &inserted,
			       "INSERT IGNORE INTO staff_pending (username, display_name, email,"
			       " organisation_id, role, added_by) VALUES (?, ?, ?, ?, ?, ?)",
			       "sssiii", c->person->username, c->person->display_name,
			       c->person->email, c->org_id, (long long)c->role, c->actor->staff_id);
	}
	if (status != DB_OK)
		return status;
	if (inserted.affected == 0) {
		*c->result = ORG_STAFF_ALREADY_MEMBER;
		return DB_OK;
	}
	*c->result = ORG_STAFF_DONE;
	/* someone who has not signed in has no staff row yet: the subject is the waiting row */
	return record(arena, c, *c->pending ? "org.staff.add_pending" : "org.staff.add",
		      *c->pending ? "staff_pending" : "staff",
		      *c->pending ? (long long)inserted.insert_id : c->staff_id, NULL,
		      org_role_label(c->role),
		      arena_printf(arena, "%s (%s) added to %s%s", c->person->display_name,
				   c->person->username, c->org_name,
				   *c->pending ? "; joins at their first sign-in" : ""));
}

enum db_status org_staff_add(struct arena *arena, const struct org_staff_actor *actor,
			     long long org_id, const struct ldap_user *person, enum org_role role,
			     enum org_staff_result *result, bool *pending)
{
	const char *dn = NULL;
	*result = ORG_STAFF_NO_SUCH_ORG;
	*pending = false;
	struct change c = { .actor = actor,
			    .org_id = org_id,
			    .role = role,
			    .person = person,
			    .result = result,
			    .group_dn = &dn,
			    .pending = pending };
	return db_transaction(arena, add_work, &c);
}

static enum db_status set_role_work(struct arena *arena, void *context)
{
	struct change *c = context;
	enum db_status status = lock_members(arena, c);
	if (status != DB_OK)
		return status;
	if (c->staff_name == NULL || c->at == c->count) {
		*c->result = ORG_STAFF_NOT_MEMBER;
		return DB_OK;
	}
	if (c->directory && c->role < c->directory_role) {
		*c->result = ORG_STAFF_BELOW_DIRECTORY;
		return DB_OK;
	}
	enum org_role was = c->roles[c->at];
	if (c->manual ? c->manual_role == c->role : c->role == c->directory_role) {
		*c->result = ORG_STAFF_UNCHANGED;
		return DB_OK;
	}
	if (!c->actor->is_admin &&
	    !org_staff_keeps_manager(c->roles, c->count, c->at, (int)c->role)) {
		*c->result = ORG_STAFF_LAST_MANAGER;
		return DB_OK;
	}
	/* a directory member given a higher role also becomes a manual member: the role is
	 * kept on that membership, which the directory's rebuild at sign-in leaves alone */
	status = db_run(
		arena, NULL,
		"INSERT INTO staff_orgs (staff_id, organisation_id, source, role, added_by,"
		" role_set_by, role_set_at) VALUES (?, ?, 'manual', ?, ?, ?, UTC_TIMESTAMP())"
		" ON DUPLICATE KEY UPDATE role = VALUES(role),"
		" role_set_by = VALUES(role_set_by), role_set_at = VALUES(role_set_at)",
		"iiiii", c->staff_id, c->org_id, (long long)c->role, c->actor->staff_id,
		c->actor->staff_id);
	if (status != DB_OK)
		return status;
	*c->result = ORG_STAFF_DONE;
	return record(arena, c, "org.staff.role", "staff", c->staff_id, org_role_label(was),
		      org_role_label(c->role),
		      arena_printf(arena, "%s in %s", c->staff_name, c->org_name));
}

enum db_status org_staff_set_role(struct arena *arena, const struct org_staff_actor *actor,
				  long long org_id, long long staff_id, enum org_role role,
				  enum org_staff_result *result, const char **group_dn)
{
	const char *dn = NULL;
	*result = ORG_STAFF_NOT_MEMBER;
	struct change c = { .actor = actor,
			    .org_id = org_id,
			    .staff_id = staff_id,
			    .role = role,
			    .result = result,
			    .group_dn = group_dn ? group_dn : &dn };
	*c.group_dn = NULL;
	return db_transaction(arena, set_role_work, &c);
}

static enum db_status remove_work(struct arena *arena, void *context)
{
	struct change *c = context;
	enum db_status status = lock_members(arena, c);
	if (status != DB_OK)
		return status;
	if (c->staff_name == NULL || c->at == c->count) {
		*c->result = ORG_STAFF_NOT_MEMBER;
		return DB_OK;
	}
	if (!c->manual) {
		*c->result = ORG_STAFF_FROM_DIRECTORY;
		return DB_OK;
	}
	enum org_role was = c->roles[c->at];
	int after = c->directory ? (int)c->directory_role : -1;
	if (!c->actor->is_admin && !org_staff_keeps_manager(c->roles, c->count, c->at, after)) {
		*c->result = ORG_STAFF_LAST_MANAGER;
		return DB_OK;
	}
	status = db_run(arena, NULL,
			"DELETE FROM staff_orgs WHERE staff_id = ? AND organisation_id = ?"
			" AND source = 'manual'",
			"ii", c->staff_id, c->org_id);
	if (status != DB_OK)
		return status;
	*c->result = ORG_STAFF_DONE;
	return record(arena, c, "org.staff.remove", "staff", c->staff_id, org_role_label(was),
		      c->directory ? org_role_label(c->directory_role) : NULL,
		      arena_printf(arena, "%s's manual membership of %s%s", c->staff_name,
				   c->org_name,
				   c->directory ? " (the directory membership stays)" : ""));
}

enum db_status org_staff_remove(struct arena *arena, const struct org_staff_actor *actor,
				long long org_id, long long staff_id, enum org_staff_result *result,
				const char **group_dn)
{
	const char *dn = NULL;
	*result = ORG_STAFF_NOT_MEMBER;
	struct change c = { .actor = actor,
			    .org_id = org_id,
			    .staff_id = staff_id,
			    .result = result,
			    .group_dn = group_dn ? group_dn : &dn };
	*c.group_dn = NULL;
	return db_transaction(arena, remove_work, &c);
}

static enum db_status cancel_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct db_result row;
	enum db_status status = db_run(arena, &row,
				       "SELECT display_name, username FROM staff_pending"
				       " WHERE id = ? AND organisation_id = ? FOR UPDATE",
				       "ii", c->item_id, c->org_id);
	if (status != DB_OK || row.rows != 1)
		return status;
	status = db_run(arena, NULL, "DELETE FROM staff_pending WHERE id = ?", "i", c->item_id);
	if (status != DB_OK)
		return status;
	*c->result = ORG_STAFF_DONE;
	return record(arena, c, "org.staff.cancel_pending", "staff_pending", c->item_id,
		      db_value(&row, 0, 0), NULL,
		      arena_printf(arena, "%s (%s) will not join", db_value(&row, 0, 0),
				   db_value(&row, 0, 1)));
}

enum db_status org_staff_cancel_pending(struct arena *arena, const struct org_staff_actor *actor,
					long long org_id, long long pending_id,
					enum org_staff_result *result)
{
	*result = ORG_STAFF_NOT_MEMBER;
	struct change c = {
		.actor = actor, .org_id = org_id, .item_id = pending_id, .result = result
	};
	return db_transaction(arena, cancel_work, &c);
}

static enum db_status group_role_work(struct arena *arena, void *context)
{
	struct change *c = context;
	struct db_result row;
	enum db_status status = db_run(arena, &row,
				       "SELECT group_dn, role FROM directory_groups"
				       " WHERE id = ? AND organisation_id = ? FOR UPDATE",
				       "ii", c->item_id, c->org_id);
	if (status != DB_OK || row.rows != 1)
		return status;
	enum org_role was = role_at(&row, 0, 1);
	if (was == c->role) {
		*c->result = ORG_STAFF_UNCHANGED;
		return DB_OK;
	}
	status = db_run(arena, NULL, "UPDATE directory_groups SET role = ? WHERE id = ?", "ii",
			(long long)c->role, c->item_id);
	/* its members' directory memberships follow now, not at their next sign-in */
	if (status == DB_OK)
		status = db_run(arena, NULL,
				"UPDATE staff_orgs SET role = ? WHERE organisation_id = ?"
				" AND source = 'directory' AND group_dn = ?",
				"iis", (long long)c->role, c->org_id, db_value(&row, 0, 0));
	if (status != DB_OK)
		return status;
	*c->result = ORG_STAFF_DONE;
	return record(arena, c, "admin.directory_group.role", "directory_group", c->item_id,
		      org_role_label(was), org_role_label(c->role), db_value(&row, 0, 0));
}

enum db_status org_staff_set_group_role(struct arena *arena, const struct org_staff_actor *actor,
					long long org_id, long long group_id, enum org_role role,
					enum org_staff_result *result)
{
	*result = ORG_STAFF_NOT_MEMBER;
	struct change c = { .actor = actor,
			    .org_id = org_id,
			    .item_id = group_id,
			    .role = role,
			    .result = result };
	return db_transaction(arena, group_role_work, &c);
}
