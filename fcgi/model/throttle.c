/* SQL for login_attempts. A window starts at the first failure and lasts the configured
 * minutes; a failure after it starts a new window. */
#include "throttle.h"

#include <ctype.h>
#include <string.h>

#include "../arena.h"

/* Accounts are counted case-insensitively, cut to the column's length. */
static const char *account_key(struct arena *arena, const char *account)
{
	char *key = arena_strndup(arena, account, strnlen(account, 200));
	for (char *p = key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	size_t len = strlen(key);
	while (len > 0 && ((unsigned char)key[len - 1] & 0xc0) == 0x80)
		key[--len] = '\0';
	if (len > 0 && (unsigned char)key[len - 1] >= 0xc0)
		key[--len] = '\0';
	return key;
}

enum db_status throttle_check(struct arena *arena, const char *account, const char *address,
			      bool *blocked)
{
	struct db_result result;
	enum db_status status = db_run(
		arena, &result,
		"SELECT 1 FROM login_attempts a"
		" JOIN settings w ON w.name = 'signin_window_minutes'"
		" JOIN settings m ON m.name = IF(a.scope = 'account', 'signin_account_max_failures',"
		"  'signin_address_max_failures')"
		" WHERE ((a.scope = 'account' AND a.subject = ?) OR (a.scope = 'address' AND a.subject = ?))"
		"  AND a.window_started_at > UTC_TIMESTAMP() - INTERVAL CAST(w.value AS UNSIGNED) MINUTE"
		"  AND a.failures >= CAST(m.value AS UNSIGNED)"
		" LIMIT 1",
		"ss", account_key(arena, account), address ? address : "");
	*blocked = status == DB_OK && result.rows > 0;
	return status;
}

enum db_status throttle_record_failure(struct arena *arena, const char *account, const char *address)
{
	static const char *const sql =
		"INSERT INTO login_attempts (scope, subject, failures) VALUES (?, ?, 1)"
		" ON DUPLICATE KEY UPDATE"
		"  failures = IF(window_started_at > UTC_TIMESTAMP() - INTERVAL COALESCE((SELECT"
		"   CAST(value AS UNSIGNED) FROM settings WHERE name = 'signin_window_minutes'), 15) MINUTE,"
		"   failures + 1, 1),"
		"  window_started_at = IF(failures = 1, UTC_TIMESTAMP(), window_started_at),"
		"  last_failure_at = UTC_TIMESTAMP()";
	enum db_status status = db_run(arena, NULL, sql, "ss", "account", account_key(arena, account));
	if (status == DB_OK)
		status = db_run(arena, NULL, sql, "ss", "address", address ? address : "");
	return status;
}

enum db_status throttle_clear_account(struct arena *arena, const char *account)
{
	return db_run(arena, NULL, "DELETE FROM login_attempts WHERE scope = 'account' AND subject = ?",
		      "s", account_key(arena, account));
}
