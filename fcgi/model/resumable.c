/* SQL for resumable_posts, and the expired-session lookup it depends on. */
#include "resumable.h"

enum db_status resumable_expired_session(struct arena *arena,
					 const uint8_t token_hash[SHA256_DIGEST_BYTES],
					 long long *staff_id, const char **csrf_token, bool *found)
{
	struct db_result result;
	enum db_status status = db_run(
		arena, &result,
		"SELECT s.staff_id, s.csrf_token FROM sessions s"
		" JOIN staff st ON st.id = s.staff_id AND st.active = 1"
		" WHERE s.token_hash = ? AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL 1 DAY",
		"b", (const void *)token_hash, (size_t)SHA256_DIGEST_BYTES);
	*found = status == DB_OK && result.rows == 1;
	if (*found) {
		*staff_id = db_int(&result, 0, 0, 0);
		*csrf_token = db_value(&result, 0, 1);
	}
	return status;
}

enum db_status resumable_park(struct arena *arena, const uint8_t token_hash[SHA256_DIGEST_BYTES],
			      long long staff_id, const char *path, const char *body)
{
	enum db_status status = db_run(arena, NULL,
				       "DELETE FROM resumable_posts WHERE created_at < "
				       "UTC_TIMESTAMP() - INTERVAL 1 HOUR LIMIT 100",
				       "");
	if (status != DB_OK)
		return status;
	return db_run(arena, NULL,
		      "INSERT INTO resumable_posts (token_hash, staff_id, path, body) VALUES (?, "
		      "?, ?, ?)",
		      "biss", (const void *)token_hash, (size_t)SHA256_DIGEST_BYTES, staff_id, path,
		      body);
}

enum db_status resumable_take(struct arena *arena, const uint8_t token_hash[SHA256_DIGEST_BYTES],
			      long long staff_id, const char **path, const char **body, bool *found)
{
	struct db_result result;
	enum db_status status = db_run(
		arena, &result,
		"SELECT path, body FROM resumable_posts WHERE token_hash = ? AND staff_id = ?"
		" AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR",
		"bi", (const void *)token_hash, (size_t)SHA256_DIGEST_BYTES, staff_id);
	*found = status == DB_OK && result.rows == 1;
	if (status != DB_OK)
		return status;
	if (*found) {
		*path = db_value(&result, 0, 0);
		*body = db_value(&result, 0, 1);
	}
	return db_run(arena, NULL, "DELETE FROM resumable_posts WHERE token_hash = ?", "b",
		      (const void *)token_hash, (size_t)SHA256_DIGEST_BYTES);
}
