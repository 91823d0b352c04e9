/* SQL for sessions. The idle timeout and the lifetime are settings, which every worker holds
 * in its catalog (model/catalog.c), kept current by the catalog's generation that the session
 * statement reads: a change applies from the very next request on every worker. */
#include "session_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "settings.h"

/* A setting's value as an SQL expression, with two parameters: its name and its default. */
#define SETTING_SQL "COALESCE((SELECT CAST(value AS UNSIGNED) FROM settings WHERE name = ?), ?)"

/* The rules of a live session, applied to the row against the catalog: *found false when it
 * is idle past session_timeout_minutes or older than session_lifetime_hours; org_id 0 unless
 * the active organisation exists and is active (org_name then its name). Whether they are
 * still a member of it is sess_load's check, on the memberships it parses anyway. */
static enum db_status session_check(struct arena *arena, struct session_row *row, bool *found)
{
	long long timeout_minutes, lifetime_hours;
	enum db_status status =
		settings_get(arena, SETTING_SESSION_TIMEOUT_MINUTES, &timeout_minutes);
	if (status == DB_OK)
		status = settings_get(arena, SETTING_SESSION_LIFETIME_HOURS, &lifetime_hours);
	if (status != DB_OK)
		return status;
	*found = row->idle_seconds < timeout_minutes * 60 &&
		 row->age_seconds < lifetime_hours * 3600;
	if (!*found || row->org_id == 0)
		return DB_OK;
	const struct catalog *catalog;
	status = catalog_get(arena, &catalog);
	if (status != DB_OK)
		return status;
	/* the active organisation still exists and is active */
	const struct catalog_org *org = catalog_org(catalog, row->org_id);
	if (org != NULL && org->active)
		row->org_name = org->name;
	else
		row->org_id = 0;
	return DB_OK;
}

enum db_status session_store_find(struct arena *arena,
				  const uint8_t token_hash[SHA256_DIGEST_BYTES],
				  struct session_row *out, bool *found)
{
	struct db_result result;
	/* Everything every signed-in page needs, in one round trip: the session, the header's
	 * unread count (at most SESSION_UNREAD_CAP rows read through inbox_unread; MariaDB has no
	 * LATERAL, so the derived table finds the staff member by the token again), the ids of
	 * the staff member's organisations with the role of each, the catalog's generation and
	 * the active organisation's referral generation (for the dashboard's copies: one primary
	 * key lookup here saves the home page a statement of its own) and staff generation (for
	 * the lists' copies of its staff, sql/095).
	 * What the catalog holds is not joined here: the active organisation's name and state
	 * and the timeouts' settings come from it (session_check above), as each join or
	 * subquery costs the server more than the whole statement's lookups. */
	enum db_status status = db_run(
		arena, &result,
		"SELECT s.id, s.staff_id, s.csrf_token, st.username, st.display_name, st.is_admin,"
		" COALESCE(s.active_org_id, 0), TIMESTAMPDIFF(SECOND, s.last_seen_at, "
		"UTC_TIMESTAMP()),"
		" TIMESTAMPDIFF(SECOND, s.created_at, UTC_TIMESTAMP()),"
		" (SELECT COUNT(*) FROM (SELECT 1 FROM sessions us"
		"   JOIN inbox_messages m ON m.staff_id = us.staff_id AND m.read_at IS NULL"
		"   WHERE us.token_hash = ? LIMIT " SESSION_UNREAD_CAP_SQL ") unread),"
		" (SELECT GROUP_CONCAT(so.organisation_id, ':', so.role"
		"   ORDER BY so.organisation_id, so.role DESC)"
		"   FROM staff_orgs so WHERE so.staff_id = s.staff_id),"
		" (SELECT generation FROM cache_generation WHERE id = 1),"
		" st.directory_dn, TIMESTAMPDIFF(SECOND, st.groups_checked_at, UTC_TIMESTAMP()),"
		" (SELECT generation FROM referral_generations WHERE organisation_id = "
		"s.active_org_id),"
		" (SELECT generation FROM staff_generations WHERE organisation_id = "
		"s.active_org_id)"
		" FROM sessions s"
		" JOIN staff st ON st.id = s.staff_id AND st.active = 1"
		" WHERE s.token_hash = ?",
		"bb", (const void *)token_hash, (size_t)SHA256_DIGEST_BYTES,
		(const void *)token_hash, (size_t)SHA256_DIGEST_BYTES);
	*found = false;
	if (status != DB_OK || result.rows == 0)
		return status;
	out->id = db_int(&result, 0, 0, 0);
	out->staff_id = db_int(&result, 0, 1, 0);
	out->csrf_token = db_value(&result, 0, 2);
	out->username = db_value(&result, 0, 3);
	out->display_name = db_value(&result, 0, 4);
	out->is_admin = db_int(&result, 0, 5, 0) == 1;
	out->org_id = db_int(&result, 0, 6, 0);
	out->org_name = NULL;
	out->idle_seconds = db_int(&result, 0, 7, 0);
	out->age_seconds = db_int(&result, 0, 8, 0);
	out->unread = db_int(&result, 0, 9, 0);
	out->org_ids = db_value(&result, 0, 10) ? db_value(&result, 0, 10) : "";
	const char *generation = db_value(&result, 0, 11);
	out->cache_generation = generation ? strtoull(generation, NULL, 10) : 0;
	out->directory_dn = db_value(&result, 0, 12);
	out->groups_age = db_int(&result, 0, 13, -1);
	const char *referral_generation = db_value(&result, 0, 14);
	out->referral_generation = (struct referral_generation){
		.org_id = out->org_id,
		.number = referral_generation ? strtoull(referral_generation, NULL, 10) : 0,
	};
	const char *staff_generation = db_value(&result, 0, 15);
	out->staff_generation = (struct referral_generation){
		.org_id = out->org_id,
		.number = staff_generation ? strtoull(staff_generation, NULL, 10) : 0,
	};
	status = catalog_sync(arena, out->cache_generation);
	if (status != DB_OK)
		return status;
	return session_check(arena, out, found);
}

