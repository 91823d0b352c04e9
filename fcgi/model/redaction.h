/* Redaction of one client (issue 15, points 3 and 4): the client's identifying details are
 * removed everywhere they are held or were copied, in one transaction, and the fact is
 * audited; what the statistics need stays. Used by the scheduled job (retention, after
 * retention_months since the client's last referral closed) and by an administrator
 * (erasure on request, with a reason).
 *
 * Removed or replaced: names (and their search keys), title, pronoun, contact details and
 * preferences, NHS number, GP, address and postcode, the date of birth (kept as 1 January of
 * its year), gender self-description; the client's edit history values; consents' "given by"
 * names and relationships; questionnaire answers; notes (client and referral) and files
 * (their bytes and names); referrals' free-text reasons; event details that quote any of
 * these (consent renewals, reasons, file names); inbox messages about the client's referrals;
 * the journey's drafts (sent or not) for the client, or for a new client typed with the
 * client's names, NHS number or email, removed whole; forms parked at a session timeout
 * that name the client.
 * Kept: the client row (id, gender, local authority, created), referrals with statuses,
 * dates, issues and organisations, groups, consent dates, the timeline's actions, gaps in
 * service, the access log. */
#ifndef REFERRALS_MODEL_REDACTION_H
#define REFERRALS_MODEL_REDACTION_H

#include <stdbool.h>
#include <stdio.h>

#include "../db.h"

/* The drafts holding the client's details (sent or not): those for the client, and those for
 * a new client whose typed first and last name, NHS number or email are the client's (the
 * same person, typed again before the find step offered them; names compare as the columns'
 * collation does, without case). The arguments are SQL expressions: the client's id, first
 * name, last name, NHS number and email (each NHS number and email twice). */
/* clang-format off */
#define CLIENT_DRAFTS(ID, FIRST, LAST, NHS, NHS2, EMAIL, EMAIL2)                                   \
	" FROM drafts d WHERE d.client_id = " ID " OR (d.client_id IS NULL AND ("                   \
	"  (EXISTS (SELECT 1 FROM draft_values f WHERE f.draft_id = d.id"                          \
	"    AND f.name = 'first_name' AND TRIM(f.value) = " FIRST ")"                             \
	"   AND EXISTS (SELECT 1 FROM draft_values l WHERE l.draft_id = d.id"                      \
	"    AND l.name = 'last_name' AND TRIM(l.value) = " LAST "))"                              \
	"  OR (" NHS " <> '' AND EXISTS (SELECT 1 FROM draft_values n WHERE n.draft_id = d.id"     \
	"    AND n.name = 'nhs_number' AND REPLACE(n.value, ' ', '') = " NHS2 "))"                 \
	"  OR (" EMAIL " <> '' AND EXISTS (SELECT 1 FROM draft_values e WHERE e.draft_id = d.id"   \
	"    AND e.name = 'email' AND TRIM(e.value) = " EMAIL2 "))))"
/* clang-format on */

enum redaction_kind { REDACTION_RETENTION, REDACTION_ERASURE };

struct redaction_actor {
	long long staff_id; /* 0: the scheduled job */
	const char *remote_addr;
	const char *reason; /* an erasure's reason, for the audit log */
};

/* Redacts client_id inside the caller's transaction, at now (UTC "YYYY-MM-DD HH:MM:SS").
 * *done is false when the client does not exist or was already redacted, or (retention)
 * when, under lock, it is no longer due: cutoff is the latest time its last referral may
 * have closed (NULL for an erasure). */
enum db_status redaction_redact(struct arena *arena, long long client_id, enum redaction_kind kind,
				const struct redaction_actor *actor, const char *now,
				const char *cutoff, bool *done);

/* An erasure on request: one transaction of its own at the real time. */
enum db_status redaction_erase(struct arena *arena, long long client_id,
			       const struct redaction_actor *actor, bool *done);

/* What an erasure would remove, for its confirmation page. */
struct redaction_preview {
	long long referrals, notes, files, answers, consents, history, drafts, messages;
	const char *redacted_at; /* NULL: not redacted yet */
};
enum db_status redaction_preview(struct arena *arena, long long client_id,
				 struct redaction_preview *out);

/* When and why the client's details were removed (NULL when they were not, or there is no
 * such client). */
enum db_status redaction_of_client(struct arena *arena, long long client_id,
				   const char **redacted_at, const char **kind);
/* When and why the client's details were removed (NULL when they were not). */
enum db_status redaction_of_referral(struct arena *arena, long long referral_id,
				     const char **redacted_at, const char **kind);

/* The scheduled job's step: every client due under the retention setting at now, one
 * transaction each (leased runs it under the job's lease); prints its line to out. */
typedef enum db_status (*redaction_leased)(void *run, db_work work, void *context);
enum db_status redaction_retention_step(struct arena *arena, const char *now,
					redaction_leased leased, void *run, FILE *out);

/* The scheduled job's step for the journey's drafts (sent or not) not changed for
 * draft_expiry_days before now: removed with their saved values and parked forms, in batches
 * (one transaction each). Until now only starting a new referral removed them, so a draft
 * for a new client nobody came back to could stay. Prints its line to out. */
enum db_status redaction_drafts_step(struct arena *arena, const char *now, redaction_leased leased,
				     void *run, FILE *out);

#endif
