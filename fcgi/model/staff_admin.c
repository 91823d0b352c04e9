/* SQL for the staff administration pages. Changes run in one transaction with their audit
 * row; deactivation deletes the person's sessions in that transaction too. */
#include "staff_admin.h"

#include <string.h>

#include "../arena.h"
#include "audit.h"
#include "composed_sql.h"

static struct staff_membership membership_from(const struct db_result *r, size_t row, unsigned at)
{
	return (struct staff_membership){
		.org_id = db_int(r, row, at, 0),
		.org_name = db_value(r, row, at + 1),
		.org_active = db_int(r, row, at + 2, 0) == 1,
		.manual = db_value(r, row, at + 3) != NULL &&
			  strcmp(db_value(r, row, at + 3), "manual") == 0,
		.group_dn = db_value(r, row, at + 4),
		.added_by = db_value(r, row, at + 5),
		.added_at = db_value(r, row, at + 6),
		.role = (int)db_int(r, row, at + 7, 0),
	};
}

/* The staff columns every query below selects first, in this order. */
/* clang-format off */
#define STAFF_COLUMNS                                                                              \
	"s.id, s.username, s.display_name, s.email, s.directory_dn, s.is_admin, s.active,"         \
	" s.last_signin_at, s.created_at"
/* clang-format on */
#define STAFF_COLUMN_COUNT 9
/* ... then those of one membership (NULLs when the person belongs to none). */
/* clang-format off */
#define MEMBERSHIP_COLUMNS                                                                         \
	" o.id, o.name, o.active, so.source, so.group_dn, adder.display_name, so.created_at,"    \
	" so.role"
/* clang-format on */
/* clang-format off */
#define MEMBERSHIP_JOINS                                                                           \
	" LEFT JOIN staff_orgs so ON so.staff_id = s.id"                                           \
	" LEFT JOIN organisations o ON o.id = so.organisation_id"                                  \
	" LEFT JOIN staff adder ON adder.id = so.added_by"
/* clang-format on */

static struct staff_record staff_from(const struct db_result *r, size_t row)
{
	return (struct staff_record){
		.id = db_int(r, row, 0, 0),
		.username = db_value(r, row, 1),
		.display_name = db_value(r, row, 2),
		.email = db_value(r, row, 3),
		.directory_dn = db_value(r, row, 4),
		.is_admin = db_int(r, row, 5, 0) == 1,
		.active = db_int(r, row, 6, 0) == 1,
		.last_signin_at = db_value(r, row, 7),
		.created_at = db_value(r, row, 8),
	};
}

/* Rows of staff columns + membership columns, ordered by staff → staff records, each with
 * its memberships. Returns how many records it filled in out (sized for result->rows). */
static size_t group_rows(struct arena *arena, const struct db_result *result,
			 struct staff_record *out)
{
	size_t count = 0;
	for (size_t r = 0; r < result->rows; r++) {
		long long id = db_int(result, r, 0, 0);
		if (count == 0 || out[count - 1].id != id) {
			out[count] = staff_from(result, r);
			out[count].memberships =
				arena_zalloc(arena, result->rows * sizeof *out[count].memberships);
			count++;
		}
		struct staff_record *person = &out[count - 1];
		if (db_value(result, r, STAFF_COLUMN_COUNT) != NULL)
			person->memberships[person->membership_count++] =
				membership_from(result, r, STAFF_COLUMN_COUNT);
	}
	return count;
}

enum db_status staff_admin_list(struct arena *arena, const char *search, long long page,
				struct staff_page *out)
{
	memset(out, 0, sizeof *out);
	const char *pattern;
	enum db_status status =
		composed_search_total(arena,
				      "SELECT COUNT(*) FROM staff"
				      " WHERE (? = '' OR username LIKE ? OR display_name LIKE ?)",
				      search, &page, STAFF_ADMIN_MAX_PAGE, &pattern, &out->total);
	if (status != DB_OK)
		return status;
	struct db_result result;
	/* the page of staff first (a derived table keeps its LIMIT), then their memberships */
	status = db_run(arena, &result,
			"SELECT " STAFF_COLUMNS "," MEMBERSHIP_COLUMNS " FROM (SELECT id FROM staff"
			"  WHERE (? = '' OR username LIKE ? OR display_name LIKE ?)"
			"  ORDER BY display_name, id LIMIT ? OFFSET ?) page"
			" JOIN staff s ON s.id = page.id" MEMBERSHIP_JOINS
			" ORDER BY s.display_name, s.id, o.name, so.source",
			"sssii", search, pattern, pattern, (long long)STAFF_ADMIN_PAGE_SIZE,
			(page - 1) * STAFF_ADMIN_PAGE_SIZE);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (result.rows + 1) * sizeof *out->items);
	out->count = group_rows(arena, &result, out->items);
	return DB_OK;
}

