/* SQL for sessions. The idle timeout and the lifetime are read from settings in the same
 * query, by the names and defaults of settings_defs (model/settings.c), so a change applies
 * from the very next request on every worker. */
#include "session_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

/* A setting's value as an SQL expression, with two parameters: its name and its default. */
#define SETTING_SQL "COALESCE((SELECT CAST(value AS UNSIGNED) FROM settings WHERE name = ?), ?)"

enum db_status session_store_find(struct arena *arena,
				  const uint8_t token_hash[SHA256_DIGEST_BYTES],
				  struct session_row *out, bool *found)
{
	struct db_result result;
	/* Everything every signed-in page needs, in one round trip: the session, the header's
	 * unread count (at most SESSION_UNREAD_CAP rows read through inbox_unread; MariaDB has no
	 * LATERAL, so the derived table finds the staff member by the token again), the ids of
	 * the staff member's organisations with the role of each (names come from the catalog) and
	 * the catalog's generation. */
	enum db_status status = db_run(
		arena, &result,
		"SELECT s.id, s.staff_id, s.csrf_token, st.username, st.display_name, st.is_admin,"
		" o.id, o.name, TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP()),"
		" (SELECT COUNT(*) FROM (SELECT 1 FROM sessions us"
		"   JOIN inbox_messages m ON m.staff_id = us.staff_id AND m.read_at IS NULL"
		"   WHERE us.token_hash = ? LIMIT " SESSION_UNREAD_CAP_SQL ") unread),"
		" (SELECT GROUP_CONCAT(so.organisation_id, ':', so.role"
		"   ORDER BY so.organisation_id, so.role DESC)"
		"   FROM staff_orgs so WHERE so.staff_id = s.staff_id),"
		" (SELECT generation FROM cache_generation WHERE id = 1),"
		" st.directory_dn, TIMESTAMPDIFF(SECOND, st.groups_checked_at, UTC_TIMESTAMP())"
		" FROM sessions s"
		" JOIN staff st ON st.id = s.staff_id AND st.active = 1"
		" LEFT JOIN organisations o ON o.id = s.active_org_id AND o.active = 1"
		"  AND EXISTS (SELECT 1 FROM staff_orgs so"
		"   WHERE so.staff_id = s.staff_id AND so.organisation_id = s.active_org_id)"
		" WHERE s.token_hash = ?"
		" AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL " SETTING_SQL " MINUTE"
		" AND s.created_at > UTC_TIMESTAMP() - INTERVAL " SETTING_SQL " HOUR",
		"bbsisi", (const void *)token_hash, (size_t)SHA256_DIGEST_BYTES,
		(const void *)token_hash, (size_t)SHA256_DIGEST_BYTES,
		settings_defs[SETTING_SESSION_TIMEOUT_MINUTES].name,
		settings_defs[SETTING_SESSION_TIMEOUT_MINUTES].fallback,
		settings_defs[SETTING_SESSION_LIFETIME_HOURS].name,
		settings_defs[SETTING_SESSION_LIFETIME_HOURS].fallback);
	*found = false;
	if (status != DB_OK || result.rows == 0)
		return status;
	*found = true;
	out->id = db_int(&result, 0, 0, 0);
	out->staff_id = db_int(&result, 0, 1, 0);
	out->csrf_token = db_value(&result, 0, 2);
	out->username = db_value(&result, 0, 3);
	out->display_name = db_value(&result, 0, 4);
	out->is_admin = db_int(&result, 0, 5, 0) == 1;
	out->org_id = db_int(&result, 0, 6, 0);
	out->org_name = db_value(&result, 0, 7);
	out->idle_seconds = db_int(&result, 0, 8, 0);
	out->unread = db_int(&result, 0, 9, 0);
	out->org_ids = db_value(&result, 0, 10) ? db_value(&result, 0, 10) : "";
	const char *generation = db_value(&result, 0, 11);
	out->cache_generation = generation ? strtoull(generation, NULL, 10) : 0;
	out->directory_dn = db_value(&result, 0, 12);
	out->groups_age = db_int(&result, 0, 13, -1);
	return DB_OK;
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