enum db_status session_store_create(struct arena *arena,
				    const uint8_t token_hash[SHA256_DIGEST_BYTES],
				    long long staff_id, long long org_id, const char *csrf_token,
				    const char *remote_addr, const char *user_agent)
{
	char agent[256];
	snprintf(agent, sizeof agent, "%s", user_agent ? user_agent : "");
	/* do not cut a UTF-8 sequence in half */
	size_t len = strlen(agent);
	while (len > 0 && ((unsigned char)agent[len - 1] & 0xc0) == 0x80)
		agent[--len] = '\0';
	if (len > 0 && (unsigned char)agent[len - 1] >= 0xc0)
		agent[--len] = '\0';
	return db_run(arena, NULL,
		      "INSERT INTO sessions (token_hash, staff_id, active_org_id, csrf_token,"
		      " remote_addr, user_agent) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?)",
		      "biisss", (const void *)token_hash, (size_t)SHA256_DIGEST_BYTES, staff_id,
		      org_id, csrf_token, remote_addr, agent);
}

enum db_status session_store_touch(struct arena *arena, long long session_id)
{
	return db_run(arena, NULL,
		      "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?", "i",
		      session_id);
}

enum db_status session_store_set_org(struct arena *arena, long long session_id, long long org_id)
{
	return db_run(arena, NULL, "UPDATE sessions SET active_org_id = ? WHERE id = ?", "ii",
		      org_id, session_id);
}

enum db_status session_store_delete(struct arena *arena, long long session_id)
{
	return db_run(arena, NULL, "DELETE FROM sessions WHERE id = ?", "i", session_id);
}

enum db_status session_store_prune(struct arena *arena)
{
	return db_run(arena, NULL,
		      /* a day past the timeout: a form posted after the timeout can still be
		       * matched to its session and resumed after signing in again */
		      "DELETE FROM sessions WHERE last_seen_at < UTC_TIMESTAMP() - INTERVAL 1 DAY"
		      " - INTERVAL " SETTING_SQL " MINUTE LIMIT 100",
		      "si", settings_defs[SETTING_SESSION_TIMEOUT_MINUTES].name,
		      settings_defs[SETTING_SESSION_TIMEOUT_MINUTES].fallback);
}
