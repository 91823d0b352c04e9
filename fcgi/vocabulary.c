/* The referral vocabulary's tables and the rules read from a status (vocabulary.h). The
 * labels are PRODUCT.md's words; the colours follow the GOV.UK tag guidance: one colour per
 * kind of state, so a list can be read at a glance (PRODUCT.md names no colours, so these
 * are the product's, pinned by tests/http/status_tags.test.mjs). */
#include "vocabulary.h"

#include <stddef.h>
#include <string.h>

static const struct vocab_term statuses[STATUS__COUNT] = {
	[STATUS_NEW] = { "new", "New", "blue",
			 "Sent and waiting for the receiver to acknowledge or refuse it" },
	[STATUS_ACKNOWLEDGED] = { "acknowledged", "Acknowledged", "turquoise",
				  "The receiver has taken responsibility and works on it until it "
				  "closes it" },
	[STATUS_REFUSED] = { "refused", "Refused", "red",
			     "The receiver refused it, with a reason" },
	[STATUS_CLOSED] = { "closed", "Closed", "grey",
			    "The receiver closed it, with a closure reason" },
	[STATUS_WITHDRAWN] = { "withdrawn", "Withdrawn", "grey",
			       "The sender withdrew it before it closed" },
	[STATUS_REMOVED] = { "removed", "Removed", "grey",
			     "Another receiver of its group acknowledged first, so this duplicate "
			     "was removed" },
	[STATUS_NO_RESPONSE] = { "no_response", "No response", "orange",
				 "Closed automatically: still New after the configured working "
				 "days" },
};

static const struct vocab_term events[EVENT__COUNT] = {
	[EVENT_SENT] = { "referral.sent", "Sent", "", "The sender sent it" },
	[EVENT_ACKNOWLEDGED] = { "referral.acknowledged", "Acknowledged", "",
				 "The receiver acknowledged it" },
	[EVENT_REFUSED] = { "referral.refused", "Refused", "", "The receiver refused it" },
	[EVENT_CLOSED] = { "referral.closed", "Closed", "", "The receiver closed it" },
	[EVENT_WITHDRAWN] = { "referral.withdrawn", "Withdrawn", "", "The sender withdrew it" },
	[EVENT_REMOVED] = { "referral.removed", "Removed", "",
			    "Another receiver of the group took it" },
	[EVENT_NO_RESPONSE] = { "referral.no_response", "Closed: no response", "",
				"The scheduled job closed it as No response" },
	[EVENT_UNRESOLVED] = { "referral.unresolved", "Group unresolved", "",
			       "Every referral of the group was refused or had no response" },
	[EVENT_OVERDUE] = { "referral.overdue", "Overdue", "", "Its due date passed" },
	[EVENT_NOTE_ADDED] = { "referral.note_added", "Note added", "", "Someone added a note" },
	[EVENT_FILE_ADDED] = { "referral.file_added", "File added", "", "Someone added a file" },
	[EVENT_CONSENT_EXPIRED] = { "referral.consent_expired", "Consent expired", "",
				    "The group's consent expired: its data is restricted" },
	[EVENT_CONSENT_RENEWED] = { "referral.consent_renewed", "Consent renewed", "",
				    "The sender recorded a new consent" },
};

