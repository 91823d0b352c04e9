/* The fields of an organisation, as its form reads them (pages/admin_organisations.c) and its
 * audit names them (organisation.c): one label, column size, bound and message each. Column
 * sizes are those of organisations (sql/), in characters. */
#include "organisation.h"

#include <string.h>
#include <strings.h>

static const char *const yes_no[] = { "1", "0", NULL };
static const char *const all_or_some[] = { "all", "some", NULL };

/* A website address as people paste it from a browser: one line, starting with its scheme. */
static const char *check_website(struct arena *arena, const struct form_field *field,
				 const char **value)
{
	const char *problem = form_check_plain_line(arena, field, value);
	if (problem != NULL)
		return problem;
	const char *website = *value;
	size_t scheme = strncasecmp(website, "https://", 8) == 0  ? 8
			: strncasecmp(website, "http://", 7) == 0 ? 7
								  : 0;
	if (scheme == 0 || website[scheme] == '\0' || strchr(website, ' ') != NULL)
		return "Enter a website address starting https:// or http://, like "
		       "https://www.example.org";
	return NULL;
}

const struct form_field organisation_fields[ORG_FIELD_COUNT] = {
	[ORG_NAME] = { .name = "name",
		       .label = "Name",
		       .check = form_check_plain_line,
		       .max_length = 200,
		       .required = true,
		       .missing = "Enter the organisation’s name" },
	[ORG_DESCRIPTION] = { .name = "description",
			      .label = "Description",
			      .check = form_check_plain_text,
			      .max_length = 500 },
	[ORG_CONTACT_EMAIL] = { .name = "contact_email",
				.label = "Contact email",
				.check = form_check_email },
	[ORG_CONTACT_PHONE] = { .name = "contact_phone",
				.label = "Phone",
				.check = form_check_uk_phone },
	[ORG_ADDRESS] = { .name = "address",
			  .label = "Address",
			  .check = form_check_plain_text,
			  .max_length = 500 },
	[ORG_WEBSITE] = { .name = "website",
			  .label = "Website",
			  .check = check_website,
			  .max_length = 500 },
	[ORG_ACTIVE] = { .name = "active",
			 .label = "Active",
			 .check = form_check_option,
			 .required = true,
			 .options = yes_no,
			 .missing = "Choose whether the organisation is active",
			 .invalid = "Choose whether the organisation is active" },
	[ORG_ACCEPTING] = { .name = "accepting",
			    .label = "Accepting referrals",
			    .check = form_check_option,
			    .required = true,
			    .options = yes_no,
			    .missing = "Choose whether the organisation is accepting referrals",
			    .invalid = "Choose whether the organisation is accepting referrals" },
	[ORG_CAPACITY] = { .name = "capacity",
			   .label = "Capacity",
			   .check = form_check_whole_number,
			   .min = 1,
			   .max = 100000,
			   .example = "25" },
	[ORG_ISSUES] = { .name = "issues",
			 .label = "Issues handled",
			 .repeated = true,
			 .invalid = "Choose issues from the list" },
	[ORG_MIN_AGE] = { .name = "min_age",
			  .label = "Minimum age",
			  .check = form_check_whole_number,
			  .min = 0,
			  .max = 130,
			  .example = "18" },
	[ORG_MAX_AGE] = { .name = "max_age",
			  .label = "Maximum age",
			  .check = form_check_whole_number,
			  .min = 0,
			  .max = 130,
			  .example = "65" },
	[ORG_GENDERS_ALL] = { .name = "genders_all",
			      .label = "Genders accepted",
			      .check = form_check_option,
			      .required = true,
			      .options = all_or_some,
			      .missing = "Choose whether the organisation accepts all genders",
			      .invalid = "Choose whether the organisation accepts all genders" },
	[ORG_GENDERS] = { .name = "genders",
			  .label = "Genders accepted",
			  .repeated = true,
			  .missing = "Choose at least one gender, or choose ‘All genders’",
			  .invalid = "Choose genders from the list" },
	[ORG_LAS_ALL] = { .name = "las_all",
			  .label = "Local authorities covered",
			  .check = form_check_option,
			  .required = true,
			  .options = all_or_some,
			  .missing =
				  "Choose whether the organisation covers all local authorities or "
				  "only some",
			  .invalid =
				  "Choose whether the organisation covers all local authorities or "
				  "only some" },
	[ORG_LAS] = { .name = "las",
		      .label = "Local authorities covered",
		      .repeated = true,
		      .missing = "Choose at least one local authority, or choose ‘All local "
				 "authorities’",
		      .invalid = "Choose local authorities from the list" },
	[ORG_GROUPS] = { .name = "groups", .label = "Directory groups" },
	[ORG_PARENT] = { .name = "parent",
			 .label = "Parent organisation",
			 .invalid = "Choose the parent organisation from the list" },
	/* not said (a form from before accepted senders): every sender */
	[ORG_SENDERS_ALL] = { .name = "senders_all",
			      .label = "Accepts referrals from",
			      .check = form_check_option,
			      .options = all_or_some,
			      .invalid =
				      "Choose whether the organisation accepts referrals from all "
				      "organisations or only some" },
	[ORG_SENDERS] = { .name = "senders",
			  .label = "Accepts referrals from",
			  .repeated = true,
			  .missing =
				  "Choose at least one organisation, or choose ‘All organisations’",
			  .invalid = "Choose organisations from the list" },
};
