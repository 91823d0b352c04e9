/* Pages from ClearSilver templates: the template cache, the data every page gets (App.*,
 * User.*, Csrf), and the error pages. All output is HTML-escaped by default. */
#ifndef REFERRALS_RENDER_H
#define REFERRALS_RENDER_H

#include <stdbool.h>

#include "http.h"

/* Reads every template under dir into memory; false when a template cannot be read. */
bool view_load_templates(const char *dir);
void view_free_templates(void);

/* Template data for this request, created on first use. */
struct _hdf *view_data(struct request *req);
void view_set(struct request *req, const char *name, const char *value);

/* One choice of a select: value and text are escaped when written. */
struct view_option {
	const char *value;
	const char *text;
};
/* Sets name to the HTML of a select's <option>s, the one whose value equals selected (NULL:
 * none) marked selected, every value and text HTML-escaped here. For selects of hundreds of
 * choices (the 500 organisations of a list's filters): one buffer instead of two template
 * nodes and a loop step per choice, which cost more than the page's queries. The template
 * writes it with uvar: (components/forms.cs, select_options). */
void view_set_options(struct request *req, const char *name, const struct view_option *options,
		      size_t count, const char *selected);
void view_set_int(struct request *req, const char *name, long long value);
/* <prefix>.<field>: one field of a row or record ("Staff.3" and "Name"). */
void view_set_field(struct request *req, const char *prefix, const char *field, const char *value);
void view_set_field_int(struct request *req, const char *prefix, const char *field,
			long long value);
/* A node of the template data, to set many values below it: each set then walks from the
 * node, not from the root, and needs no formatted name. Rows of a list are items of one node:
 *   struct _hdf *row = view_item(view_node(req, "Rows"), i);
 *   view_node_set(row, "Client", name);   (Rows.<i>.Client) */
struct _hdf *view_node(struct request *req, const char *name);
struct _hdf *view_item(struct _hdf *list, size_t index);
void view_node_set(struct _hdf *node, const char *name, const char *value);
void view_node_set_int(struct _hdf *node, const char *name, long long value);
/* A field error: goes to the summary (Errors.N) and beside the field (ErrorFor.<field>). */
void view_add_error(struct request *req, const char *field, const char *message);
/* Renders template inside the layout with the given status and page title. */
void view_render(struct request *req, int status, const char *template, const char *title);
/* The error page for status, with message (or the standard one for that status). */
void view_error(struct request *req, int status, const char *message);
/* Frees the request's template data. */
void view_end_request(struct request *req);

/* The page title and explanation used for an error status. */
const char *view_error_title(int status);

#endif
