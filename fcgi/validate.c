/* Field validators: pure checks and normalisation of what people type into forms, with the
 * GOV.UK-style messages the pages show beside the fields. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "validate.h"

#include <limits.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ASCII only on purpose: the codes and postcodes checked here are ASCII, and the C library's
 * toupper() depends on the locale. */
static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static char to_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The text without blanks at either end, as a start and a length (no copy). */
static const char *trimmed_span(const char *text, size_t *len)
{
	if (text == NULL) {
		*len = 0;
		return "";
	}
	while (is_blank(*text))
		text++;
	size_t n = strlen(text);
	while (n > 0 && is_blank(text[n - 1]))
		n--;
	*len = n;
	return text;
}

static bool all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

static size_t utf8_length_n(const char *s, size_t len)
{
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80) /* every byte but continuation bytes */
			count++;
	return count;
}

static void copy_out(char *out, const char *s, size_t len)
{
	if (out == NULL)
		return;
	memcpy(out, s, len);
	out[len] = '\0';
}

/* ---- text ---- */

bool valid_trim(const char *text, char *out, size_t out_size)
{
	size_t len;
	const char *start = trimmed_span(text, &len);
	if (out_size == 0)
		return false;
	if (len >= out_size) {
		out[0] = '\0';
		return false;
	}
	copy_out(out, start, len);
	return true;
}

char *valid_trim_in_place(char *text)
{
	size_t len;
	const char *start = trimmed_span(text, &len);
	if (text == NULL)
		return NULL;
	memmove(text, start, len);
	text[len] = '\0';
	return text;
}

bool valid_required(const char *text)
{
	size_t len;
	trimmed_span(text, &len);
	return len > 0;
}

size_t valid_utf8_length(const char *text)
{
	return text == NULL ? 0 : utf8_length_n(text, strlen(text));
}

enum valid_length valid_text_length(const char *text, size_t min, size_t max)
{
	size_t len;
	const char *start = trimmed_span(text, &len);
	size_t chars = utf8_length_n(start, len);
	if (chars < min)
		return VALID_LENGTH_TOO_SHORT;
	if (chars > max)
		return VALID_LENGTH_TOO_LONG;
	return VALID_LENGTH_OK;
}

/* Control characters are C0 (below space), DEL and C1 (U+0080-U+009F, which UTF-8 spells
 * C2 80 to C2 9F). None can be typed into a form; they arrive from pasted documents or
 * crafted requests and would corrupt exports and logs. In UTF-8, bytes below 0x80 never occur
 * inside a multi-byte character, so a byte scan is exact. */
static const char *find_control(const char *s, bool multiline)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (multiline && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return s;
		if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F)
			return s;
		/* U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR break lines too */
		if (!multiline && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9))
			return s;
	}
	return NULL;
}

const char *valid_single_line(const char *text)
{
	if (text != NULL && find_control(text, false) != NULL)
		return "Remove the line breaks and special characters";
	return NULL;
}

/* Tabs are allowed in a text area although they are control characters: people paste notes
 * from documents and spreadsheets, and refusing an invisible character would baffle them. */
const char *valid_multiline(const char *text)
{
	if (text != NULL && find_control(text, true) != NULL)
		return "Remove the special characters";
	return NULL;
}

bool valid_choice(const char *value, const char *const *allowed, size_t n)
{
	if (value == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (allowed[i] != NULL && strcmp(value, allowed[i]) == 0)
			return true;
	return false;
}

/* ---- names ---- */

/* Unicode properties need PCRE2 (UTF + UCP): letters (\p{L}) of every script and combining
 * marks (\p{M}), so "Nguyễn" passes whether its accents are precomposed or combining. The
 * patterns are compiled on first use and kept for the life of the worker. */
static const pcre2_code *name_pattern(bool letter)
{
	static pcre2_code *allowed_code, *letter_code;
	pcre2_code **slot = letter ? &letter_code : &allowed_code;
	if (*slot == NULL) {
		const char *pattern = letter ? "\\p{L}" : "\\A[\\p{L}\\p{M} .'\\x{2019}-]+\\z";
		int error;
		PCRE2_SIZE offset;
		*slot = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_UCP, &error, &offset, NULL);
		if (*slot == NULL)
			abort(); /* a constant pattern: the unit tests catch a broken one */
	}
	return *slot;
}

static bool name_matches(bool letter, const char *s, size_t len)
{
	const pcre2_code *code = name_pattern(letter);
	pcre2_match_data *match = pcre2_match_data_create_from_pattern(code, NULL);
	if (match == NULL)
		abort();
	/* a negative result (no match, or bad UTF-8 should a caller skip the check) rejects */
	int rc = pcre2_match(code, (PCRE2_SPTR)s, len, 0, 0, match, NULL);
	pcre2_match_data_free(match);
	return rc >= 0;
}

