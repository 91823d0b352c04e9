/* The client list's filters: the query string checked and turned into the model's filter;
 * visibility is the model's (client_list_visible), never a filter's. */
#include "client_filters.h"

#include <ctype.h>
#include <string.h>

#include "../arena.h"
#include "../config.h"
#include "../form.h"
#include "../render.h"
#include "../validate.h"
#include "../model/organisation.h"
#include "../model/reference.h"
#include "list_filters.h"
#include "pages.h"

#define SEARCH_MAX 100 /* characters of a search */

/* The form's parameters in its order: the tags' and the pages' links keep them. */
static const char *const params[] = { "q",	"postcode", "born",	      "age_from",
				      "age_to", "gender",   "local_authority" };

/* The first part of a postcode alone ("LS1", "ts24"), upper-cased into out: a letter or two,
 * a digit, then at most a digit or letter. */
static bool outward_code(const char *text, char out[8])
{
	size_t n = strlen(text), letters = 0;
	if (n < 2 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)toupper((unsigned char)text[i]);
	out[n] = '\0';
	while (letters < n && isalpha((unsigned char)out[letters]))
		letters++;
	if (letters < 1 || letters > 2 || letters == n || !isdigit((unsigned char)out[letters]))
		return false;
	for (size_t i = letters + 1; i < n; i++)
		if (!isalnum((unsigned char)out[i]))
			return false;
	return n - letters <= 2;
}

static void read_postcode(struct request *req, struct client_filter *f)
{
	const char *text = page_query_text(req, "postcode");
	if (text[0] == '\0')
		return;
	char whole[VALID_POSTCODE_SIZE], outward[8];
	if (valid_postcode(text, whole) == NULL)
		f->postcode = arena_strdup(req->arena, whole);
	else if (outward_code(text, outward))
		f->outward_code = arena_strdup(req->arena, outward);
	else
		form_error(req, "postcode",
			   "Enter a postcode, like LS1 1UR, or its first part, like LS1");
}

static void read_born(struct request *req, struct client_filter *f)
{
	const char *text = page_query_text(req, "born");
	struct valid_date d;
	if (text[0] == '\0')
		return;
	if (valid_date_parse_iso(text, &d) != NULL)
		form_error(req, "born", "Date of birth must be a real date, like 1985-03-12");
	else
		f->born = arena_printf(req->arena, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* The text of the choice id among the select's choices Choices.<node>.N; NULL when it is not
 * one of them. */
static const char *choice_text(struct request *req, const char *node, long long id)
{
	return list_filter_choice_text(req, node, arena_printf(req->arena, "%lld", id));
}

/* The id of the chosen one of a select; 0 when none is chosen, or (with the message) when it
 * is not one of its choices. */
static long long read_choice(struct request *req, const char *param, const char *node,
			     const char *message)
{
	const char *text = page_query_text(req, param);
	long long id = page_parse_id(text);
	if (text[0] == '\0')
		return 0;
	if (choice_text(req, node, id) != NULL)
		return id;
	form_error(req, param, message);
	return 0;
}

/* Choices.Genders and Choices.LocalAuthorities, each after "Any": every gender (a client keeps
 * a retired one) and the active local authorities. */
static enum db_status set_choices(struct request *req)
{
	struct reference_value_list genders;
	struct organisation_options las;
	enum db_status st = reference_value_list(req->arena, REFERENCE_GENDER, &genders);
	if (st == DB_OK)
		st = organisation_local_authority_options(req->arena, 0, &las);
	if (st != DB_OK)
		return st;
	view_set(req, "Choices.Genders.0.Value", "");
	view_set(req, "Choices.Genders.0.Text", "Any");
	for (size_t i = 0; i < genders.count; i++) {
		const char *n = arena_printf(req->arena, "Choices.Genders.%zu", i + 1);
		view_set_field_int(req, n, "Value", genders.items[i].id);
		view_set_field(req, n, "Text", genders.items[i].name);
	}
	view_set(req, "Choices.LocalAuthorities.0.Value", "");
	view_set(req, "Choices.LocalAuthorities.0.Text", "Any");
	for (size_t i = 0; i < las.count; i++) {
		const char *n = arena_printf(req->arena, "Choices.LocalAuthorities.%zu", i + 1);
		view_set_field_int(req, n, "Value", las.items[i].id);
		view_set_field(req, n, "Text", las.items[i].name);
	}
	return DB_OK;
}

bool client_filters_read(struct request *req, struct client_filter *f)
{
	*f = (struct client_filter){ .query = "" };
	enum db_status st = set_choices(req);
	if (st != DB_OK) {
		page_database_failed(req, st);
		return false;
	}
	const char *query = page_query_text(req, "q");
	if (valid_text_length(query, 0, SEARCH_MAX) != VALID_LENGTH_OK)
		/* refused, but kept in the box to be shortened */
		form_error(req, "q", "Search must be 100 characters or fewer");
	else
		f->query = query;
	read_postcode(req, f);
	read_born(req, f);
	list_filter_ages(req, page_today(), &f->born_on_or_before, &f->born_after);
	f->gender_id =
		read_choice(req, "gender", "Choices.Genders", "Choose a gender from the list");
	f->local_authority_id = read_choice(req, "local_authority", "Choices.LocalAuthorities",
					    "Choose a local authority from the list");
	return true;
}

const char *client_filters_show(struct request *req, const struct client_filter *f)
{
	struct arena *a = req->arena;
	struct filter_tags t;
	filter_tags_begin(&t, req, "/clients", params, PAGE_COUNT_OF(params));
	filter_tag(&t, "q", "Search", f->query);
	filter_tag(&t, "postcode", "Postcode", f->postcode != NULL ? f->postcode : f->outward_code);
	if (f->born != NULL)
		filter_tag(&t, "born", "Born", page_long_date(a, f->born));
	if (f->born_on_or_before != NULL)
		filter_tag(&t, "age_from", "Age from", http_query(req, "age_from"));
	if (f->born_after != NULL)
		filter_tag(&t, "age_to", "Age to", http_query(req, "age_to"));
	if (f->gender_id != 0)
		filter_tag(&t, "gender", "Gender",
			   choice_text(req, "Choices.Genders", f->gender_id));
	if (f->local_authority_id != 0)
		filter_tag(&t, "local_authority", "Local authority",
			   choice_text(req, "Choices.LocalAuthorities", f->local_authority_id));
	const char *all = filter_tags_href_without(&t, NULL);
	return all + strlen(req->config->base_path);
}
