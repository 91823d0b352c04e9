/* Field validators for what people type into forms: pure functions that say whether a value
 * is acceptable, give a GOV.UK-style message when it is not, and write a normalised value. */
#ifndef REFERRALS_VALIDATE_H
#define REFERRALS_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* Conventions:
 * - Input is a NUL-terminated string the request parser has already checked is UTF-8.
 * - Validators of a fixed format return NULL when the value is acceptable, otherwise a message
 *   for the user, a string constant to show beside the field (never free it).
 * - Spaces and tabs at either end are ignored: people paste them in by accident.
 * - An "out" buffer, where there is one, receives the normalised value (what to store) when
 *   the value is acceptable, and is left untouched when it is not. It may be NULL when only
 *   the verdict is wanted. Its size is the matching VALID_*_SIZE.
 * - A validator given an empty value returns its "Enter ..." message; a page whose field is
 *   optional checks valid_required() first and skips the validator when it is false.
 * - Validators whose bounds the caller chooses (lengths, numbers) return an enum instead, so
 *   the page can name the bounds in its own message ("Age must be 120 or fewer"). */

/* Buffer sizes for normalised values, the terminating NUL included. */
#define VALID_NAME_MAX 100 /* characters (code points) in a person's name */
#define VALID_NAME_SIZE (VALID_NAME_MAX * 4 + 1)
#define VALID_EMAIL_SIZE 255 /* 254 bytes, the longest address SMTP can carry */
#define VALID_PHONE_SIZE 12  /* 11 digits */
#define VALID_NHS_NUMBER_SIZE 11
#define VALID_ODS_CODE_SIZE 7
#define VALID_POSTCODE_SIZE 9	  /* "SW1A 1AA" */
#define VALID_POSTCODE_KEY_SIZE 8 /* "SW1A1AA" */
#define VALID_LA_CODE_SIZE 10
#define VALID_DATE_ISO_SIZE 11 /* "2026-11-23" */

/* ---- text ---- */

/* Copies text without the spaces and tabs at either end into out. False (and out = "") when
 * the trimmed text does not fit in out_size bytes. */
bool valid_trim(const char *text, char *out, size_t out_size);
/* Trims text where it is, moving the rest to the start, so the pointer stays the same. */
char *valid_trim_in_place(char *text);
/* True when text holds something other than spaces and tabs. NULL counts as empty. */
bool valid_required(const char *text);
/* Characters (Unicode code points, not bytes) in a UTF-8 string. */
size_t valid_utf8_length(const char *text);

enum valid_length {
	VALID_LENGTH_OK = 0,
	VALID_LENGTH_TOO_SHORT,
	VALID_LENGTH_TOO_LONG,
};
/* Whether text, trimmed, has min to max characters (code points). */
enum valid_length valid_text_length(const char *text, size_t min, size_t max);

/* A one-line field: no line breaks, no control characters (tabs included). */
const char *valid_single_line(const char *text);
/* A text area: line breaks (LF, CR) and tabs are allowed, other control characters are not.
 * Everything else, markup and quotes included, is stored as typed and escaped on output. */
const char *valid_multiline(const char *text);

/* A value from a fixed list (a select or radios): true when it is one of allowed[0..n). */
bool valid_choice(const char *value, const char *const *allowed, size_t n);

/* ---- names ---- */

/* A person's first or last name: 1 to VALID_NAME_MAX characters of letters in any script
 * (with their combining accents), spaces, hyphens, apostrophes (' and ’) and full stops, with
 * at least one letter. out: the trimmed name. */
const char *valid_person_name(const char *text, char out[VALID_NAME_SIZE]);

/* ---- numbers ---- */

enum valid_int {
	VALID_INT_OK = 0,
	VALID_INT_EMPTY,
	VALID_INT_NOT_WHOLE, /* anything but digits (and a leading '-' when min < 0) */
	VALID_INT_TOO_SMALL,
	VALID_INT_TOO_LARGE, /* also when the digits overflow a long long */
};
/* A whole number from min to max. out (may be NULL) receives it when VALID_INT_OK. */
enum valid_int valid_int_range(const char *text, long long min, long long max, long long *out);

/* ---- dates ---- */

struct valid_date {
	int year, month, day; /* month 1-12, day 1-31 */
};

/* The GOV.UK three-field date (day, month and year boxes): each part digits, the year four
 * of them from 1900 to 2100, and a real calendar date. Messages name the field "Date". */
const char *valid_date(const char *day, const char *month, const char *year,
		       struct valid_date *out);
/* The same for a date of birth, with messages that say "Date of birth", which also must not
 * be after today (a baby born today can be referred). */
const char *valid_date_of_birth(const char *day, const char *month, const char *year,
				struct valid_date today, struct valid_date *out);
/* A single-field date "2026-11-23" (an HTML date input, or a configured bank holiday). */
const char *valid_date_parse_iso(const char *text, struct valid_date *out);
/* Writes "YYYY-MM-DD". */
void valid_date_to_iso(struct valid_date date, char out[VALID_DATE_ISO_SIZE]);
/* True when year, month and day make a real date in 1900-2100. */
bool valid_date_is_real(struct valid_date date);
/* <0, 0, >0 as a is before, the same as, or after b. */
int valid_date_compare(struct valid_date a, struct valid_date b);
/* True when date is today or earlier. */
bool valid_date_not_future(struct valid_date date, struct valid_date today);
/* Age in whole years on today; -1 when dob is after today. Someone born on 29 February
 * becomes a year older on 1 March in other years, as UK law counts it. */
int valid_age_years(struct valid_date dob, struct valid_date today);

/* ---- contact details ---- */

/* A pragmatic check, not RFC 5322: one '@', a local part of 1 to 64 bytes, a domain with a
 * dot and no empty labels, no spaces, at most 254 bytes. out: trimmed, the domain (the part
 * that is case-insensitive) lower-cased. */
const char *valid_email(const char *text, char out[VALID_EMAIL_SIZE]);
/* A UK phone number: digits with any spaces, hyphens and brackets, optionally starting +44
 * or 0044 (with or without a "(0)" after it). out: national format, 10 or 11 digits starting
 * 0 ("+44 (0)7700 900123" -> "07700900123"). */
const char *valid_uk_phone(const char *text, char out[VALID_PHONE_SIZE]);

/* ---- health ---- */

/* An NHS number: 10 digits, spaces or hyphens allowed between them, whose tenth digit is the
 * modulus 11 check digit of the first nine. out: the 10 digits. */
const char *valid_nhs_number(const char *text, char out[VALID_NHS_NUMBER_SIZE]);
/* A GP practice ODS code: a letter and five digits ("A81001"), any case. Only the GP
 * practice format: other ODS organisation codes (trusts, CCGs) are not GP details.
 * out: upper case. */
const char *valid_ods_code(const char *text, char out[VALID_ODS_CODE_SIZE]);

/* ---- places ---- */

/* A UK postcode in any case and spacing: A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA,
 * AA9A 9AA, or GIR 0AA. out: upper case with one space before the last three characters. */
const char *valid_postcode(const char *text, char out[VALID_POSTCODE_SIZE]);
/* The same check; out: upper case without spaces, the key of the postcode lookup table. */
const char *valid_postcode_key(const char *text, char out[VALID_POSTCODE_KEY_SIZE]);
/* An ONS local authority code: E, W, S or N and eight digits ("E06000001"), any case.
 * out: upper case. */
const char *valid_la_code(const char *text, char out[VALID_LA_CODE_SIZE]);

#endif