const char *valid_person_name(const char *text, char out[VALID_NAME_SIZE])
{
	size_t len;
	const char *name = trimmed_span(text, &len);
	if (len == 0)
		return "Enter a name";
	if (utf8_length_n(name, len) > VALID_NAME_MAX)
		return "Name must be 100 characters or fewer";
	if (!name_matches(false, name, len))
		return "Name must only include letters, spaces, hyphens, apostrophes and "
		       "full stops";
	if (!name_matches(true, name, len))
		return "Name must include a letter";
	copy_out(out, name, len);
	return NULL;
}

/* ---- numbers ---- */

enum valid_int valid_int_range(const char *text, long long min, long long max, long long *out)
{
	size_t len;
	const char *s = trimmed_span(text, &len);
	if (len == 0)
		return VALID_INT_EMPTY;
	bool negative = false;
	if (s[0] == '-' && min < 0) {
		negative = true;
		s++;
		len--;
	}
	if (len == 0 || !all_digits(s, len))
		return VALID_INT_NOT_WHOLE;
	/* the magnitude in unsigned arithmetic, so LLONG_MIN's is representable */
	unsigned long long limit = negative ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	unsigned long long magnitude = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned digit = (unsigned)(s[i] - '0');
		if (magnitude > (limit - digit) / 10)
			return negative ? VALID_INT_TOO_SMALL : VALID_INT_TOO_LARGE;
		magnitude = magnitude * 10 + digit;
	}
	long long value;
	if (negative)
		value = magnitude == limit ? LLONG_MIN : -(long long)magnitude;
	else
		value = (long long)magnitude;
	if (value < min)
		return VALID_INT_TOO_SMALL;
	if (value > max)
		return VALID_INT_TOO_LARGE;
	if (out != NULL)
		*out = value;
	return VALID_INT_OK;
}

/* ---- dates ---- */

#define YEAR_MIN 1900
#define YEAR_MAX 2100

static bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

bool valid_date_is_real(struct valid_date date)
{
	return date.year >= YEAR_MIN && date.year <= YEAR_MAX && date.month >= 1 &&
	       date.month <= 12 && date.day >= 1 &&
	       date.day <= days_in_month(date.year, date.month);
}

