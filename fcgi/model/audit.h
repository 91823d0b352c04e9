/* The event log: who did what, when, with old and new values. */
#ifndef REFERRALS_MODEL_AUDIT_H
#define REFERRALS_MODEL_AUDIT_H

#include "../db.h"

struct audit_entry {
	long long staff_id; /* 0: nobody signed in */
	long long organisation_id;
	const char *action; /* "signin", "signin_failed", "signout", "switch_org", ... */
	const char *subject_type;
	long long subject_id;
	const char *old_value;
	const char *new_value;
	const char *detail;
	const char *remote_addr;
};

enum db_status audit_record(struct arena *arena, const struct audit_entry *entry);

#endif
