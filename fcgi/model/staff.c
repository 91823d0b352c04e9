/* SQL for staff rows and memberships. */
#include "staff.h"

#include <string.h>

#include "../arena.h"
#include "../ldap_auth.h"

struct signin_work {
	const struct ldap_user *user;
	struct staff_signin *out;
};

static enum db_status default_org(struct arena *arena, long long staff_id, long long *org_id)
{
	struct db_result result;
	/* the organisation chosen last time if still a member, else the first by name */
	enum db_status status =
		db_run(arena, &result,
		       "SELECT o.id FROM staff_orgs so"
		       " JOIN organisations o ON o.id = so.organisation_id AND o.active = 1"
		       " JOIN staff s ON s.id = so.staff_id"
		       " WHERE so.staff_id = ?"
		       " ORDER BY (o.id = s.last_org_id) DESC, o.name LIMIT 1",
		       "i", staff_id);
	*org_id = status == DB_OK ? db_int(&result, 0, 0, 0) : 0;
	return status;
}

/* The staff member's directory memberships are exactly those of the user's groups (none
 * when user is NULL); manual ones stay. */
static enum db_status rebuild_memberships(struct arena *arena, long long staff_id,
					  const struct ldap_user *user)
{
	enum db_status status = db_run(
		arena, NULL, "DELETE FROM staff_orgs WHERE staff_id = ? AND source = 'directory'",
		"i", staff_id);
	for (size_t i = 0; status == DB_OK && user != NULL && i < user->group_count; i++)
		status = db_run(arena, NULL,
				"INSERT INTO staff_orgs"
				" (staff_id, organisation_id, source, group_dn, role)"
				" SELECT ?, g.organisation_id, 'directory', g.group_dn, g.role"
				" FROM directory_groups g WHERE g.group_dn = ?"
				/* two groups of one organisation: the higher role */
				" ON DUPLICATE KEY UPDATE"
				" staff_orgs.role = GREATEST(staff_orgs.role, VALUES(role))",
				"is", staff_id, user->groups[i]);
	return status;
}

/* Memberships a manager or an administrator added before this first sign-in become manual
 * ones now (their organisations still active). */
static enum db_status take_pending(struct arena *arena, long long staff_id, const char *username)
{
	enum db_status status = db_run(
		arena, NULL,
		"INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source, role, added_by,"
		" created_at, role_set_by, role_set_at)"
		" SELECT ?, p.organisation_id, 'manual', p.role, p.added_by, p.created_at,"
		"  p.added_by, p.created_at"
		" FROM staff_pending p JOIN organisations o ON o.id = p.organisation_id AND "
		"o.active = 1"
		" WHERE p.username = ?",
		"is", staff_id, username);
	if (status == DB_OK)
		status = db_run(arena, NULL, "DELETE FROM staff_pending WHERE username = ?", "s",
				username);
	return status;
}

static enum db_status sign_in_work(struct arena *arena, void *context)
{
	struct signin_work *work = context;
	const struct ldap_user *user = work->user;
	enum db_status status =
		db_run(arena, NULL,
		       "INSERT INTO staff (username, display_name, email, directory_dn, is_admin,"
		       " last_signin_at, groups_checked_at)"
		       " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())"
		       " ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), email = "
		       "VALUES(email),"
		       " directory_dn = VALUES(directory_dn), is_admin = VALUES(is_admin),"
		       " last_signin_at = IF(active = 1, UTC_TIMESTAMP(), last_signin_at),"
		       " groups_checked_at = UTC_TIMESTAMP()",
		       "ssssi", user->username, user->display_name, user->email, user->dn,
		       (long long)user->is_admin);
	if (status != DB_OK)
		return status;
	struct db_result row;
	status = db_run(arena, &row, "SELECT id, active FROM staff WHERE username = ? FOR UPDATE",
			"s", user->username);
	if (status != DB_OK)
		return status;
	if (row.rows != 1)
		return DB_ERROR;
	long long staff_id = db_int(&row, 0, 0, 0);
	work->out->staff_id = staff_id;
	work->out->active = db_int(&row, 0, 1, 0) == 1;
	if (!work->out->active)
		return DB_OK;
	status = rebuild_memberships(arena, staff_id, user);
	if (status == DB_OK)
		status = take_pending(arena, staff_id, user->username);
	if (status != DB_OK)
		return status;
	return default_org(arena, staff_id, &work->out->default_org);
}

