/* A form as a table of fields, in the spirit of kcgi's keys[]: each entity's form (a client's
 * details and address, consent, an organisation) is one static array of field descriptors,
 * read and checked by one function, so a field's label, length, requirement and messages
 * have one home however many pages show the form. Pure: no request, no view; form.c puts the
 * result on the page (form_fields_show). */
#ifndef REFERRALS_FORM_FIELDS_H
#define REFERRALS_FORM_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "request.h"

struct form_field;

/* A check of a non-empty, trimmed value: NULL when it is acceptable, having replaced *value
 * by what to store when that differs (a normalised phone number); otherwise the message for
 * the user, in the arena or a constant. */
typedef const char *form_check_fn(struct arena *arena, const struct form_field *field,
				  const char **value);

struct form_field {
	const char *name;	    /* as posted, and Form.<name> on the page */
	const char *label;	    /* names the field in messages: "Town or city" */
	form_check_fn *check;	    /* NULL: any text (but see max_length) */
	size_t max_length;	    /* characters (code points); 0: no limit beyond the check's */
	bool required;		    /* empty is refused with `missing` */
	const char *missing;	    /* when required (or made so by a rule of the page) and empty */
	const char *invalid;	    /* form_check_option and page rules: a value not offered */
	bool repeated;		    /* checkboxes: every value is read (form_read.lists) */
	const char *const *options; /* form_check_option: the values offered, NULL-terminated */
	long long min, max;	    /* form_check_whole_number: the bounds */
	const char *example;	    /* form_check_whole_number: "like 25" */
};

struct form_problem {
	size_t index;	   /* the table entry it belongs to: the summary follows the table */
	const char *field; /* the error's anchor: usually the entry's name ("dob" for a date) */
	const char *message;
};

/* What was read, by table index. */
struct form_read {
	struct arena *arena;
	const struct form_field *fields;
	size_t count;
	const char **typed;  /* trimmed as sent, "" when absent: what the page shows again */
	const char **values; /* what to store: normalised; "" when empty or refused */
	const char ***lists; /* repeated fields: every value sent, NULL-terminated (else NULL) */
	size_t *list_counts;
	struct form_problem *problems;
	size_t problem_count, problem_capacity;
};

/* Reads every field of the table from source (a request's form, a draft's values), trims
 * it, and checks it: required, then max_length, then the check. Names not in the table are
 * ignored. */
void form_fields_read(struct arena *arena, const struct req_fields *source,
		      const struct form_field *fields, size_t count, struct form_read *out);
/* Adds a problem of the page's own rules to entry i; field NULL: the entry's name. The
 * entry's value is no longer stored. */
void form_fields_refuse(struct form_read *r, size_t i, const char *field, const char *message);
/* For an entry a rule of the page makes required: its missing message when it is empty.
 * True when it has a value. */
bool form_fields_require(struct form_read *r, size_t i);
/* Forgets entry i's value and problems: it does not apply (a description for a gender that
 * asks for none). What was typed is still shown. */
void form_fields_drop(struct form_read *r, size_t i);
/* True when entry i has a problem. */
bool form_fields_refused(const struct form_read *r, size_t i);
/* True when nothing was refused. */
bool form_fields_ok(const struct form_read *r);
/* The problems in the order of the table (the order of the page), stable within an entry. */
void form_fields_sort(struct form_read *r);
/* True when entry i was sent with value among its repeated values. */
bool form_fields_has(const struct form_read *r, size_t i, const char *value);

/* The names of the table's fields, in order (in the arena). */
const char *const *form_fields_names(struct arena *arena, const struct form_field *fields,
				     size_t count);

/* ---- checks for the table (validate.c's validators with the form's messages) ---- */

/* One line; a line break or control character: "<Label>: Remove the line breaks ...". */
form_check_fn form_check_line;
/* One line; otherwise "<Label> must be on one line". */
form_check_fn form_check_one_line;
/* One line; otherwise "<Label> must be on one line, without special characters". */
form_check_fn form_check_plain_line;
/* Line breaks allowed; otherwise "<Label> must not contain special characters". */
form_check_fn form_check_plain_text;
/* A person's name: validate's messages with the label for "Name" ("Last name must ..."). */
form_check_fn form_check_person_name;
form_check_fn form_check_email;	   /* stored with the domain lower-cased */
form_check_fn form_check_uk_phone; /* stored as national digits */
form_check_fn form_check_nhs_number;
form_check_fn form_check_ods_code;
form_check_fn form_check_postcode; /* stored as "LS1 1UR" */
/* A whole number from min to max (stored as digits); messages name the example. */
form_check_fn form_check_whole_number;
/* One of options; otherwise the field's invalid message. */
form_check_fn form_check_option;

#endif