enum db_status staff_admin_get(struct arena *arena, long long id, struct staff_record *out,
			       bool *found)
{
	struct db_result result;
	enum db_status status = db_run(arena, &result,
				       "SELECT " STAFF_COLUMNS "," MEMBERSHIP_COLUMNS
				       " FROM staff s" MEMBERSHIP_JOINS
				       " WHERE s.id = ? ORDER BY o.name, o.id, so.source",
				       "i", id);
	*found = status == DB_OK && result.rows > 0;
	if (*found)
		group_rows(arena, &result, out);
	return status;
}

enum db_status staff_admin_org_choices(struct arena *arena, long long staff_id,
				       struct staff_org_choices *out)
{
	struct db_result result;
	enum db_status status =
		db_run(arena, &result,
		       "SELECT o.id, o.name FROM organisations o WHERE o.active = 1"
		       " AND NOT EXISTS (SELECT 1 FROM staff_orgs so WHERE so.staff_id = ?"
		       "  AND so.organisation_id = o.id AND so.source = 'manual')"
		       " ORDER BY o.name LIMIT 1000",
		       "i", staff_id);
	out->items = db_items(arena, status, &result, sizeof *out->items, &out->count);
	for (size_t r = 0; r < out->count; r++)
		out->items[r] = (struct staff_org_choice){ db_int(&result, r, 0, 0),
							   db_value(&result, r, 1) };
	return status;
}

struct change {
	const struct staff_admin_actor *actor;
	long long staff_id;
	long long org_id;
	bool active;
	enum staff_admin_result *result;
	const char **org_name;
	const char **group_dn;
	const char *staff_name; /* set by lock_staff */
	bool staff_active;	/* likewise */
};

static enum db_status record(struct arena *arena, const struct change *c, const char *action,
			     const char *old_value, const char *new_value, const char *detail)
{
	struct audit_entry entry = { .staff_id = c->actor->staff_id,
				     .organisation_id = c->org_id,
				     .action = action,
				     .subject_type = "staff",
				     .subject_id = c->staff_id,
				     .old_value = old_value,
				     .new_value = new_value,
				     .detail = detail,
				     .remote_addr = c->actor->remote_addr };
	return audit_record(arena, &entry);
}

/* Locks the change's staff row for the rest of the transaction (its display name and whether
 * it is active into c); false, with the result NOT_FOUND, when there is no such row or the
 * database failed. */
static bool lock_staff(struct arena *arena, struct change *c, enum db_status *status)
{
	struct db_result row;
	*status = db_run(arena, &row,
			 "SELECT active, display_name FROM staff WHERE id = ? FOR UPDATE", "i",
			 c->staff_id);
	if (*status != DB_OK || row.rows != 1) {
		*c->result = STAFF_ADMIN_NOT_FOUND;
		return false;
	}
	c->staff_active = db_int(&row, 0, 0, 0) == 1;
	c->staff_name = db_value(&row, 0, 1);
	return true;
}

static enum db_status add_membership_work(struct arena *arena, void *context)
{
	struct change *c = context;
	enum db_status status;
	if (!lock_staff(arena, c, &status))
		return status;
	struct db_result org;
	/* shared lock: the organisation stays active until this commits */
	status = db_run(
		arena, &org,
		"SELECT name FROM organisations WHERE id = ? AND active = 1 LOCK IN SHARE MODE",
		"i", c->org_id);
	if (status != DB_OK || org.rows != 1) {
		*c->result = STAFF_ADMIN_NO_SUCH_ORG;
		return status;
	}
	*c->org_name = db_value(&org, 0, 0);
	struct db_result inserted;
	status =
		db_run(arena, &inserted,
		       "INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source, added_by)"
		       " VALUES (?, ?, 'manual', ?)",
		       "iii", c->staff_id, c->org_id, c->actor->staff_id);
	if (status != DB_OK)
		return status;
	if (inserted.affected == 0) {
		*c->result = STAFF_ADMIN_ALREADY_MEMBER;
		return DB_OK;
	}
	*c->result = STAFF_ADMIN_DONE;
	return record(arena, c, "admin.staff.add_membership", NULL, *c->org_name,
		      arena_printf(arena, "Manual membership for %s", c->staff_name));
}

