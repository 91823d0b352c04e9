/* The privacy settings (issue 15): how long client details are kept after the client's last
 * referral closed (retention_months) and after how many days without signing in staff are
 * deactivated (staff_inactive_days). Named and bounded in settings_defs[]
 * (model/settings.c); edited on /admin/privacy (pages/privacy.c). */
#ifndef REFERRALS_MODEL_PRIVACY_SETTINGS_H
#define REFERRALS_MODEL_PRIVACY_SETTINGS_H

#include <stddef.h>

#include "../db.h"
#include "settings.h"

/* The keys the privacy page edits, in its order. */
extern const enum settings_key privacy_setting_keys[2];

/* Writes each value (within its bounds already) that differs from the stored one, with one
 * audit row per change ("admin.settings.change", as the settings page). *changed: how many. */
enum db_status privacy_settings_save(struct arena *arena, long long staff_id,
				     const char *remote_addr, const long long values[2],
				     size_t *changed);

#endif
