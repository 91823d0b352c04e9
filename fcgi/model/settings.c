/* Settings: typed reads and validated writes of the settings table. */
#include "settings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "audit.h"
#include "catalog.h"

const struct settings_def settings_defs[SETTING__MAX] = {
	[SETTING_UPDATE_WITHIN_DAYS] = { "update_within_days", "Update within, normal referrals",
					 SETTINGS_UNIT_WORKING_DAYS, 1, 365, 5 },
	[SETTING_CLOSE_WITHIN_DAYS] = { "close_within_days", "Close within, normal referrals",
					SETTINGS_UNIT_WORKING_DAYS, 1, 365, 20 },
	[SETTING_URGENT_UPDATE_WITHIN_DAYS] = { "urgent_update_within_days",
						"Update within, urgent referrals",
						SETTINGS_UNIT_WORKING_DAYS, 1, 365, 1 },
	[SETTING_URGENT_CLOSE_WITHIN_DAYS] = { "urgent_close_within_days",
					       "Close within, urgent referrals",
					       SETTINGS_UNIT_WORKING_DAYS, 1, 365, 5 },
	[SETTING_AUTO_CLOSE_DAYS] = { "auto_close_days", "Automatic closing of New referrals after",
				      SETTINGS_UNIT_WORKING_DAYS, 1, 365, 10 },
	[SETTING_AUTO_CLOSE_REASON_ID] = { "auto_close_reason_id",
					   "Closure reason for automatic closing",
					   SETTINGS_UNIT_CLOSURE_REASON, 1, 0x7fffffffffffffffLL,
					   0 },
	[SETTING_SESSION_TIMEOUT_MINUTES] = { "session_timeout_minutes", "Session timeout",
					      SETTINGS_UNIT_MINUTES, 5, 720, 30 },
	[SETTING_SESSION_LIFETIME_HOURS] = { "session_lifetime_hours", "Session lifetime",
					     SETTINGS_UNIT_HOURS, 1, 168, 12 },
	[SETTING_CONSENT_EXPIRY_DAYS] = { "consent_expiry_days", "Consent expiry",
					  SETTINGS_UNIT_DAYS, 1, 3650, 365 },
	[SETTING_GENDER_PREFER_NOT_TO_SAY] = { "gender_prefer_not_to_say",
					       "‘Prefer not to say’ in the gender list",
					       SETTINGS_UNIT_YES_NO, 0, 1, 1 },
	[SETTING_DRAFT_EXPIRY_DAYS] = { "draft_expiry_days",
					"Draft referrals (sent or not) kept after their last "
					"change",
					SETTINGS_UNIT_DAYS, 1, 3650, 30 },
	[SETTING_SIGNIN_ACCOUNT_MAX_FAILURES] = { "signin_account_max_failures",
						  "Failed sign-ins allowed per account",
						  SETTINGS_UNIT_COUNT, 1, 1000, 5 },
	[SETTING_SIGNIN_ADDRESS_MAX_FAILURES] = { "signin_address_max_failures",
						  "Failed sign-ins allowed per address",
						  SETTINGS_UNIT_COUNT, 1, 100000, 20 },
	[SETTING_SIGNIN_WINDOW_MINUTES] = { "signin_window_minutes", "Failed sign-ins counted over",
					    SETTINGS_UNIT_MINUTES, 1, 1440, 15 },
	/* privacy (issue 15) */
	[SETTING_RETENTION_MONTHS] = { "retention_months",
				       "Client details kept after the last referral closed "
				       "(months)",
				       SETTINGS_UNIT_COUNT, 1, 1200, 72 },
	[SETTING_STAFF_INACTIVE_DAYS] = { "staff_inactive_days",
					  "Staff deactivated after not signing in for",
					  SETTINGS_UNIT_DAYS, 1, 3650, 90 },
};

/* A stored value as a whole number: digits with an optional '-'; false for anything else. */
static bool parse_number(const char *text, long long *out)
{
	if (text == NULL || text[0] == '\0')
		return false;
	char *end;
	errno = 0;
	long long n = strtoll(text, &end, 10);
	if (errno != 0 || *end != '\0' || end == text || text[0] == ' ' || text[0] == '+')
		return false;
	*out = n;
	return true;
}

static long long number_or(const char *text, long long fallback)
{
	long long n;
	return parse_number(text, &n) ? n : fallback;
}

