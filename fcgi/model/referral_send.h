/* Sending a draft (PRODUCT.md "Creating a referral", step 6): everything the journey
 * collected becomes, in ONE transaction, the client (when new), the consent, one referral
 * group per issue, one referral per receiving organisation × issue, the answers, the client's
 * visibility to the sender and every receiver, the timeline events, the sender's inbox opt-in,
 * the receivers' inbox messages, and the draft marked sent.
 *
 * Idempotency: the draft is the key. The transaction locks the draft row first; a draft
 * already sent creates nothing and answers REFERRAL_SEND_ALREADY_SENT with the client it was
 * sent for, so a double click, a replayed POST or a second tab never make a second set.
 *
 * Eligibility and capacity are checked again inside the transaction, with each receiving
 * organisation's row locked (SELECT ... FOR UPDATE) before its open referrals are counted:
 * two sends racing for an organisation's last place are serialised on that row, and the
 * second one sees the first one's referral. Nothing is written when a receiver fails. */
#ifndef REFERRALS_MODEL_REFERRAL_SEND_H
#define REFERRALS_MODEL_REFERRAL_SEND_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "../validate.h"
#include "client.h"

/* One questionnaire answer, with the question copied (answers.question_text and kind):
 * editing the question later changes no answer. Multiple choice answers are the chosen
 * labels one per line ("\n" between them); dates "YYYY-MM-DD"; yes/no "Yes" or "No"; an
 * optional question left blank is stored as "". */
struct referral_send_answer {
	long long question_id;
	const char *question_text;
	const char *kind; /* the questions.kind ENUM name: "text", "multiple_choice" ... */
	const char *answer;
};

/* One issue: its group, and a referral to each receiver. */
struct referral_send_issue {
	long long issue_id;
	const char *issue_name;	    /* for messages */
	const long long *receivers; /* organisation ids, at least one */
	size_t receiver_count;
	const struct referral_send_answer *answers;
	size_t answer_count;
};

struct referral_send {
	long long draft_id;
	long long staff_id;	  /* who sends (the draft's owner) */
	long long draft_org_id;	  /* the draft's organisation (the active one) */
	long long sending_org_id; /* the organisation the referral is sent from */
	const char *remote_addr;
	/* the client: an existing one (client_id), or new_client created from the journey's
	 * values (validated and normalised by the caller) */
	long long client_id;
	const struct client *new_client;
	struct valid_date today; /* the day the referral is made (ages, due dates) */
	/* consent */
	bool consent_by_client;
	const char *consentor_name; /* when someone else gave it */
	const char *consentor_relationship;
	/* details */
	bool urgent;
	const char *update_due; /* "YYYY-MM-DD" (referral_due_dates) */
	const char *close_due;
	const struct referral_send_issue *issues;
	size_t issue_count;
	/* the sender's inbox opt-in: updates on the referrals sent */
	bool notify_acknowledged, notify_closed, notify_note_added, notify_file_added;
	bool notify_refused, notify_unresolved; /* issue 12 point 7 */
};

enum referral_send_outcome {
	REFERRAL_SEND_DONE,	    /* sent (referral_send_check: it could be sent now) */
	REFERRAL_SEND_ALREADY_SENT, /* nothing created: the draft was sent before */
	REFERRAL_SEND_NOT_FOUND,    /* no such draft for this staff member and organisation */
	REFERRAL_SEND_REFUSED,	    /* see problems: nothing created */
	REFERRAL_SEND_CLIENT_GONE,  /* the existing client does not exist: nothing created */
};

/* Why the referral cannot be sent now: an issue no longer offered (org_id 0), or a receiver
 * that cannot take it for one issue. */
struct referral_problem {
	long long issue_id;
	const char *issue_name;
	long long org_id;
	const char *org_name;
	const char *reason; /* elig_describe's words, or why else */
};

struct referral_send_result {
	enum referral_send_outcome outcome;
	long long client_id;		   /* DONE and ALREADY_SENT */
	size_t groups;			   /* DONE: referral groups created (one per issue) */
	size_t referrals;		   /* DONE: referrals created (receivers × issues) */
	struct referral_problem *problems; /* REFUSED: every problem found, in the send's order */
	size_t problem_count;
};

/* Sends the draft as described above. DB_OK with the outcome in *result; any other status
 * means nothing was written. */
enum db_status referral_send(struct arena *arena, const struct referral_send *send,
			     struct referral_send_result *result);

/* The same checks as referral_send makes (issues offered, each receiver eligible with the
 * referrals this send would give it counted against its capacity), as things are now, without
 * locking or writing anything and without looking at the draft: for the summary, which says
 * before the user sends what would stop it. Outcome DONE, REFUSED or CLIENT_GONE. */
enum db_status referral_send_check(struct arena *arena, const struct referral_send *send,
				   struct referral_send_result *result);

/* The "update within" and "close within" working days for a normal or urgent referral made
 * on today, from the settings, and the dates they fall on (weekends and bank holidays are not
 * working days): "YYYY-MM-DD". */
struct referral_due {
	long long update_days, close_days;
	char update_due[VALID_DATE_ISO_SIZE];
	char close_due[VALID_DATE_ISO_SIZE];
};
enum db_status referral_due_dates(struct arena *arena, bool urgent, struct valid_date today,
				  struct referral_due *out);

/* An organisation's name; *found false when there is none. (The summary lists receivers.) */
enum db_status referral_org_name(struct arena *arena, long long id, const char **name, bool *found);

#endif