enum db_status staff_sign_in(struct arena *arena, const struct ldap_user *user,
			     struct staff_signin *out)
{
	memset(out, 0, sizeof *out);
	struct signin_work work = { user, out };
	return db_transaction(arena, sign_in_work, &work);
}

enum db_status staff_list_orgs(struct arena *arena, long long staff_id, struct org_list *out)
{
	struct db_result result;
	enum db_status status =
		db_run(arena, &result,
		       "SELECT DISTINCT o.id, o.name FROM staff_orgs so"
		       " JOIN organisations o ON o.id = so.organisation_id AND o.active = 1"
		       " WHERE so.staff_id = ? ORDER BY o.name, o.id",
		       "i", staff_id);
	out->items = db_items(arena, status, &result, sizeof *out->items, &out->count);
	for (size_t r = 0; r < out->count; r++) {
		out->items[r].id = db_int(&result, r, 0, 0);
		out->items[r].name = db_value(&result, r, 1);
	}
	return status;
}

enum db_status staff_is_member(struct arena *arena, long long staff_id, long long org_id,
			       bool *member)
{
	struct db_result result;
	enum db_status status = db_run(
		arena, &result,
		"SELECT 1 FROM staff_orgs so JOIN organisations o ON o.id = so.organisation_id"
		" WHERE so.staff_id = ? AND so.organisation_id = ? AND o.active = 1 LIMIT 1",
		"ii", staff_id, org_id);
	*member = status == DB_OK && result.rows == 1;
	return status;
}

enum db_status staff_remember_org(struct arena *arena, long long staff_id, long long org_id)
{
	return db_run(arena, NULL, "UPDATE staff SET last_org_id = ? WHERE id = ?", "ii", org_id,
		      staff_id);
}

enum db_status staff_claim_group_check(struct arena *arena, long long staff_id,
				       long long interval_minutes, bool *claimed)
{
	struct db_result result;
	enum db_status status =
		db_run(arena, &result,
		       "UPDATE staff SET groups_checked_at = UTC_TIMESTAMP() WHERE id = ?"
		       " AND (groups_checked_at IS NULL"
		       "  OR groups_checked_at <= UTC_TIMESTAMP() - INTERVAL ? MINUTE)",
		       "ii", staff_id, interval_minutes);
	*claimed = status == DB_OK && result.affected == 1;
	return status;
}

enum db_status staff_group_check_soon(struct arena *arena, long long staff_id,
				      long long interval_minutes)
{
	return db_run(arena, NULL,
		      "UPDATE staff SET groups_checked_at = UTC_TIMESTAMP() - INTERVAL ? MINUTE"
		      " + INTERVAL 1 MINUTE WHERE id = ?",
		      "ii", interval_minutes, staff_id);
}

struct refresh_work {
	long long staff_id;
	const struct ldap_user *user;
};

static enum db_status refresh_work(struct arena *arena, void *context)
{
	struct refresh_work *w = context;
	/* the staff row first, as signing in locks it: the two never deadlock */
	enum db_status status =
		db_run(arena, NULL,
		       "UPDATE staff SET is_admin = ?, groups_checked_at = UTC_TIMESTAMP()"
		       " WHERE id = ?",
		       "ii", (long long)(w->user != NULL && w->user->is_admin), w->staff_id);
	if (status == DB_OK)
		status = rebuild_memberships(arena, w->staff_id, w->user);
	return status;
}

enum db_status staff_refresh_directory(struct arena *arena, long long staff_id,
				       const struct ldap_user *user)
{
	struct refresh_work work = { staff_id, user };
	return db_transaction(arena, refresh_work, &work);
}