/* the inbox shows each kind as a grey tag beside the subject */
static const struct vocab_term inbox_kinds[INBOX__COUNT] = {
	[INBOX_OVERDUE] = { "overdue", "Overdue", "grey",
			    "A referral received is past its due date" },
	[INBOX_CONSENT_RENEWAL] = { "consent_renewal", "Consent renewal", "grey",
				    "A consent expired: the sender should renew it" },
	[INBOX_NEW_REFERRAL] = { "new_referral", "New referral", "grey",
				 "A referral was sent to the organisation" },
	[INBOX_ACKNOWLEDGED] = { "referral_acknowledged", "Acknowledged", "grey",
				 "A referral you subscribed to was acknowledged" },
	[INBOX_CLOSED] = { "referral_closed", "Closed", "grey",
			   "A referral you subscribed to was closed" },
	[INBOX_NOTE_ADDED] = { "referral_note_added", "Note added", "grey",
			       "A note was added to a referral you subscribed to" },
	[INBOX_FILE_ADDED] = { "referral_file_added", "File added", "grey",
			       "A file was added to a referral you subscribed to" },
	[INBOX_GAP_IN_SERVICE] = { "gap_in_service", "Gap in service", "grey",
				   "No organisation could receive a referral for an issue" },
	/* e-mail notifications (issue 14) and the sender's refusal/unresolved messages */
	[INBOX_REFUSED] = { "referral_refused", "Refused", "grey",
			    "A referral you subscribed to was refused" },
	[INBOX_UNRESOLVED] = { "referral_unresolved", "Unresolved", "grey",
			       "Every referral of a group you subscribed to was refused or had no "
			       "response" },
	[INBOX_MAIL_FAILED] = { "mail_failed", "E-mail not delivered", "grey",
				"An e-mail could not be delivered" },
	[INBOX_ANNOUNCEMENT] = { "announcement", "Announcement", "grey",
				 "An administrator's announcement" },
};

static const struct vocab_term unknown_status = { "", "Unknown", "grey",
						  "Not a status of the table" };
static const struct vocab_term unknown_event = { "", "Event", "", "Not an event of the table" };
static const struct vocab_term unknown_inbox = { "", "Message", "grey", "Not a kind of the table" };

/* The index of name in a table of count terms, or count. */
static int find(const struct vocab_term *table, int count, const char *name)
{
	if (name == NULL)
		return count;
	for (int i = 0; i < count; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return count;
}

enum referral_status status_from_name(const char *name)
{
	return (enum referral_status)find(statuses, STATUS__COUNT, name);
}

enum event_kind event_from_name(const char *name)
{
	return (enum event_kind)find(events, EVENT__COUNT, name);
}

enum inbox_kind inbox_kind_from_name(const char *name)
{
	return (enum inbox_kind)find(inbox_kinds, INBOX__COUNT, name);
}

const struct vocab_term *status_term(enum referral_status status)
{
	return status >= 0 && status < STATUS__COUNT ? &statuses[status] : &unknown_status;
}

const struct vocab_term *event_term(enum event_kind event)
{
	return event >= 0 && event < EVENT__COUNT ? &events[event] : &unknown_event;
}

const struct vocab_term *inbox_kind_term(enum inbox_kind kind)
{
	return kind >= 0 && kind < INBOX__COUNT ? &inbox_kinds[kind] : &unknown_inbox;
}

const char *status_name(enum referral_status status)
{
	return status_term(status)->name;
}

const char *event_name(enum event_kind event)
{
	return event_term(event)->name;
}

const char *inbox_kind_name(enum inbox_kind kind)
{
	return inbox_kind_term(kind)->name;
}

const char *status_label(const char *name)
{
	return status_term(status_from_name(name))->label;
}

const char *status_colour(const char *name)
{
	return status_term(status_from_name(name))->colour;
}

bool status_is_open(enum referral_status status)
{
	return status == STATUS_NEW || status == STATUS_ACKNOWLEDGED;
}

bool status_is_unresolving(enum referral_status status)
{
	return status == STATUS_REFUSED || status == STATUS_NO_RESPONSE;
}

const char *referral_current_due(enum referral_status status, const char *update_due,
				 const char *close_due)
{
	if (status == STATUS_NEW)
		return update_due;
	if (status == STATUS_ACKNOWLEDGED)
		return close_due;
	return NULL;
}

bool referral_is_overdue(enum referral_status status, const char *update_due, const char *close_due,
			 const char *today)
{
	const char *due = referral_current_due(status, update_due, close_due);
	/* ISO dates compare as text; an empty due date is none */
	return due != NULL && due[0] != '\0' && today != NULL && strcmp(due, today) < 0;
}
