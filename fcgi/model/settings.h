/* Settings: typed reads and validated writes of the settings table (name → value text).
 * The timeframes and automation settings administrators change, and the reads the rest of
 * the program makes of them. This is the only module that names a setting or knows its
 * default: everything else asks by enum settings_key (settings_get, settings_load). */
#ifndef REFERRALS_MODEL_SETTINGS_H
#define REFERRALS_MODEL_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

/* Every setting: first the ones the administration page edits, in the order it shows them. */
enum settings_key {
	SETTING_UPDATE_WITHIN_DAYS,
	SETTING_CLOSE_WITHIN_DAYS,
	SETTING_URGENT_UPDATE_WITHIN_DAYS,
	SETTING_URGENT_CLOSE_WITHIN_DAYS,
	SETTING_AUTO_CLOSE_DAYS,
	SETTING_AUTO_CLOSE_REASON_ID,
	SETTING_SESSION_TIMEOUT_MINUTES,
	SETTING_SESSION_LIFETIME_HOURS,
	SETTING_CONSENT_EXPIRY_DAYS,
	SETTING_GENDER_PREFER_NOT_TO_SAY,
	SETTING__PAGE, /* the ones above are the page's; the ones below are set in SQL only */
	SETTING_DRAFT_EXPIRY_DAYS = SETTING__PAGE,
	SETTING_SIGNIN_ACCOUNT_MAX_FAILURES,
	SETTING_SIGNIN_ADDRESS_MAX_FAILURES,
	SETTING_SIGNIN_WINDOW_MINUTES,
	/* privacy (issue 15): edited on /admin/privacy (pages/privacy.c), not the settings page */
	SETTING_RETENTION_MONTHS,
	SETTING_STAFF_INACTIVE_DAYS,
	SETTING__MAX
};

/* What a setting's number counts, for the audit log's old and new values. */
enum settings_unit {
	SETTINGS_UNIT_WORKING_DAYS,
	SETTINGS_UNIT_DAYS,
	SETTINGS_UNIT_MINUTES,
	SETTINGS_UNIT_HOURS,
	SETTINGS_UNIT_CLOSURE_REASON, /* a closure_reasons id */
	SETTINGS_UNIT_YES_NO,	      /* 1 or 0 */
	SETTINGS_UNIT_COUNT,	      /* a number of things: attempts */
};

struct settings_def {
	const char *name;  /* the row in the settings table, also the form field */
	const char *label; /* for the audit log: "Update within, normal referrals" */
	enum settings_unit unit;
	long long min, max; /* the values accepted */
	long long fallback; /* when the row is missing or not a number */
};

/* Indexed by enum settings_key. */
extern const struct settings_def settings_defs[SETTING__MAX];

struct settings_values {
	long long value[SETTING__MAX];
};

/* The timeframes and automation settings in one query, for referrals, overdue checks,
 * automatic closing and consent. Missing or broken rows read as the defaults. */
struct settings_timeframes {
	long long update;	 /* working days to update a normal referral within */
	long long close;	 /* working days to close a normal referral within */
	long long urgent_update; /* the same for urgent referrals (never longer) */
	long long urgent_close;
	long long auto_close_days;	/* New referrals without update this long: No response */
	long long auto_close_reason_id; /* the closure reason those get */
	long long consent_expiry_days;
};

/* One setting (from the worker's catalog); its default when the row is missing or not a
 * number (and when the database failed). */
enum db_status settings_get(struct arena *arena, enum settings_key key, long long *value);
/* The same read from the row itself under a shared lock (inside a transaction that must not
 * overlap a change of it: the settings page takes the rows FOR UPDATE). */
enum db_status settings_get_locked(struct arena *arena, enum settings_key key, long long *value);
enum db_status settings_load_timeframes(struct arena *arena, struct settings_timeframes *out);
/* The moment a setting's number of days (or months) before now ("YYYY-MM-DD HH:MM:SS", the
 * database's clock arithmetic): the cutoff of a scheduled step that acts on what is older.
 * *amount is the setting's value, for the step's report. */
enum settings_span { SETTINGS_SPAN_DAYS, SETTINGS_SPAN_MONTHS };
enum db_status settings_cutoff(struct arena *arena, enum settings_key key, enum settings_span span,
			       const char *now, long long *amount, const char **cutoff);

/* Every setting the page edits (missing ones as their fallback). */
enum db_status settings_load(struct arena *arena, struct settings_values *out);

/* A closure reason that may be chosen for automatic closing (not retired). */
struct settings_reason {
	long long id;
	const char *name;
};
struct settings_reason_list {
	struct settings_reason *items;
	size_t count;
};
enum db_status settings_closure_reasons(struct arena *arena, struct settings_reason_list *out);

enum settings_save_result {
	SETTINGS_SAVED,
	SETTINGS_REASON_UNAVAILABLE, /* the closure reason is gone or retired: nothing saved */
};

/* Who is changing the settings, for the audit log. */
struct settings_actor {
	long long staff_id;
	const char *remote_addr;
};

/* Writes every value that differs from the stored one, in one transaction with one audit row
 * per changed setting (action "admin.settings.change", detail "<label> (<name>)", old and new
 * value as text). The values must already be within their bounds; the closure reason is
 * checked here, under lock, because another administrator may retire it meanwhile.
 * *changed: how many settings changed. */
enum db_status settings_save(struct arena *arena, const struct settings_actor *actor,
			     const struct settings_values *values,
			     enum settings_save_result *result, size_t *changed);

#endif
