/* Reading a form through its table of fields: trim, required, length, check; and the checks
 * the tables name, which give validate.c's verdicts the form's wording. */
#include "form_fields.h"

#include <string.h>

#include "validate.h"

/* value without spaces, tabs and line breaks at either end, in the arena */
static const char *trim(struct arena *arena, const char *value)
{
	while (*value != '\0' && strchr(" \t\r\n", *value) != NULL)
		value++;
	size_t len = strlen(value);
	while (len > 0 && strchr(" \t\r\n", value[len - 1]) != NULL)
		len--;
	return arena_strndup(arena, value, len);
}

static void read_list(struct form_read *r, size_t i, const struct req_fields *source)
{
	const char **list = arena_alloc(r->arena, (source->count + 1) * sizeof *list);
	size_t n = 0;
	for (size_t k = 0; k < source->count; k++)
		if (strcmp(source->items[k].name, r->fields[i].name) == 0)
			list[n++] = source->items[k].value;
	list[n] = NULL;
	r->lists[i] = list;
	r->list_counts[i] = n;
}

static void read_one(struct form_read *r, size_t i, const struct req_fields *source)
{
	const struct form_field *f = &r->fields[i];
	const char *sent = req_field_get(source, f->name);
	const char *value = trim(r->arena, sent != NULL ? sent : "");
	r->typed[i] = value;
	r->values[i] = "";
	if (value[0] == '\0') {
		if (f->required)
			form_fields_refuse(r, i, NULL, f->missing);
		return;
	}
	if (f->max_length > 0 && valid_utf8_length(value) > f->max_length) {
		form_fields_refuse(r, i, NULL,
				   arena_printf(r->arena, "%s must be %zu characters or fewer",
						f->label, f->max_length));
		return;
	}
	const char *problem = f->check != NULL ? f->check(r->arena, f, &value) : NULL;
	if (problem != NULL)
		form_fields_refuse(r, i, NULL, problem);
	else
		r->values[i] = value;
}

void form_fields_read(struct arena *arena, const struct req_fields *source,
		      const struct form_field *fields, size_t count, struct form_read *out)
{
	memset(out, 0, sizeof *out);
	out->arena = arena;
	out->fields = fields;
	out->count = count;
	out->typed = arena_zalloc(arena, (count + 1) * sizeof *out->typed);
	out->values = arena_zalloc(arena, (count + 1) * sizeof *out->values);
	out->lists = arena_zalloc(arena, (count + 1) * sizeof *out->lists);
	out->list_counts = arena_zalloc(arena, (count + 1) * sizeof *out->list_counts);
	for (size_t i = 0; i < count; i++) {
		if (fields[i].repeated) {
			out->typed[i] = out->values[i] = "";
			read_list(out, i, source);
			if (fields[i].required && out->list_counts[i] == 0)
				form_fields_refuse(out, i, NULL, fields[i].missing);
		} else {
			read_one(out, i, source);
		}
	}
}

void form_fields_refuse(struct form_read *r, size_t i, const char *field, const char *message)
{
	if (r->problem_count == r->problem_capacity) {
		size_t capacity = r->problem_capacity ? r->problem_capacity * 2 : 8;
		struct form_problem *grown = arena_alloc(r->arena, capacity * sizeof *grown);
		if (r->problem_count > 0)
			memcpy(grown, r->problems, r->problem_count * sizeof *grown);
		r->problems = grown;
		r->problem_capacity = capacity;
	}
	r->problems[r->problem_count++] =
		(struct form_problem){ i, field != NULL ? field : r->fields[i].name,
				       message != NULL ? message : "Check this" };
	r->values[i] = "";
}

bool form_fields_require(struct form_read *r, size_t i)
{
	bool sent = r->fields[i].repeated ? r->list_counts[i] > 0 : r->typed[i][0] != '\0';
	if (!sent)
		form_fields_refuse(r, i, NULL, r->fields[i].missing);
	return sent;
}

void form_fields_drop(struct form_read *r, size_t i)
{
	size_t kept = 0;
	for (size_t k = 0; k < r->problem_count; k++)
		if (r->problems[k].index != i)
			r->problems[kept++] = r->problems[k];
	r->problem_count = kept;
	r->values[i] = "";
}

bool form_fields_refused(const struct form_read *r, size_t i)
{
	for (size_t k = 0; k < r->problem_count; k++)
		if (r->problems[k].index == i)
			return true;
	return false;
}

bool form_fields_ok(const struct form_read *r)
{
	return r->problem_count == 0;
}

void form_fields_sort(struct form_read *r)
{
	/* insertion sort: a handful of problems, and it is stable */
	for (size_t k = 1; k < r->problem_count; k++) {
		struct form_problem p = r->problems[k];
		size_t j = k;
		while (j > 0 && r->problems[j - 1].index > p.index) {
			r->problems[j] = r->problems[j - 1];
			j--;
		}
		r->problems[j] = p;
	}
}

