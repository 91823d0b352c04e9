/* Form plumbing shared by every page with a form. */
#include "form.h"

#include <ClearSilver.h>
#include <string.h>

#include "arena.h"
#include "render.h"

const char *form_text(struct request *req, const char *name)
{
	const char *value = http_form(req, name);
	if (value == NULL)
		value = "";
	while (*value == ' ' || *value == '\t' || *value == '\r' || *value == '\n')
		value++;
	size_t len = strlen(value);
	while (len > 0 && strchr(" \t\r\n", value[len - 1]) != NULL)
		len--;
	const char *trimmed = arena_strndup(req->arena, value, len);
	form_keep(req, name, trimmed);
	return trimmed;
}

bool form_checked(struct request *req, const char *name)
{
	bool checked = http_form(req, name) != NULL;
	if (checked)
		form_keep(req, name, "1");
	return checked;
}

const char **form_values(struct request *req, const char *name, size_t *count)
{
	const struct req_fields *fields = &req->form;
	const char **values = arena_alloc(req->arena, (fields->count + 1) * sizeof *values);
	*count = 0;
	for (size_t i = 0; i < fields->count; i++) {
		if (strcmp(fields->items[i].name, name) != 0)
			continue;
		values[(*count)++] = fields->items[i].value;
		/* as the checkboxes macro reads them: Form.<name>.0, Form.<name>.1, ... */
		view_set(req, arena_printf(req->arena, "Form.%s.%zu", name, *count - 1),
			 fields->items[i].value);
	}
	values[*count] = NULL;
	return values;
}

void form_error(struct request *req, const char *field, const char *message)
{
	view_add_error(req, field, message);
}

bool form_has_errors(const struct request *req)
{
	if (req->view == NULL)
		return false;
	HDF *errors = hdf_get_obj(req->view, "Errors");
	return errors != NULL && hdf_obj_child(errors) != NULL;
}

void form_keep(struct request *req, const char *name, const char *value)
{
	view_set(req, arena_printf(req->arena, "Form.%s", name), value ? value : "");
}

bool form_fields_show(struct request *req, struct form_read *read)
{
	for (size_t i = 0; i < read->count; i++) {
		const char *name = read->fields[i].name;
		if (!read->fields[i].repeated) {
			form_keep(req, name, read->typed[i]);
			continue;
		}
		/* as the checkboxes macro reads them: Form.<name>.0, Form.<name>.1, ... */
		for (size_t k = 0; k < read->list_counts[i]; k++)
			view_set(req, arena_printf(req->arena, "Form.%s.%zu", name, k),
				 read->lists[i][k]);
	}
	return form_fields_errors(req, read);
}

bool form_fields_errors(struct request *req, struct form_read *read)
{
	form_fields_sort(read);
	for (size_t k = 0; k < read->problem_count; k++)
		form_error(req, read->problems[k].field, read->problems[k].message);
	return form_fields_ok(read);
}