enum db_status staff_admin_add_membership(struct arena *arena,
					  const struct staff_admin_actor *actor, long long staff_id,
					  long long org_id, enum staff_admin_result *result,
					  const char **org_name)
{
	*result = STAFF_ADMIN_NOT_FOUND;
	const char *name = NULL;
	struct change c = { .actor = actor,
			    .staff_id = staff_id,
			    .org_id = org_id,
			    .result = result,
			    .org_name = org_name ? org_name : &name };
	*c.org_name = NULL;
	return db_transaction(arena, add_membership_work, &c);
}

static enum db_status remove_membership_work(struct arena *arena, void *context)
{
	struct change *c = context;
	enum db_status status;
	if (!lock_staff(arena, c, &status))
		return status;
	struct db_result rows;
	status = db_run(
		arena, &rows,
		"SELECT so.source, so.group_dn, o.name FROM staff_orgs so"
		" JOIN organisations o ON o.id = so.organisation_id"
		" WHERE so.staff_id = ? AND so.organisation_id = ? ORDER BY so.source FOR UPDATE",
		"ii", c->staff_id, c->org_id);
	if (status != DB_OK)
		return status;
	bool manual = false;
	for (size_t r = 0; r < rows.rows; r++) {
		*c->org_name = db_value(&rows, r, 2);
		const char *source = db_value(&rows, r, 0);
		if (source != NULL && strcmp(source, "manual") == 0)
			manual = true;
		else
			*c->group_dn = db_value(&rows, r, 1);
	}
	if (!manual) {
		*c->result = rows.rows > 0 ? STAFF_ADMIN_FROM_DIRECTORY : STAFF_ADMIN_NOT_MEMBER;
		return DB_OK;
	}
	status = db_run(arena, NULL,
			"DELETE FROM staff_orgs WHERE staff_id = ? AND organisation_id = ? AND "
			"source = 'manual'",
			"ii", c->staff_id, c->org_id);
	if (status != DB_OK)
		return status;
	*c->result = STAFF_ADMIN_DONE;
	return record(arena, c, "admin.staff.remove_membership", *c->org_name, NULL,
		      arena_printf(arena, "Manual membership for %s", c->staff_name));
}

enum db_status staff_admin_remove_membership(struct arena *arena,
					     const struct staff_admin_actor *actor,
					     long long staff_id, long long org_id,
					     enum staff_admin_result *result, const char **org_name,
					     const char **group_dn)
{
	*result = STAFF_ADMIN_NOT_FOUND;
	const char *name = NULL, *dn = NULL;
	struct change c = { .actor = actor,
			    .staff_id = staff_id,
			    .org_id = org_id,
			    .result = result,
			    .org_name = org_name ? org_name : &name,
			    .group_dn = group_dn ? group_dn : &dn };
	*c.org_name = NULL;
	*c.group_dn = NULL;
	return db_transaction(arena, remove_membership_work, &c);
}

static enum db_status set_active_work(struct arena *arena, void *context)
{
	struct change *c = context;
	enum db_status status;
	if (!lock_staff(arena, c, &status))
		return status;
	if (c->staff_active == c->active) {
		*c->result = STAFF_ADMIN_UNCHANGED;
		return DB_OK;
	}
	status = db_run(arena, NULL, "UPDATE staff SET active = ? WHERE id = ?", "ii",
			(long long)c->active, c->staff_id);
	if (status != DB_OK)
		return status;
	*c->result = STAFF_ADMIN_DONE;
	if (c->active)
		return record(arena, c, "admin.staff.reactivate", "Deactivated", "Active",
			      c->staff_name);
	/* their sessions end now, not at their next request or idle timeout */
	struct db_result ended;
	status = db_run(arena, &ended, "DELETE FROM sessions WHERE staff_id = ?", "i", c->staff_id);
	if (status != DB_OK)
		return status;
	return record(arena, c, "admin.staff.deactivate", "Active", "Deactivated",
		      arena_printf(arena, "%s; %llu session%s ended", c->staff_name, ended.affected,
				   ended.affected == 1 ? "" : "s"));
}

enum db_status staff_admin_set_active(struct arena *arena, const struct staff_admin_actor *actor,
				      long long staff_id, bool active,
				      enum staff_admin_result *result)
{
	*result = STAFF_ADMIN_NOT_FOUND;
	if (!active && staff_id == actor->staff_id) {
		*result = STAFF_ADMIN_SELF;
		return DB_OK;
	}
	struct change c = {
		.actor = actor, .staff_id = staff_id, .active = active, .result = result
	};
	return db_transaction(arena, set_active_work, &c);
}
