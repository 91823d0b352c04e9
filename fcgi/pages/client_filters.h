/* The client list's filter form (issue 12): search, postcode, date of birth or age, gender and
 * local authority, read from the query string into the model's struct client_filter, their
 * choices for the form, and the chosen ones as removable tags. */
#ifndef REFERRALS_PAGES_CLIENT_FILTERS_H
#define REFERRALS_PAGES_CLIENT_FILTERS_H

#include <stdbool.h>

#include "../http.h"
#include "../model/client.h"

/* The query string's filters into f; each value that makes no sense gets its message beside
 * its field (form_error) and is not used. Sets the form's choices (Choices.Genders,
 * Choices.LocalAuthorities) and keeps the values typed (Form.*). False when the choices could
 * not be read (the failure page has been sent). */
bool client_filters_read(struct request *req, struct client_filter *f);

/* The chosen filters as FilterTags (list_filters.h) and the address of the list with every
 * filter, for the pages' links (without the base path; "/clients" when none is chosen). */
const char *client_filters_show(struct request *req, const struct client_filter *f);

#endif
