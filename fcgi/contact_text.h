/* A client's contact details as a receiver reads them (issue 12 point 3): a UK phone number in
 * its groups ("07700 900123", "020 7946 0018", "0113 496 0000") and the contact permissions in
 * words ("Contact by: phone, SMS — not email, not post, no voicemail"). Pure: no I/O, no
 * allocation beyond the caller's buffer. */
#ifndef REFERRALS_CONTACT_TEXT_H
#define REFERRALS_CONTACT_TEXT_H

#include <stdbool.h>

#define CONTACT_PHONE_TEXT_SIZE 32 /* 11 digits, two spaces, or a stored value up to 31 bytes */
#define CONTACT_WAYS_TEXT_SIZE 96

/* digits as stored (valid_uk_phone's national form, "07700900123") in its UK groups: mobile,
 * 07 and 01x1 and 011x area codes, 02x, non-geographic 03/08/09, other 01 areas. A value that
 * is not 10 or 11 digits starting 0 comes back as it is (cut to fit out). Returns out. */
const char *contact_phone_text(const char *digits, char out[CONTACT_PHONE_TEXT_SIZE]);

struct contact_ways {
	bool email, phone, sms, voicemail, post;
};

/* "Contact by: phone, SMS — not email, not post, no voicemail"; with no permission at all
 * "Do not contact: no permission given". Returns out. */
const char *contact_ways_text(struct contact_ways ways, char out[CONTACT_WAYS_TEXT_SIZE]);

#endif
