/* E-mail preferences: per kind of inbox message, each staff member chooses inbox only, an
 * e-mail at once or the daily digest (at an hour of their own). The kinds that may be
 * e-mailed and their defaults are the table in mail_prefs.c. */
#ifndef REFERRALS_MODEL_MAIL_PREFS_H
#define REFERRALS_MODEL_MAIL_PREFS_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

/* The stored choices (mail_preferences.mode). */
#define MAIL_MODE_INBOX "inbox"
#define MAIL_MODE_IMMEDIATE "immediate"
#define MAIL_MODE_DIGEST "digest"

/* A kind's default mode, or NULL for a kind never e-mailed (a notice that e-mail failed:
 * sent by e-mail it could fail again and again). */
const char *mail_kind_default(const char *kind);

struct mail_pref {
	const char *kind;  /* inbox_messages.kind */
	const char *label; /* the kind's label (vocabulary) */
	const char *mode;  /* MAIL_MODE_* */
};

struct mail_prefs {
	const char *email; /* from the directory at sign-in; NULL or "" when it has none */
	int digest_hour;   /* 0-23, local */
	struct mail_pref *items;
	size_t count;
};

/* staff_id's choices for every kind that may be e-mailed, the defaults filled in. */
enum db_status mail_prefs_get(struct arena *arena, long long staff_id, struct mail_prefs *out);

/* Stores modes[i] for each e-mailable kind in table order (count of them) and the hour. A
 * mode not of MAIL_MODE_* is refused before anything is written (false). */
bool mail_prefs_valid_mode(const char *mode);
enum db_status mail_prefs_save(struct arena *arena, long long staff_id, const char *const *modes,
			       size_t count, int digest_hour);

#endif
