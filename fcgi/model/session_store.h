/* The sessions table: find by token hash, create, touch, switch organisation, delete. */
#ifndef REFERRALS_MODEL_SESSION_STORE_H
#define REFERRALS_MODEL_SESSION_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "../crypto.h"
#include "../db.h"
#include "referral_generation.h"

/* The header's unread badge counts this many rows at most ("99+" beyond 99): a count that
 * reads every unread message on every page would grow with the inbox. */
#define SESSION_UNREAD_CAP 100
#define SESSION_UNREAD_CAP_SQL "100"

struct session_row {
	long long id;
	long long staff_id;
	const char *csrf_token;
	const char *username;
	const char *display_name;
	bool is_admin;
	long long org_id; /* 0 when the session's organisation is gone or inactive */
	const char *org_name;
	long long idle_seconds; /* since the session was last used */
	long long age_seconds;	/* since it began */
	long long unread;	/* unread inbox messages, at most SESSION_UNREAD_CAP */
	/* the staff member's memberships (active organisations or not) with each row's role:
	 * "3:2,3:0,7:0", by organisation then role, highest first */
	const char *org_ids;
	unsigned long long cache_generation; /* for catalog_sync() */
	const char *directory_dn; /* the staff member's directory entry; NULL when none */
	long long groups_age;	  /* seconds since their directory groups were read; -1: never */
	/* the stored active organisation's (org_id as read, before the checks) */
	struct referral_generation referral_generation;
	struct referral_generation staff_generation; /* staff_generations' (sql/095) */
};

/* A live session (not idle past the timeout setting, not older than the lifetime setting,
 * staff still active) with what every signed-in page shows, in one statement; *found false
 * when there is none. The worker's catalog is brought up to date on the way. */
enum db_status session_store_find(struct arena *arena,
				  const uint8_t token_hash[SHA256_DIGEST_BYTES],
				  struct session_row *out, bool *found);
enum db_status session_store_create(struct arena *arena,
				    const uint8_t token_hash[SHA256_DIGEST_BYTES],
				    long long staff_id, long long org_id, const char *csrf_token,
				    const char *remote_addr, const char *user_agent);
enum db_status session_store_touch(struct arena *arena, long long session_id);
enum db_status session_store_set_org(struct arena *arena, long long session_id, long long org_id);
enum db_status session_store_delete(struct arena *arena, long long session_id);
/* Removes sessions idle for a day longer than the timeout (a few at a time). */
enum db_status session_store_prune(struct arena *arena);

#endif