int valid_date_compare(struct valid_date a, struct valid_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

bool valid_date_not_future(struct valid_date date, struct valid_date today)
{
	return valid_date_compare(date, today) <= 0;
}

int valid_age_years(struct valid_date dob, struct valid_date today)
{
	if (valid_date_compare(dob, today) > 0)
		return -1;
	int age = today.year - dob.year;
	/* not yet had this year's birthday; 29 February is after 28 February, so a leap-day
	 * birthday comes on 1 March in other years */
	if (today.month < dob.month || (today.month == dob.month && today.day < dob.day))
		age--;
	return age;
}

void valid_date_to_iso(struct valid_date date, char out[VALID_DATE_ISO_SIZE])
{
	snprintf(out, VALID_DATE_ISO_SIZE, "%04d-%02d-%02d", date.year, date.month, date.day);
}

/* What can be wrong with a date, in the order the GOV.UK pattern checks it. */
enum date_problem {
	DATE_OK = 0,
	DATE_MISSING_DAY,
	DATE_MISSING_MONTH,
	DATE_MISSING_DAY_MONTH,
	DATE_MISSING_YEAR,
	DATE_MISSING_DAY_YEAR,
	DATE_MISSING_MONTH_YEAR,
	DATE_EMPTY, /* the missing ones are a bit mask: day 1, month 2, year 4 */
	DATE_NOT_REAL,
	DATE_YEAR_DIGITS,
	DATE_YEAR_RANGE,
	DATE_FUTURE,
	DATE_ISO_FORMAT,
	DATE__MAX
};

/* The messages for a plain date and for a date of birth, indexed by problem. */
static const char *const date_messages[DATE__MAX] = {
	[DATE_MISSING_DAY] = "Date must include a day",
	[DATE_MISSING_MONTH] = "Date must include a month",
	[DATE_MISSING_DAY_MONTH] = "Date must include a day and month",
	[DATE_MISSING_YEAR] = "Date must include a year",
	[DATE_MISSING_DAY_YEAR] = "Date must include a day and year",
	[DATE_MISSING_MONTH_YEAR] = "Date must include a month and year",
	[DATE_EMPTY] = "Enter a date",
	[DATE_NOT_REAL] = "Date must be a real date",
	[DATE_YEAR_DIGITS] = "Year must include 4 numbers",
	[DATE_YEAR_RANGE] = "Year must be between 1900 and 2100",
	[DATE_FUTURE] = "Date must be today or in the past",
	[DATE_ISO_FORMAT] = "Enter a date in the format YYYY-MM-DD, like 2026-12-25",
};

static const char *const dob_messages[DATE__MAX] = {
	[DATE_MISSING_DAY] = "Date of birth must include a day",
	[DATE_MISSING_MONTH] = "Date of birth must include a month",
	[DATE_MISSING_DAY_MONTH] = "Date of birth must include a day and month",
	[DATE_MISSING_YEAR] = "Date of birth must include a year",
	[DATE_MISSING_DAY_YEAR] = "Date of birth must include a day and year",
	[DATE_MISSING_MONTH_YEAR] = "Date of birth must include a month and year",
	[DATE_EMPTY] = "Enter a date of birth",
	[DATE_NOT_REAL] = "Date of birth must be a real date",
	[DATE_YEAR_DIGITS] = "Year must include 4 numbers",
	[DATE_YEAR_RANGE] = "Year must be between 1900 and 2100",
	[DATE_FUTURE] = "Date of birth must be today or in the past",
	[DATE_ISO_FORMAT] = "Enter a date of birth in the format YYYY-MM-DD, like 1990-03-15",
};

static int parse_digits(const char *s, size_t len)
{
	int value = 0;
	for (size_t i = 0; i < len; i++)
		value = value * 10 + (s[i] - '0');
	return value;
}

static enum date_problem check_date_parts(const char *day, const char *month, const char *year,
					  struct valid_date *date)
{
	size_t day_len, month_len, year_len;
	day = trimmed_span(day, &day_len);
	month = trimmed_span(month, &month_len);
	year = trimmed_span(year, &year_len);

	int missing = (day_len == 0 ? 1 : 0) | (month_len == 0 ? 2 : 0) | (year_len == 0 ? 4 : 0);
	if (missing != 0)
		return (enum date_problem)missing;
	/* two digits at most for day and month keep parse_digits far from overflow */
	if (!all_digits(day, day_len) || !all_digits(month, month_len) || day_len > 2 ||
	    month_len > 2)
		return DATE_NOT_REAL;
	if (!all_digits(year, year_len))
		return DATE_NOT_REAL;
	if (year_len != 4)
		return DATE_YEAR_DIGITS;
	date->day = parse_digits(day, day_len);
	date->month = parse_digits(month, month_len);
	date->year = parse_digits(year, year_len);
	if (date->year < YEAR_MIN || date->year > YEAR_MAX)
		return DATE_YEAR_RANGE;
	if (!valid_date_is_real(*date))
		return DATE_NOT_REAL;
	return DATE_OK;
}

const char *valid_date(const char *day, const char *month, const char *year, struct valid_date *out)
{
	struct valid_date date;
	enum date_problem problem = check_date_parts(day, month, year, &date);
	if (problem != DATE_OK)
		return date_messages[problem];
	if (out != NULL)
		*out = date;
	return NULL;
}

const char *valid_date_of_birth(const char *day, const char *month, const char *year,
				struct valid_date today, struct valid_date *out)
{
	struct valid_date date;
	enum date_problem problem = check_date_parts(day, month, year, &date);
	if (problem == DATE_OK && !valid_date_not_future(date, today))
		problem = DATE_FUTURE;
	if (problem != DATE_OK)
		return dob_messages[problem];
	if (out != NULL)
		*out = date;
	return NULL;
}

const char *valid_date_parse_iso(const char *text, struct valid_date *out)
{
	size_t len;
	const char *s = trimmed_span(text, &len);
	if (len == 0)
		return date_messages[DATE_EMPTY];
	if (len != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) || !all_digits(s + 5, 2) ||
	    !all_digits(s + 8, 2))
		return date_messages[DATE_ISO_FORMAT];
	struct valid_date date = {
		.year = parse_digits(s, 4),
		.month = parse_digits(s + 5, 2),
		.day = parse_digits(s + 8, 2),
	};
	if (date.year < YEAR_MIN || date.year > YEAR_MAX)
		return date_messages[DATE_YEAR_RANGE];
	if (!valid_date_is_real(date))
		return date_messages[DATE_NOT_REAL];
	if (out != NULL)
		*out = date;
	return NULL;
}

/* ---- contact details ---- */

#define EMAIL_MAX 254 /* RFC 5321: the longest path, less its angle brackets */
#define EMAIL_LOCAL_MAX 64
#define EMAIL_LABEL_MAX 63

