/* The e-mail outbox, as the sender sees it: claiming due rows under a lease (so several
 * senders never send one twice), recording each outcome, gathering the daily digests, and the
 * backlog for /health. Rows are written only by model/inbox.c, with the change they tell of. */
#ifndef REFERRALS_MODEL_OUTBOX_H
#define REFERRALS_MODEL_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

struct outbox_mail {
	long long id;
	const char *to; /* the staff member's address */
	const char *kind;
	const char *subject, *body, *link;
	const char *created_at; /* UTC "YYYY-MM-DD HH:MM:SS" */
	long long attempts;	/* before this one */
	long long age_seconds;	/* since the row was written */
};

/* Claims up to limit due rows for lease_seconds under token (32 characters). */
enum db_status outbox_claim(struct arena *arena, const char *token, long long lease_seconds,
			    size_t limit, struct outbox_mail **out, size_t *count);
/* Records an outcome of a row this token claimed: sent; or tried again after retry_seconds
 * (failed instead, with a notice to the administrators, when fail is true). */
enum db_status outbox_sent(struct arena *arena, long long id, const char *token);
enum db_status outbox_retry(struct arena *arena, const struct outbox_mail *mail, const char *token,
			    long long retry_seconds, bool fail, const char *reason);

/* Gives back the rows token claimed and has not recorded (a sender stopping mid-batch). */
enum db_status outbox_release(struct arena *arena, const char *token);

/* Gathers each staff member's waiting digest rows into one row, for those whose digest hour
 * is local_hour and who had none on local_date ("YYYY-MM-DD"); *made how many. */
enum db_status outbox_digests(struct arena *arena, const char *local_date, int local_hour,
			      long long *made);

/* Rows waiting to be sent (pending) and the oldest one's age in seconds (0 when none). */
enum db_status outbox_backlog(struct arena *arena, long long *backlog, long long *oldest_seconds);

/* The latest failed rows for the administrators (id, kind, created, failed, reason). */
struct outbox_failure {
	long long id;
	const char *kind, *created_at, *failed_at, *reason, *to;
};
enum db_status outbox_failures(struct arena *arena, struct outbox_failure **out, size_t *count);

#endif
