/* Reading a submitted form the way every page does: trimmed values kept for redisplay
 * (Form.<name>), errors beside fields and in the summary, and the audit of changes. */
#ifndef REFERRALS_FORM_H
#define REFERRALS_FORM_H

#include <stdbool.h>

#include "form_fields.h"
#include "http.h"

/* The field trimmed of surrounding spaces ("" when absent), also kept as Form.<name> so the
 * page shows it again if the form comes back with errors. */
const char *form_text(struct request *req, const char *name);
/* A checkbox: true when sent with any value; kept as Form.<name> = 1. */
bool form_checked(struct request *req, const char *name);
/* Every value of a repeated field (checkbox lists), kept as Form.<name>.N = value. */
const char **form_values(struct request *req, const char *name, size_t *count);
/* Adds an error for field (summary and beside the field). */
void form_error(struct request *req, const char *field, const char *message);
/* Whether any error was added. */
bool form_has_errors(const struct request *req);
/* Copies a value into Form.<name> for a page that shows stored values for editing. */
void form_keep(struct request *req, const char *name, const char *value);

/* Puts a form read through its table on the page: what was typed as Form.<name> (repeated
 * fields as Form.<name>.N), and the problems, in the order of the table, as errors. True
 * when there were none. */
bool form_fields_show(struct request *req, struct form_read *read);
/* Only the problems, for a page that shows values of its own (the journey shows its draft's). */
bool form_fields_errors(struct request *req, struct form_read *read);

#endif