enum db_status settings_get(struct arena *arena, enum settings_key key, long long *value)
{
	const struct settings_def *def = &settings_defs[key];
	*value = def->fallback;
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	if (status == DB_OK)
		*value = number_or(catalog_setting(catalog, def->name), def->fallback);
	return status;
}

enum db_status settings_get_locked(struct arena *arena, enum settings_key key, long long *value)
{
	const struct settings_def *def = &settings_defs[key];
	struct db_result row;
	enum db_status status =
		db_run(arena, &row, "SELECT value FROM settings WHERE name = ? LOCK IN SHARE MODE",
		       "s", def->name);
	*value = number_or(status == DB_OK && row.rows == 1 ? db_value(&row, 0, 0) : NULL,
			   def->fallback);
	return status;
}

enum db_status settings_cutoff(struct arena *arena, enum settings_key key, enum settings_span span,
			       const char *now, long long *amount, const char **cutoff)
{
	*cutoff = NULL;
	enum db_status status = settings_get(arena, key, amount);
	struct db_result row;
	if (status == DB_OK)
		status = db_run(
			arena, &row,
			span == SETTINGS_SPAN_MONTHS
				? "SELECT DATE_FORMAT(? - INTERVAL ? MONTH, '%Y-%m-%d %H:%i:%s')"
				: "SELECT DATE_FORMAT(? - INTERVAL ? DAY, '%Y-%m-%d %H:%i:%s')",
			"si", now, *amount);
	if (status == DB_OK)
		*cutoff = arena_strdup(arena, db_value(&row, 0, 0));
	return status;
}

enum db_status settings_load_timeframes(struct arena *arena, struct settings_timeframes *out)
{
	struct settings_values values;
	enum db_status status = settings_load(arena, &values);
	*out = (struct settings_timeframes){
		.update = values.value[SETTING_UPDATE_WITHIN_DAYS],
		.close = values.value[SETTING_CLOSE_WITHIN_DAYS],
		.urgent_update = values.value[SETTING_URGENT_UPDATE_WITHIN_DAYS],
		.urgent_close = values.value[SETTING_URGENT_CLOSE_WITHIN_DAYS],
		.auto_close_days = values.value[SETTING_AUTO_CLOSE_DAYS],
		.auto_close_reason_id = values.value[SETTING_AUTO_CLOSE_REASON_ID],
		.consent_expiry_days = values.value[SETTING_CONSENT_EXPIRY_DAYS]
	};
	return status;
}

/* Every row the page edits, as text, locked (FOR UPDATE) inside the transaction that writes
 * them: NULL for a missing row. */
static enum db_status load_texts_locked(struct arena *arena, const char *texts[SETTING__PAGE])
{
	struct db_result result;
	enum db_status status = db_run(
		arena, &result,
		"SELECT name, value FROM settings WHERE name IN ('update_within_days',"
		" 'close_within_days', 'urgent_update_within_days', 'urgent_close_within_days',"
		" 'auto_close_days', 'auto_close_reason_id', 'session_timeout_minutes',"
		" 'session_lifetime_hours', 'consent_expiry_days', 'gender_prefer_not_to_say')"
		" FOR UPDATE",
		"");
	for (int k = 0; k < SETTING__PAGE; k++)
		texts[k] = NULL;
	if (status != DB_OK)
		return status;
	for (size_t r = 0; r < result.rows; r++)
		for (int k = 0; k < SETTING__PAGE; k++)
			if (strcmp(db_value(&result, r, 0), settings_defs[k].name) == 0)
				texts[k] = db_value(&result, r, 1);
	return DB_OK;
}

enum db_status settings_load(struct arena *arena, struct settings_values *out)
{
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	for (int k = 0; k < SETTING__MAX; k++)
		out->value[k] = number_or(
			status == DB_OK ? catalog_setting(catalog, settings_defs[k].name) : NULL,
			settings_defs[k].fallback);
	return status;
}

enum db_status settings_closure_reasons(struct arena *arena, struct settings_reason_list *out)
{
	out->count = 0;
	out->items = NULL;
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (catalog->reason_count + 1) * sizeof *out->items);
	for (size_t i = 0; i < catalog->reason_count; i++)
		if (!catalog->reasons[i].retired)
			out->items[out->count++] =
				(struct settings_reason){ catalog->reasons[i].id,
							  catalog->reasons[i].name };
	return DB_OK;
}

