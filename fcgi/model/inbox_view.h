/* The inbox page's reading beyond the messages themselves (issue 12 point 7): whom each
 * message is about, looked up when shown and never stored in the message, and the messages
 * about one organisation's referrals. Read-only; model/inbox.c writes the messages. */
#ifndef REFERRALS_MODEL_INBOX_VIEW_H
#define REFERRALS_MODEL_INBOX_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"
#include "inbox.h"
#include "scope.h"

/* One page (1-based) of staff_id's messages, newest first, as inbox_list reads it (counts
 * capped at INBOX_COUNT_CAP), with (*names)[i] the name of the client message i is about (its
 * link is "/referrals/N"): "" unless the scope's organisation may see that client (client_orgs,
 * as every client page asks; an administrator: every client). org_id not 0: only messages about
 * referrals org_id sent or received, among the latest INBOX_COUNT_CAP (the pages reach no
 * further). (*client_ids)[i]: the id of the client named, 0 when none is (for the access
 * log). Two statements: the counts, and the page with the names. */
enum db_status inbox_view_page(struct arena *arena, long long staff_id, long long org_id,
			       const struct scope *scope, long long page, struct inbox_page *out,
			       const char ***names, long long **client_ids);

#endif
