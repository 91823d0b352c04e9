/* Who looked (issue 15, point 1): the append-only access log (sql/065_access_log.sql).
 * A page that shows a client's details, a referral, its notes or a file notes the view while
 * it runs (access_log_note); the worker writes what was noted after the answer has been sent
 * (access_log_flush), and only when the answer showed the data (2xx): a refused, missing or
 * failed view leaves no row. One INSERT per request however many views (a list's rows
 * included), after the response, so the page's time does not change. The client of a referral or
 * file view is read by the same INSERT ... SELECT. Also the two histories the client's profile
 * shows: who looked, and which organisations were sent the client's data. */
#ifndef REFERRALS_MODEL_ACCESS_LOG_H
#define REFERRALS_MODEL_ACCESS_LOG_H

/* At most this many views a request (a list shows up to 25 rows, the audit log 50, a search
 * up to 40). */
#define ACCESS_PENDING_MAX 64

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

/* What was viewed; the subject's id is the client's, the referral's or the file's. */
enum access_kind {
	ACCESS_CLIENT,		 /* the profile (details) */
	ACCESS_CLIENT_REFERRALS, /* the profile's Referrals tab */
	ACCESS_CLIENT_NOTES,	 /* the client's notes page */
	ACCESS_CLIENT_EDIT,	 /* Edit details (the form shows every detail) */
	ACCESS_REFERRAL,	 /* the referral page */
	ACCESS_REFERRAL_NOTES,	 /* a referral's notes and files page */
	ACCESS_FILE,		 /* a file's download */
	ACCESS_DRAFT,		 /* a journey step showing a stored client (subject: the client) */
	ACCESS_SUBJECT_ACCESS,	 /* the subject access download (subject: the client) */
	ACCESS_FIND,		 /* the find step's search (AJAX) answered with the client */
	/* A list row names the client (a referral list: name and date of birth; the client
	 * list: name, date of birth, postcode): one entry for each client on the page shown,
	 * subject the client, all in the request's one multi-row INSERT. */
	ACCESS_LIST_RECEIVED,	 /* Received referrals */
	ACCESS_LIST_SENT,	 /* Sent referrals (an administrator's list of all: this one) */
	ACCESS_LIST_CLIENTS,	 /* the client list */
	ACCESS_LIST_INBOX,	 /* the inbox (a message shows the name of its referral's client) */
	ACCESS_REFERRAL_CONSENT, /* Renew consent (subject: the referral) */
	/* the administrators' audit log: an event about a client (its edit history's old and
	 * new values) or a referral (its details may quote a reason or a name) */
	ACCESS_AUDIT_CLIENT,
	ACCESS_AUDIT_REFERRAL, /* subject: the referral */
	ACCESS__MAX
};

/* The stored name of a kind ("client", "referral", "file" ...) and its words for people. */
const char *access_kind_name(enum access_kind kind);
const char *access_kind_label(const char *stored);

/* Notes a view by the request (request_id) of staff_id in org_id. At most a few per request;
 * a note of another request is dropped (a worker runs one request at a time). */
void access_log_note(const char *request_id, long long staff_id, long long org_id,
		     enum access_kind kind, long long subject_id);
/* Writes the request's notes when status is 2xx and forgets them either way. Off (config
 * Referrals.AccessLog = 0, for the benchmark's comparison only): forgets them. */
enum db_status access_log_flush(struct arena *arena, const char *request_id, int status,
				bool enabled);

/* One row of a client's access history. organisation_only: the viewer was of another
 * organisation than the one asking, so staff_name is NULL (never another organisation's
 * staff names). */
struct access_entry {
	const char *occurred_at; /* UTC "YYYY-MM-DD HH:MM:SS" */
	const char *kind;
	long long subject_id;
	const char *staff_name; /* NULL: another organisation's view */
	const char *organisation;
	const char *request_id; /* administrators only */
};
struct access_history {
	struct access_entry *items;
	size_t count;
};

/* One sending of the client's data: a referral sent to an organisation. */
struct share_entry {
	long long referral_id;
	const char *sent_at; /* UTC */
	const char *to_organisation;
	const char *from_organisation;
	long long sending_org_id;
	const char *sent_by;
	const char *issue;
	long long consent_id;
	const char *consent_at;	  /* UTC */
	const char *consent_from; /* "the client" or "a representative" (never the name) */
};
struct share_history {
	struct share_entry *items;
	size_t count;
};
/* The latest views of client_id (at most 200), for org_id (its own staff by name, others by
 * organisation only) or for an administrator (everyone by name, with request ids), and every
 * sending of its data (at most 500), newest first. */
enum db_status access_histories(struct arena *arena, long long client_id, long long org_id,
				bool is_admin, struct access_history *access,
				struct share_history *sharing);

#endif
