/* What the lists' filter forms share: removable filter tags (links built from the query
 * string, one filter left out) and the age range. */
#include "list_filters.h"

#include <ClearSilver.h>
#include <string.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../render.h"
#include "pages.h"

void filter_tags_begin(struct filter_tags *tags, struct request *req, const char *path,
		       const char *const *params, size_t param_count)
{
	*tags = (struct filter_tags){ req, path, params, param_count, 0 };
}

/* Whether the form's parameter param belongs to the filter name: name itself, or one of its
 * parts ("from" has from_day, from_month and from_year). */
static bool part_of(const char *param, const char *name)
{
	size_t n = strlen(name);
	return strncmp(param, name, n) == 0 && (param[n] == '\0' || param[n] == '_');
}

const char *filter_tags_href_without(const struct filter_tags *tags, const char *skip)
{
	struct arena *a = tags->req->arena;
	const char *query = "";
	for (size_t i = 0; i < tags->param_count; i++) {
		if (skip != NULL && part_of(tags->params[i], skip))
			continue;
		query = page_query_add(a, query, tags->params[i],
				       http_query(tags->req, tags->params[i]));
	}
	return arena_printf(a, "%s%s%s%s", tags->req->config->base_path, tags->path,
			    query[0] ? "?" : "", query);
}

void filter_tag(struct filter_tags *tags, const char *param, const char *label, const char *text)
{
	bool chosen = false;
	for (size_t i = 0; i < tags->param_count; i++) {
		const char *value = http_query(tags->req, tags->params[i]);
		if (part_of(tags->params[i], param) && value != NULL && value[0] != '\0')
			chosen = true;
	}
	if (!chosen || text == NULL || text[0] == '\0')
		return;
	struct arena *a = tags->req->arena;
	const char *node = arena_printf(a, "FilterTags.%d", tags->count++);
	if (label != NULL)
		view_set_field(tags->req, node, "Label", label);
	view_set_field(tags->req, node, "Text", text);
	view_set_field(tags->req, node, "Href", filter_tags_href_without(tags, param));
	view_set(tags->req, "FilterClear",
		 arena_printf(a, "%s%s", tags->req->config->base_path, tags->path));
}

const char *list_filter_choice_text(struct request *req, const char *node, const char *value)
{
	HDF *choices = hdf_get_obj(view_data(req), node);
	for (HDF *c = choices != NULL ? hdf_obj_child(choices) : NULL; c; c = hdf_obj_next(c))
		if (value != NULL && value[0] != '\0' &&
		    strcmp(hdf_get_value(c, "Value", ""), value) == 0)
			return hdf_get_value(c, "Text", "");
	return NULL;
}

static const char *iso_of(struct arena *arena, struct valid_date d)
{
	return arena_printf(arena, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* The date years before d (29 February → 28 February). */
static struct valid_date years_before(struct valid_date d, int years)
{
	d.year -= years;
	if (d.month == 2 && d.day == 29 &&
	    !((d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0))
		d.day = 28;
	return d;
}

void list_filter_ages(struct request *req, struct valid_date today, const char **born_on_or_before,
		      const char **born_after)
{
	struct arena *a = req->arena;
	long long age_from = -1, age_to = -1;
	const char *age_from_text = page_query_text(req, "age_from");
	const char *age_to_text = page_query_text(req, "age_to");
	if (age_from_text[0] != '\0' &&
	    valid_int_range(age_from_text, 0, 130, &age_from) != VALID_INT_OK) {
		form_error(req, "age_from",
			   "Age from must be a whole number of years from 0 to 130");
		age_from = -1;
	}
	if (age_to_text[0] != '\0' &&
	    valid_int_range(age_to_text, 0, 130, &age_to) != VALID_INT_OK) {
		form_error(req, "age_to", "Age to must be a whole number of years from 0 to 130");
		age_to = -1;
	}
	if (age_from >= 0 && age_to >= 0 && age_from > age_to)
		form_error(req, "age_to", "Age to must be the same as or more than age from");
	*born_on_or_before = age_from >= 0 ? iso_of(a, years_before(today, (int)age_from)) : NULL;
	*born_after = age_to >= 0 ? iso_of(a, years_before(today, (int)age_to + 1)) : NULL;
}