/* A closure reason's name for the audit log, or NULL when there is no such reason. */
static enum db_status reason_name(struct arena *arena, long long id, const char **name)
{
	struct db_result result;
	enum db_status status =
		db_run(arena, &result, "SELECT name FROM closure_reasons WHERE id = ?", "i", id);
	*name = status == DB_OK && result.rows == 1 ? db_value(&result, 0, 0) : NULL;
	return status;
}

/* A value as the audit log shows it: "5 working days", "30 minutes", "Yes", a reason's name. */
static enum db_status describe(struct arena *arena, enum settings_key key, long long value,
			       const char **text)
{
	switch (settings_defs[key].unit) {
	case SETTINGS_UNIT_WORKING_DAYS:
		*text = arena_printf(arena, "%lld working day%s", value, value == 1 ? "" : "s");
		break;
	case SETTINGS_UNIT_DAYS:
		*text = arena_printf(arena, "%lld day%s", value, value == 1 ? "" : "s");
		break;
	case SETTINGS_UNIT_MINUTES:
		*text = arena_printf(arena, "%lld minute%s", value, value == 1 ? "" : "s");
		break;
	case SETTINGS_UNIT_HOURS:
		*text = arena_printf(arena, "%lld hour%s", value, value == 1 ? "" : "s");
		break;
	case SETTINGS_UNIT_YES_NO:
		*text = value ? "Yes" : "No";
		break;
	case SETTINGS_UNIT_COUNT:
		*text = arena_printf(arena, "%lld", value);
		break;
	case SETTINGS_UNIT_CLOSURE_REASON: {
		const char *name;
		enum db_status status = reason_name(arena, value, &name);
		*text = name ? name : arena_printf(arena, "closure reason %lld (deleted)", value);
		return status;
	}
	}
	return DB_OK;
}

struct save_work {
	const struct settings_actor *actor;
	const struct settings_values *values;
	enum settings_save_result *result;
	size_t *changed;
};

static enum db_status save_work(struct arena *arena, void *context)
{
	struct save_work *w = context;
	*w->changed = 0;
	const char *old_texts[SETTING__PAGE];
	enum db_status status = load_texts_locked(arena, old_texts);
	if (status != DB_OK)
		return status;

	/* A shared lock on the reason: retiring it waits until these settings are saved, and
	 * then sees that it is the one automatic closing uses. */
	struct db_result reason;
	status = db_run(
		arena, &reason,
		"SELECT id FROM closure_reasons WHERE id = ? AND retired = 0 LOCK IN SHARE MODE",
		"i", w->values->value[SETTING_AUTO_CLOSE_REASON_ID]);
	if (status != DB_OK)
		return status;
	if (reason.rows != 1) {
		*w->result = SETTINGS_REASON_UNAVAILABLE;
		return DB_OK;
	}
	*w->result = SETTINGS_SAVED;

	for (int k = 0; k < SETTING__PAGE && status == DB_OK; k++) {
		long long old_value = 0, new_value = w->values->value[k];
		bool had = parse_number(old_texts[k], &old_value);
		if (had && old_value == new_value)
			continue;
		status =
			db_run(arena, NULL,
			       "INSERT INTO settings (name, value, updated_at) VALUES (?, ?, "
			       "UTC_TIMESTAMP())"
			       " ON DUPLICATE KEY UPDATE value = VALUES(value), updated_at = "
			       "VALUES(updated_at)",
			       "ss", settings_defs[k].name, arena_printf(arena, "%lld", new_value));
		const char *old_text = old_texts[k], *new_text = NULL;
		if (status == DB_OK && had)
			status = describe(arena, (enum settings_key)k, old_value, &old_text);
		if (status == DB_OK)
			status = describe(arena, (enum settings_key)k, new_value, &new_text);
		if (status != DB_OK)
			break;
		struct audit_entry entry = {
			.staff_id = w->actor->staff_id,
			.action = "admin.settings.change",
			.subject_type = "setting",
			.old_value = old_text,
			.new_value = new_text,
			.detail = arena_printf(arena, "%s (%s)", settings_defs[k].label,
					       settings_defs[k].name),
			.remote_addr = w->actor->remote_addr,
		};
		status = audit_record(arena, &entry);
		(*w->changed)++;
	}
	return status;
}

enum db_status settings_save(struct arena *arena, const struct settings_actor *actor,
			     const struct settings_values *values,
			     enum settings_save_result *result, size_t *changed)
{
	struct save_work work = { actor, values, result, changed };
	*result = SETTINGS_SAVED;
	return db_transaction(arena, save_work, &work);
}
