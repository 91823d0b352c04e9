/* A client's contact details as a receiver reads them: phone groups and permissions in words. */
#include "contact_text.h"

#include <stdio.h>
#include <string.h>

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The length of the area code (with its 0) of an 11-digit number, as Ofcom's numbering plan
 * groups it when written: the rest is written as one group (07, 01xxx) or two (the others). */
static size_t area_length(const char *d, bool *split_rest)
{
	*split_rest = true;
	if (d[1] == '2')
		return 3; /* 020 7946 0018 */
	if (d[1] == '1' && (d[2] == '1' || d[3] == '1'))
		return 4; /* 0113 496 0000, 0161 496 0000 */
	if (d[1] == '3' || d[1] == '8' || d[1] == '9')
		return 4; /* 0300 123 4567, 0800 123 4567 */
	*split_rest = false;
	return 5; /* 07700 900123, 01632 960001 */
}

const char *contact_phone_text(const char *digits, char out[CONTACT_PHONE_TEXT_SIZE])
{
	size_t n = digits ? strlen(digits) : 0;
	if ((n != 10 && n != 11) || digits[0] != '0' || !all_digits(digits, n)) {
		snprintf(out, CONTACT_PHONE_TEXT_SIZE, "%s", digits ? digits : "");
		return out;
	}
	if (n == 10) { /* the few 10-digit numbers left: 01xxx xxxxx, 0800 xxxxxx */
		size_t area = digits[1] == '8' ? 4 : 5;
		snprintf(out, CONTACT_PHONE_TEXT_SIZE, "%.*s %s", (int)area, digits, digits + area);
		return out;
	}
	bool split;
	size_t area = area_length(digits, &split);
	if (!split) {
		snprintf(out, CONTACT_PHONE_TEXT_SIZE, "%.*s %s", (int)area, digits, digits + area);
		return out;
	}
	size_t first = 11 - area - 4; /* the last group is four digits */
	snprintf(out, CONTACT_PHONE_TEXT_SIZE, "%.*s %.*s %s", (int)area, digits, (int)first,
		 digits + area, digits + area + first);
	return out;
}

static void append(char *out, size_t size, const char *text, bool *first, const char *sep)
{
	size_t used = strlen(out);
	snprintf(out + used, size - used, "%s%s", *first ? "" : sep, text);
	*first = false;
}

const char *contact_ways_text(struct contact_ways ways, char out[CONTACT_WAYS_TEXT_SIZE])
{
	struct {
		bool allowed;
		const char *yes, *no;
	} const table[] = {
		{ ways.phone, "phone", "no phone calls" },
		{ ways.sms, "SMS", "no SMS" },
		{ ways.email, "email", "not email" },
		{ ways.post, "post", "not post" },
		{ ways.voicemail, "voicemail", "no voicemail" },
	};
	size_t count = sizeof table / sizeof table[0];
	bool any = false;
	for (size_t i = 0; i < count; i++)
		any = any || table[i].allowed;
	if (!any) {
		snprintf(out, CONTACT_WAYS_TEXT_SIZE, "Do not contact: no permission given");
		return out;
	}
	snprintf(out, CONTACT_WAYS_TEXT_SIZE, "Contact by: ");
	bool first = true;
	for (size_t i = 0; i < count; i++)
		if (table[i].allowed)
			append(out, CONTACT_WAYS_TEXT_SIZE, table[i].yes, &first, ", ");
	const char *sep = " \u2014 "; /* the ways not allowed after a dash */
	for (size_t i = 0; i < count; i++)
		if (!table[i].allowed) {
			bool once = false;
			append(out, CONTACT_WAYS_TEXT_SIZE, table[i].no, &once, sep);
			sep = ", ";
		}
	return out;
}
