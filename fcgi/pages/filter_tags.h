/* The chosen filters of a list as removable tags (MOJ Design System "filter a list"): each
 * tag is a link to the same list without that one filter, every other filter kept and the
 * page back to the first, so removing a filter works without JavaScript. */
#ifndef REFERRALS_PAGES_FILTER_TAGS_H
#define REFERRALS_PAGES_FILTER_TAGS_H

#include <stddef.h>

#include "../http.h"

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

/* A tag "label: text" (label NULL: just text) for the filter param, when it is in the query
 * string. Sets FilterTags.N.{Label,Text,Href} (Href keeps every other parameter) and FilterClear
 * (the list without any filter). */
void filter_tag(struct filter_tags *tags, const char *param, const char *label, const char *text);

/* The address of the list with every filter but skip (NULL: all of them), from page 1. */
const char *filter_tags_href_without(const struct filter_tags *tags, const char *skip);

#endif
