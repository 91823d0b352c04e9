/* The referral vocabulary, once: a referral's statuses, the kinds of event on its timeline and
 * the kinds of inbox message, each an enum with one table of the name stored in the database,
 * the label people read, the GOV.UK tag colour and what it means (PRODUCT.md "Working a
 * referral"); and the rules read from a status: open, the due date of the current state,
 * overdue. Pure: no database, no request (tests/unit/check_vocabulary.c). */
#ifndef REFERRALS_VOCABULARY_H
#define REFERRALS_VOCABULARY_H

#include <stdbool.h>

/* One word of the vocabulary. colour is a GOV.UK tag modifier ("blue" for govuk-tag--blue),
 * "" where the word is never shown as a tag. */
struct vocab_term {
	const char *name; /* as stored: referrals.status, events.action, inbox_messages.kind */
	const char *label;
	const char *colour;
	const char *meaning;
};

/* referrals.status, in the order of the status filter's choices */
enum referral_status {
	STATUS_NEW,
	STATUS_ACKNOWLEDGED,
	STATUS_REFUSED,
	STATUS_CLOSED,
	STATUS_WITHDRAWN,
	STATUS_REMOVED,
	STATUS_NO_RESPONSE,
	STATUS__COUNT,
	STATUS_UNKNOWN = STATUS__COUNT, /* a name not in the table */
};

/* events.action of a referral's (or its group's) timeline */
enum event_kind {
	EVENT_SENT,
	EVENT_ACKNOWLEDGED,
	EVENT_REFUSED,
	EVENT_CLOSED,
	EVENT_WITHDRAWN,
	EVENT_REMOVED,
	EVENT_NO_RESPONSE,
	EVENT_UNRESOLVED,
	EVENT_OVERDUE,
	EVENT_NOTE_ADDED,
	EVENT_FILE_ADDED,
	EVENT_CONSENT_EXPIRED,
	EVENT_CONSENT_RENEWED,
	EVENT__COUNT,
	EVENT_UNKNOWN = EVENT__COUNT,
};

/* inbox_messages.kind */
enum inbox_kind {
	INBOX_OVERDUE,
	INBOX_CONSENT_RENEWAL,
	INBOX_NEW_REFERRAL,
	INBOX_ACKNOWLEDGED,
	INBOX_CLOSED,
	INBOX_NOTE_ADDED,
	INBOX_FILE_ADDED,
	INBOX_GAP_IN_SERVICE,
	/* e-mail notifications (issue 14) and the sender's refusal/unresolved messages */
	INBOX_REFUSED,
	INBOX_UNRESOLVED,
	INBOX_MAIL_FAILED,
	INBOX_ANNOUNCEMENT,
	INBOX__COUNT,
	INBOX_UNKNOWN = INBOX__COUNT,
};

/* name → enum: STATUS_UNKNOWN (EVENT_, INBOX_) for NULL or a name not in the table. */
enum referral_status status_from_name(const char *name);
enum event_kind event_from_name(const char *name);
enum inbox_kind inbox_kind_from_name(const char *name);

/* The word of a value; an unknown one (or out of range) gets a term whose name is "", whose
 * label says so and whose colour is grey, so a page never shows an empty tag. */
const struct vocab_term *status_term(enum referral_status status);
const struct vocab_term *event_term(enum event_kind event);
const struct vocab_term *inbox_kind_term(enum inbox_kind kind);

/* The stored name of a value ("" when unknown), for the model's writers. */
const char *status_name(enum referral_status status);
const char *event_name(enum event_kind event);
const char *inbox_kind_name(enum inbox_kind kind);

/* Shorthands of the table for a stored name. */
const char *status_label(const char *name);
const char *status_colour(const char *name);

/* New or Acknowledged: the receiver still owes an update or a closure (the SQL twin over the
 * stored referrals.due_order is REFERRAL_OPEN in model/referral_rules.h). */
bool status_is_open(enum referral_status status);

/* Refused or No response: a referral that will not help; a group of only these is Unresolved
 * (PRODUCT.md "Referral grouping"; in SQL, referral_group_settle in model/referral.c). */
bool status_is_unresolving(enum referral_status status);

/* The due date of the current state ("YYYY-MM-DD"): the update due while New, the close due
 * once Acknowledged, NULL for a closed status. */
const char *referral_current_due(enum referral_status status, const char *update_due,
				 const char *close_due);

/* Past the due date of its state on today ("YYYY-MM-DD"): due before today. */
bool referral_is_overdue(enum referral_status status, const char *update_due, const char *close_due,
			 const char *today);

#endif