bool form_fields_has(const struct form_read *r, size_t i, const char *value)
{
	for (size_t k = 0; r->lists[i] != NULL && k < r->list_counts[i]; k++)
		if (strcmp(r->lists[i][k], value) == 0)
			return true;
	return false;
}

const char *const *form_fields_names(struct arena *arena, const struct form_field *fields,
				     size_t count)
{
	const char **names = arena_zalloc(arena, (count + 1) * sizeof *names);
	for (size_t i = 0; i < count; i++)
		names[i] = fields[i].name;
	return names;
}

/* ---- checks ---- */

const char *form_check_line(struct arena *arena, const struct form_field *field, const char **value)
{
	const char *problem = valid_single_line(*value);
	return problem ? arena_printf(arena, "%s: %s", field->label, problem) : NULL;
}

const char *form_check_one_line(struct arena *arena, const struct form_field *field,
				const char **value)
{
	return valid_single_line(*value)
		       ? arena_printf(arena, "%s must be on one line", field->label)
		       : NULL;
}

const char *form_check_plain_line(struct arena *arena, const struct form_field *field,
				  const char **value)
{
	return valid_single_line(*value) ? arena_printf(arena,
							"%s must be on one line, without special "
							"characters",
							field->label)
					 : NULL;
}

const char *form_check_plain_text(struct arena *arena, const struct form_field *field,
				  const char **value)
{
	return valid_multiline(*value)
		       ? arena_printf(arena, "%s must not contain special characters", field->label)
		       : NULL;
}

const char *form_check_person_name(struct arena *arena, const struct form_field *field,
				   const char **value)
{
	char name[VALID_NAME_SIZE];
	const char *problem = valid_person_name(*value, name);
	if (problem == NULL) {
		*value = arena_strdup(arena, name);
		return NULL;
	}
	/* the validator says "Name"; the form says which one */
	if (strncmp(problem, "Name ", 5) == 0)
		return arena_printf(arena, "%s %s", field->label, problem + 5);
	return problem;
}

const char *form_check_email(struct arena *arena, const struct form_field *field,
			     const char **value)
{
	char normal[VALID_EMAIL_SIZE];
	const char *problem = valid_email(*value, normal);
	if (problem == NULL)
		*value = arena_strdup(arena, normal);
	return problem;
}

const char *form_check_uk_phone(struct arena *arena, const struct form_field *field,
				const char **value)
{
	char digits[VALID_PHONE_SIZE];
	const char *problem = valid_uk_phone(*value, digits);
	if (problem == NULL)
		*value = arena_strdup(arena, digits);
	return problem;
}

const char *form_check_nhs_number(struct arena *arena, const struct form_field *field,
				  const char **value)
{
	char digits[VALID_NHS_NUMBER_SIZE];
	const char *problem = valid_nhs_number(*value, digits);
	if (problem == NULL)
		*value = arena_strdup(arena, digits);
	return problem;
}

const char *form_check_ods_code(struct arena *arena, const struct form_field *field,
				const char **value)
{
	char code[VALID_ODS_CODE_SIZE];
	const char *problem = valid_ods_code(*value, code);
	if (problem == NULL)
		*value = arena_strdup(arena, code);
	return problem;
}

const char *form_check_postcode(struct arena *arena, const struct form_field *field,
				const char **value)
{
	char shown[VALID_POSTCODE_SIZE];
	const char *problem = valid_postcode(*value, shown);
	if (problem == NULL)
		*value = arena_strdup(arena, shown);
	return problem;
}

const char *form_check_whole_number(struct arena *arena, const struct form_field *field,
				    const char **value)
{
	long long number = 0;
	switch (valid_int_range(*value, field->min, field->max, &number)) {
	case VALID_INT_OK:
	case VALID_INT_EMPTY:
		*value = arena_printf(arena, "%lld", number);
		return NULL;
	case VALID_INT_NOT_WHOLE:
		return arena_printf(arena, "%s must be a whole number, like %s", field->label,
				    field->example);
	case VALID_INT_TOO_SMALL:
		return arena_printf(arena, "%s must be %lld or more", field->label, field->min);
	case VALID_INT_TOO_LARGE:
		break;
	}
	return arena_printf(arena, "%s must be %lld or less", field->label, field->max);
}

const char *form_check_option(struct arena *arena, const struct form_field *field,
			      const char **value)
{
	for (const char *const *o = field->options; o != NULL && *o != NULL; o++)
		if (strcmp(*o, *value) == 0)
			return NULL;
	return field->invalid;
}
