/* SQL for login_attempts. A window starts at the first attempt counted and lasts
 * signin_window_minutes; an attempt after it starts a new window. Each count is taken in a
 * transaction that holds the rows (INSERT … ON DUPLICATE KEY UPDATE locks the row whether
 * it is new or not), so the check and the count cannot interleave with another request's. */
#include "throttle.h"

#include <string.h>

#include "../arena.h"
#include "../crypto.h"
#include "../ldap_auth.h"
#include "../name_fold.h"
#include "settings.h"

/* login_attempts.subject holds 255 characters; keys are cut to fewer bytes than that */
#define KEY_BYTES 200

struct counter {
	const char *scope; /* 'account', 'address' or 'entry' */
	const char *subject;
	long long max;
};

struct count_work {
	const struct counter *counters;
	size_t count;
	long long window_minutes;
	bool *blocked;
};

/* Locks the counter's row (creating it) and reads whether it is at its limit. */
static enum db_status at_limit(struct arena *arena, const struct counter *c, long long window,
			       bool *full)
{
	enum db_status status =
		db_run(arena, NULL,
		       "INSERT INTO login_attempts (scope, subject, failures) VALUES (?, ?, 0)"
		       " ON DUPLICATE KEY UPDATE failures = failures",
		       "ss", c->scope, c->subject);
	struct db_result row;
	if (status == DB_OK)
		status = db_run(arena, &row,
				"SELECT failures >= ? AND window_started_at > UTC_TIMESTAMP()"
				" - INTERVAL ? MINUTE FROM login_attempts"
				" WHERE scope = ? AND subject = ? FOR UPDATE",
				"iiss", c->max, window, c->scope, c->subject);
	*full = status == DB_OK && db_int(&row, 0, 0, 0) == 1;
	return status;
}

static enum db_status count_work(struct arena *arena, void *context)
{
	struct count_work *w = context;
	*w->blocked = false;
	for (size_t i = 0; i < w->count; i++) {
		bool full = false;
		enum db_status status = at_limit(arena, &w->counters[i], w->window_minutes, &full);
		if (status != DB_OK)
			return status;
		if (full)
			*w->blocked = true;
	}
	if (*w->blocked)
		return DB_OK;
	for (size_t i = 0; i < w->count; i++) {
		/* a window over (or never started) starts again with this attempt */
		enum db_status status = db_run(
			arena, NULL,
			"UPDATE login_attempts SET"
			" failures = IF(failures > 0 AND window_started_at"
			"  > UTC_TIMESTAMP() - INTERVAL ? MINUTE, failures + 1, 1),"
			" window_started_at = IF(failures = 1, UTC_TIMESTAMP(), window_started_at),"
			" last_failure_at = UTC_TIMESTAMP()"
			" WHERE scope = ? AND subject = ?",
			"iss", w->window_minutes, w->counters[i].scope, w->counters[i].subject);
		if (status != DB_OK)
			return status;
	}
	return DB_OK;
}

/* Counts one attempt against every counter, or against none when one is at its limit. */
static enum db_status count(struct arena *arena, const struct counter *counters, size_t n,
			    bool *blocked)
{
	long long window;
	enum db_status status = settings_get(arena, SETTING_SIGNIN_WINDOW_MINUTES, &window);
	if (status != DB_OK)
		return status;
	struct count_work work = { counters, n, window, blocked };
	return db_transaction(arena, count_work, &work);
}

static enum db_status limit(struct arena *arena, const char *scope, long long *max)
{
	bool address = strcmp(scope, "address") == 0;
	return settings_get(arena,
			    address ? SETTING_SIGNIN_ADDRESS_MAX_FAILURES
				    : SETTING_SIGNIN_ACCOUNT_MAX_FAILURES,
			    max);
}

enum db_status throttle_begin(struct arena *arena, struct throttle_attempt *attempt,
			      const char *username, const char *address, bool *blocked)
{
	*attempt = (struct throttle_attempt){ .account = name_fold(arena, username, KEY_BYTES),
					      .address = address ? address : "" };
	*blocked = false;
	/* the account first, then the address: every request locks in that order */
	struct counter counters[2] = { { "account", attempt->account, 0 },
				       { "address", attempt->address, 0 } };
	enum db_status status = limit(arena, "account", &counters[0].max);
	if (status == DB_OK)
		status = limit(arena, "address", &counters[1].max);
	if (status == DB_OK)
		status = count(arena, counters, 2, blocked);
	attempt->counted = status == DB_OK && !*blocked;
	return status;
}

/* A DN as the key of its entry: normalised, or its SHA-256 when too long for the column. */
static const char *entry_key(struct arena *arena, const char *dn)
{
	const char *normal = ldap_dn_normalise(arena, dn);
	size_t len = strlen(normal);
	if (len <= KEY_BYTES)
		return normal;
	uint8_t hash[SHA256_DIGEST_BYTES];
	crypto_sha256(normal, len, hash);
	char *hex = arena_alloc(arena, 2 * SHA256_DIGEST_BYTES + 1);
	for (size_t i = 0; i < SHA256_DIGEST_BYTES; i++) {
		static const char digits[] = "0123456789abcdef";
		hex[2 * i] = digits[hash[i] >> 4];
		hex[2 * i + 1] = digits[hash[i] & 0xf];
	}
	hex[2 * SHA256_DIGEST_BYTES] = '\0';
	return hex;
}

enum db_status throttle_entry(struct arena *arena, struct throttle_attempt *attempt, const char *dn,
			      bool *blocked)
{
	attempt->entry = entry_key(arena, dn);
	*blocked = false;
	struct counter counter = { "entry", attempt->entry, 0 };
	enum db_status status = limit(arena, "entry", &counter.max);
	if (status == DB_OK)
		status = count(arena, &counter, 1, blocked);
	attempt->entry_counted = status == DB_OK && !*blocked;
	return status;
}

static enum db_status take_back(struct arena *arena, const char *scope, const char *subject)
{
	return db_run(arena, NULL,
		      "UPDATE login_attempts SET failures = IF(failures > 0, failures - 1, 0)"
		      " WHERE scope = ? AND subject = ?",
		      "ss", scope, subject);
}

enum db_status throttle_cancel(struct arena *arena, struct throttle_attempt *attempt)
{
	enum db_status status = DB_OK;
	if (attempt->counted) {
		status = take_back(arena, "account", attempt->account);
		if (status == DB_OK)
			status = take_back(arena, "address", attempt->address);
	}
	if (status == DB_OK && attempt->entry_counted)
		status = take_back(arena, "entry", attempt->entry);
	attempt->counted = attempt->entry_counted = false;
	return status;
}

enum db_status throttle_succeeded(struct arena *arena, struct throttle_attempt *attempt)
{
	enum db_status status =
		db_run(arena, NULL,
		       "DELETE FROM login_attempts WHERE (scope = 'account' AND subject = ?)"
		       " OR (scope = 'entry' AND subject = ?)",
		       "ss", attempt->account, attempt->entry ? attempt->entry : "");
	if (status == DB_OK && attempt->counted)
		status = take_back(arena, "address", attempt->address);
	attempt->counted = attempt->entry_counted = false;
	return status;
}
