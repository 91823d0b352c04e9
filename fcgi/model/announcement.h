/* Announcements: an administrator's message to all staff or to chosen organisations' staff,
 * how many it will reach before it is sent, and afterwards its reach and who has read it. */
#ifndef REFERRALS_MODEL_ANNOUNCEMENT_H
#define REFERRALS_MODEL_ANNOUNCEMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

#define ANNOUNCEMENT_SUBJECT_MAX 300
#define ANNOUNCEMENT_BODY_MAX 2000

struct announcement_new {
	const char *subject, *body;
	bool everyone;
	const long long *org_ids; /* when not everyone */
	size_t org_count;
	long long staff_id, org_id; /* who sends it, for the audit */
	const char *remote_addr;
};

/* The active staff it would reach now. */
enum db_status announcement_recipients(struct arena *arena, const struct announcement_new *a,
				       long long *count);
/* Records it, writes every recipient's message (inbox.c) and the audit entry in one
 * transaction; *id the new announcement. */
enum db_status announcement_send(struct arena *arena, const struct announcement_new *a,
				 long long *id);

struct announcement {
	long long id;
	const char *subject, *body, *created_at, *created_by;
	bool everyone;
	const char *organisations; /* names, ", "-separated ("" for everyone) */
	long long recipients, read;
};

enum db_status announcement_list(struct arena *arena, struct announcement **out, size_t *count);

struct announcement_reader {
	const char *name, *read_at; /* read_at NULL: not yet */
};

/* One announcement with each recipient and when they read it (read first); *found false
 * when there is none. */
enum db_status announcement_get(struct arena *arena, long long id, struct announcement *out,
				struct announcement_reader **readers, size_t *reader_count,
				bool *found);

#endif
