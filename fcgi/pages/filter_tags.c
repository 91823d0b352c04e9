/* Removable filter tags of a list: links built from the query string, one filter left out. */
#include "filter_tags.h"

#include <string.h>

#include "../arena.h"
#include "../config.h"
#include "../render.h"
#include "pages.h"

void filter_tags_begin(struct filter_tags *tags, struct request *req, const char *path,
		       const char *const *params, size_t param_count)
{
	*tags = (struct filter_tags){ req, path, params, param_count, 0 };
}

const char *filter_tags_href_without(const struct filter_tags *tags, const char *skip)
{
	struct arena *a = tags->req->arena;
	const char *query = "";
	for (size_t i = 0; i < tags->param_count; i++) {
		if (skip != NULL && strcmp(tags->params[i], skip) == 0)
			continue;
		query = page_query_add(a, query, tags->params[i],
				       http_query(tags->req, tags->params[i]));
	}
	return arena_printf(a, "%s%s%s%s", tags->req->config->base_path, tags->path,
			    query[0] ? "?" : "", query);
}

void filter_tag(struct filter_tags *tags, const char *param, const char *label, const char *text)
{
	const char *value = http_query(tags->req, param);
	if (value == NULL || value[0] == '\0' || text == NULL || text[0] == '\0')
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
