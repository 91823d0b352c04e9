/* What the lists' filter forms share (the referral lists, the client list):
 * - the chosen filters as removable tags (MOJ Design System "filter a list"): each tag is a
 *   link to the same list without that one filter, every other filter kept and the page back
 *   to the first, so removing a filter works without JavaScript;
 * - the client's age from / to, read as a range of dates of birth. */
#ifndef REFERRALS_PAGES_LIST_FILTERS_H
#define REFERRALS_PAGES_LIST_FILTERS_H

#include <stddef.h>

#include "../http.h"
#include "../validate.h"

struct filter_tags {
	struct request *req;
	const char *path;	   /* the list's path without the base, e.g. "/clients" */
	const char *const *params; /* every filter parameter of the list's form */
	size_t param_count;
	int count; /* tags set so far */
};

/* Starts the tags of the list at path whose form has params. */
void filter_tags_begin(struct filter_tags *tags, struct request *req, const char *path,
		       const char *const *params, size_t param_count);

/* A tag "label: text" (label NULL: just text) for the filter param, when it (or one of its
 * parts: "from" has from_day, from_month, from_year) is in the query string. Sets
 * FilterTags.N.{Label,Text,Href} (Href keeps every other parameter) and FilterClear (the list
 * without any filter). */
void filter_tag(struct filter_tags *tags, const char *param, const char *label, const char *text);

/* The address of the list with every filter but skip and its parts (NULL: all of them), from
 * page 1. */
const char *filter_tags_href_without(const struct filter_tags *tags, const char *skip);

/* The text of the choice whose value is value among a select's choices <node>.N.{Value,Text}
 * (as forms.cs's select takes them); NULL when none is. */
const char *list_filter_choice_text(struct request *req, const char *node, const char *value);

/* The query's age_from and age_to (whole years, 0 to 130, from not above to) as dates of
 * birth on today: *born_on_or_before for an age from, *born_after for an age to (NULL when
 * not given). A value that makes no sense gets its message beside the field (form_error). */
void list_filter_ages(struct request *req, struct valid_date today, const char **born_on_or_before,
		      const char **born_after);

#endif