static const char *const email_format_message =
	"Enter an email address in the correct format, like name@example.com";

/* The local part is checked loosely (mail servers accept far more than forms see), but the
 * characters that delimit addresses are refused: an address that contains them is a typo or
 * a list, and could not be put in a header as typed. */
static bool email_local_ok(const char *s, size_t len)
{
	if (len == 0 || len > EMAIL_LOCAL_MAX || s[0] == '.' || s[len - 1] == '.')
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7F || strchr("()<>[]\\,;:\"", c) != NULL)
			return false;
		if (c == '.' && s[i + 1] == '.')
			return false;
	}
	return true;
}

/* Labels of letters, digits and hyphens (not at either end), or any non-ASCII character for
 * internationalised domains; at least two labels, the last of two characters or more. */
static bool email_domain_ok(const char *s, size_t len)
{
	size_t labels = 0, label_len = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (label_len == 0 || label_len > EMAIL_LABEL_MAX ||
			    s[i - label_len] == '-' || s[i - 1] == '-')
				return false;
			labels++;
			if (i == len && utf8_length_n(s + i - label_len, label_len) < 2)
				return false;
			label_len = 0;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (!(c >= 0x80 || is_alpha((char)c) || is_digit((char)c) || c == '-'))
			return false;
		label_len++;
	}
	return labels >= 2;
}

const char *valid_email(const char *text, char out[VALID_EMAIL_SIZE])
{
	size_t len;
	const char *s = trimmed_span(text, &len);
	if (len == 0)
		return "Enter an email address";
	if (len > EMAIL_MAX)
		return "Email address must be 254 characters or fewer";
	const char *at = memchr(s, '@', len);
	if (at == NULL || memchr(at + 1, '@', len - (size_t)(at - s) - 1) != NULL)
		return email_format_message;
	size_t local_len = (size_t)(at - s);
	size_t domain_len = len - local_len - 1;
	if (!email_local_ok(s, local_len) || !email_domain_ok(at + 1, domain_len))
		return email_format_message;
	if (out != NULL) {
		copy_out(out, s, len);
		/* the domain is case-insensitive, the local part belongs to its server */
		for (size_t i = local_len + 1; i < len; i++)
			out[i] = to_lower(out[i]);
	}
	return NULL;
}

#define PHONE_DIGITS_MAX 16 /* more than any UK number with its prefix: the rest is junk */

const char *valid_uk_phone(const char *text, char out[VALID_PHONE_SIZE])
{
	static const char *const format_message =
		"Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192";
	size_t len;
	const char *s = trimmed_span(text, &len);
	if (len == 0)
		return "Enter a phone number";

	char digits[PHONE_DIGITS_MAX + 1];
	size_t count = 0;
	bool plus = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (is_digit(c)) {
			if (count == PHONE_DIGITS_MAX)
				return format_message;
			digits[count++] = c;
		} else if (c == '+' && i == 0) {
			plus = true;
		} else if (c != ' ' && c != '-' && c != '(' && c != ')') {
			return format_message;
		}
	}
	digits[count] = '\0';

	/* +44 and 0044 are the international forms of the UK's country code; what follows is
	 * the national number without its leading 0, though people often keep it as "(0)" */
	const char *national = digits;
	bool international = false;
	if (plus) {
		if (strncmp(digits, "44", 2) != 0)
			return "Enter a UK phone number, starting 0 or +44";
		national += 2;
		international = true;
	} else if (strncmp(digits, "0044", 4) == 0) {
		national += 4;
		international = true;
	}
	char normalised[PHONE_DIGITS_MAX + 2];
	if (international && national[0] != '0') {
		normalised[0] = '0';
		strcpy(normalised + 1, national);
	} else {
		strcpy(normalised, national);
	}
	size_t n = strlen(normalised);
	if (n < 10 || n > 11 || normalised[0] != '0' || normalised[1] == '0')
		return format_message;
	copy_out(out, normalised, n);
	return NULL;
}

/* ---- health ---- */

static const char *const nhs_format_message =
	"Enter an NHS number in the correct format, like 485 777 3456";

