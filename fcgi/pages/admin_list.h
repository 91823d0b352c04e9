/* The page half of an ordered, retirable list (model/ordered_list.h): closure reasons, the
 * title/gender/pronoun lists, issues and questions are moved up and down, retired and
 * restored by small POST forms whose answers are all alike. */
#ifndef REFERRALS_PAGES_ADMIN_LIST_H
#define REFERRALS_PAGES_ADMIN_LIST_H

#include <stdbool.h>

#include "../db.h"
#include "../http.h"

/* Pure: a move form's direction, "up" (true) or "down" (false); false when it is neither. */
bool admin_list_parse_direction(const char *text, bool *up);
/* The move form's direction; when it is neither, answers 400 ("Choose whether to move `what`
 * up or down.") and returns false. */
bool admin_list_direction(struct request *req, const char *what, bool *up);
/* Answers a change to an item: the database's failure, 404 with `missing` when the item was
 * not found, else a redirect to `next` (below the base path). */
void admin_list_answer(struct request *req, enum db_status status, bool found, const char *missing,
		       const char *next);

#endif
