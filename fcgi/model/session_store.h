/* The sessions table: find by token hash, create, touch, switch organisation, delete. */
#ifndef REFERRALS_MODEL_SESSION_STORE_H
#define REFERRALS_MODEL_SESSION_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "../crypto.h"
#include "../db.h"

struct session_row {
	long long id;
	long long staff_id;
	const char *csrf_token;
	const char *username;
	const char *display_name;
	bool is_admin;
	long long org_id; /* 0 when the session's organisation is no longer valid */
	const char *org_name;
	long long idle_seconds;
};

/* A live session (not idle past the timeout setting, staff still active); *found false
 * when there is none. */
enum db_status session_store_find(struct arena *arena, const uint8_t token_hash[SHA256_DIGEST_BYTES],
				  struct session_row *out, bool *found);
enum db_status session_store_create(struct arena *arena, const uint8_t token_hash[SHA256_DIGEST_BYTES],
				    long long staff_id, long long org_id, const char *csrf_token,
				    const char *remote_addr, const char *user_agent);
enum db_status session_store_touch(struct arena *arena, long long session_id);
enum db_status session_store_set_org(struct arena *arena, long long session_id, long long org_id);
enum db_status session_store_delete(struct arena *arena, long long session_id);
/* Removes sessions idle for a day longer than the timeout (a few at a time). */
enum db_status session_store_prune(struct arena *arena);

#endif