const char *valid_nhs_number(const char *text, char out[VALID_NHS_NUMBER_SIZE])
{
	size_t len;
	const char *s = trimmed_span(text, &len);
	if (len == 0)
		return "Enter an NHS number";
	char digits[10];
	size_t count = 0;
	bool after_separator = false;
	for (size_t i = 0; i < len; i++) {
		if (is_digit(s[i])) {
			if (count == 10)
				return nhs_format_message;
			digits[count++] = s[i];
			after_separator = false;
		} else if ((s[i] == ' ' || s[i] == '-') && count > 0) {
			after_separator = true; /* fine if a digit follows */
		} else {
			return nhs_format_message;
		}
	}
	if (count != 10 || after_separator)
		return nhs_format_message;

	/* modulus 11 (NHS Data Dictionary): weights 10 down to 2 over the first nine digits;
	 * the check digit is 11 minus the remainder, 11 means 0 and 10 means no such number */
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (digits[i] - '0') * (10 - i);
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	/* ten of the same digit pass modulus 11 (e.g. 0000000000), but are placeholders people
	 * type when they do not know the number, never a real one */
	bool repeated = memcmp(digits, digits + 1, 9) == 0;
	if (check == 10 || check != digits[9] - '0' || repeated)
		return "Enter a real NHS number – check each digit";
	copy_out(out, digits, 10);
	return NULL;
}

const char *valid_ods_code(const char *text, char out[VALID_ODS_CODE_SIZE])
{
	size_t len;
	const char *s = trimmed_span(text, &len);
	if (len == 0)
		return "Enter a GP practice code";
	if (len != 6 || !is_alpha(s[0]) || !all_digits(s + 1, 5))
		return "Enter a GP practice code in the correct format, like A81001";
	if (out != NULL) {
		out[0] = to_upper(s[0]);
		memcpy(out + 1, s + 1, 5);
		out[6] = '\0';
	}
	return NULL;
}

/* ---- places ---- */

/* The outward code (before the space) in one of its six shapes: A9, A99, A9A, AA9, AA99,
 * AA9A (A a letter, 9 a digit); s is upper case. */
static bool postcode_outward_ok(const char *s, size_t len)
{
	switch (len) {
	case 2:
		return is_alpha(s[0]) && is_digit(s[1]);
	case 3: /* A99, A9A, AA9 */
		return is_alpha(s[0]) && ((is_digit(s[1]) && (is_digit(s[2]) || is_alpha(s[2]))) ||
					  (is_alpha(s[1]) && is_digit(s[2])));
	case 4: /* AA99, AA9A */
		return is_alpha(s[0]) && is_alpha(s[1]) && is_digit(s[2]) &&
		       (is_digit(s[3]) || is_alpha(s[3]));
	default:
		return false;
	}
}

/* The postcode upper-cased without spaces into key (VALID_POSTCODE_KEY_SIZE); NULL or the
 * message. */
static const char *postcode_compact(const char *text, char *key)
{
	size_t len;
	const char *s = trimmed_span(text, &len);
	if (len == 0)
		return "Enter a postcode";
	static const char *const format_message = "Enter a full UK postcode, like SW1A 1AA";
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ')
			continue;
		if (n == VALID_POSTCODE_KEY_SIZE - 1)
			return format_message;
		key[n++] = to_upper(s[i]);
	}
	key[n] = '\0';
	if (strcmp(key, "GIR0AA") == 0) /* Girobank's, from before the format */
		return NULL;
	if (n < 5)
		return format_message;
	const char *inward = key + n - 3;
	if (!postcode_outward_ok(key, n - 3) || !is_digit(inward[0]) || !is_alpha(inward[1]) ||
	    !is_alpha(inward[2]))
		return format_message;
	return NULL;
}

const char *valid_postcode(const char *text, char out[VALID_POSTCODE_SIZE])
{
	char key[VALID_POSTCODE_KEY_SIZE];
	const char *message = postcode_compact(text, key);
	if (message != NULL)
		return message;
	if (out != NULL) {
		size_t n = strlen(key);
		memcpy(out, key, n - 3);
		out[n - 3] = ' ';
		memcpy(out + n - 2, key + n - 3, 4);
	}
	return NULL;
}

const char *valid_postcode_key(const char *text, char out[VALID_POSTCODE_KEY_SIZE])
{
	char key[VALID_POSTCODE_KEY_SIZE];
	const char *message = postcode_compact(text, key);
	if (message == NULL && out != NULL)
		memcpy(out, key, sizeof key);
	return message;
}

const char *valid_la_code(const char *text, char out[VALID_LA_CODE_SIZE])
{
	size_t len;
	const char *s = trimmed_span(text, &len);
	if (len == 0)
		return "Enter a local authority code";
	/* England, Wales, Scotland, Northern Ireland: the GSS codes the ONS publishes */
	char nation = to_upper(s[0]);
	if (len != 9 || memchr("EWSN", nation, 4) == NULL || !all_digits(s + 1, 8))
		return "Enter a local authority code in the correct format, like E06000001";
	if (out != NULL) {
		out[0] = nation;
		memcpy(out + 1, s + 1, 8);
		out[9] = '\0';
	}
	return NULL;
}
