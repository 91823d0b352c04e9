/* E-mail preferences: the kinds that may be e-mailed with their defaults, and each staff
 * member's choices (mail_preferences) and digest hour (staff.digest_hour). */
#include "mail_prefs.h"

#include <stdbool.h>
#include <string.h>

#include "../arena.h"
#include "../vocabulary.h"

/* Every kind that may be e-mailed, in the order the preferences page lists them. A referral's
 * updates are e-mailed at once unless the person chooses otherwise: each is a change someone
 * may be waiting on. */
static const struct {
	enum inbox_kind kind;
	const char *mode;
} kinds[] = {
	{ INBOX_NEW_REFERRAL, MAIL_MODE_IMMEDIATE },	{ INBOX_ACKNOWLEDGED, MAIL_MODE_IMMEDIATE },
	{ INBOX_REFUSED, MAIL_MODE_IMMEDIATE },		{ INBOX_CLOSED, MAIL_MODE_IMMEDIATE },
	{ INBOX_UNRESOLVED, MAIL_MODE_IMMEDIATE },	{ INBOX_NOTE_ADDED, MAIL_MODE_IMMEDIATE },
	{ INBOX_FILE_ADDED, MAIL_MODE_IMMEDIATE },	{ INBOX_OVERDUE, MAIL_MODE_IMMEDIATE },
	{ INBOX_CONSENT_RENEWAL, MAIL_MODE_IMMEDIATE }, { INBOX_GAP_IN_SERVICE, MAIL_MODE_DIGEST },
	{ INBOX_ANNOUNCEMENT, MAIL_MODE_IMMEDIATE },
};
#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

const char *mail_kind_default(const char *kind)
{
	enum inbox_kind k = inbox_kind_from_name(kind);
	for (size_t i = 0; i < KIND_COUNT; i++)
		if (kinds[i].kind == k)
			return kinds[i].mode;
	return NULL;
}

bool mail_prefs_valid_mode(const char *mode)
{
	return mode != NULL &&
	       (strcmp(mode, MAIL_MODE_INBOX) == 0 || strcmp(mode, MAIL_MODE_IMMEDIATE) == 0 ||
		strcmp(mode, MAIL_MODE_DIGEST) == 0);
}

enum db_status mail_prefs_get(struct arena *arena, long long staff_id, struct mail_prefs *out)
{
	memset(out, 0, sizeof *out);
	struct db_result who, chosen;
	enum db_status status = db_run(
		arena, &who, "SELECT email, digest_hour FROM staff WHERE id = ?", "i", staff_id);
	if (status != DB_OK)
		return status;
	status =
		db_run(arena, &chosen, "SELECT kind, mode FROM mail_preferences WHERE staff_id = ?",
		       "i", staff_id);
	if (status != DB_OK)
		return status;
	out->email = who.rows == 1 ? db_value(&who, 0, 0) : NULL;
	out->digest_hour = who.rows == 1 ? (int)db_int(&who, 0, 1, 8) : 8;
	out->items = arena_alloc(arena, KIND_COUNT * sizeof *out->items);
	out->count = KIND_COUNT;
	for (size_t i = 0; i < KIND_COUNT; i++) {
		struct mail_pref *p = &out->items[i];
		p->kind = inbox_kind_name(kinds[i].kind);
		p->label = inbox_kind_term(kinds[i].kind)->label;
		p->mode = kinds[i].mode;
		for (size_t r = 0; r < chosen.rows; r++)
			if (strcmp(db_value(&chosen, r, 0), p->kind) == 0)
				p->mode = db_value(&chosen, r, 1);
	}
	return DB_OK;
}

struct save_work {
	long long staff_id;
	const char *const *modes;
	size_t count;
	int digest_hour;
};

static enum db_status save_work(struct arena *arena, void *context)
{
	struct save_work *w = context;
	enum db_status status = db_run(arena, NULL, "UPDATE staff SET digest_hour = ? WHERE id = ?",
				       "ii", (long long)w->digest_hour, w->staff_id);
	for (size_t i = 0; status == DB_OK && i < w->count && i < KIND_COUNT; i++)
		status = db_run(
			arena, NULL,
			"INSERT INTO mail_preferences (staff_id, kind, mode) VALUES (?, ?, ?)"
			" ON DUPLICATE KEY UPDATE mode = VALUES(mode)",
			"iss", w->staff_id, inbox_kind_name(kinds[i].kind), w->modes[i]);
	return status;
}

enum db_status mail_prefs_save(struct arena *arena, long long staff_id, const char *const *modes,
			       size_t count, int digest_hour)
{
	struct save_work w = { staff_id, modes, count, digest_hour };
	return db_transaction(arena, save_work, &w);
}
