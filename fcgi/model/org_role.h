/* Roles a staff member holds in an organisation, and the one question pages and the model ask
 * of them: may this request act as (at least) this role in this organisation? */
#ifndef REFERRALS_MODEL_ORG_ROLE_H
#define REFERRALS_MODEL_ORG_ROLE_H

#include <stdbool.h>

#include "../http.h"

/* In increasing order of what they allow: a lead may do what staff do, a manager what a lead
 * does. */
enum org_role { ORG_ROLE_STAFF = 0, ORG_ROLE_LEAD = 1, ORG_ROLE_MANAGER = 2 };

/* Whether the request's person may act as needed (or more) in organisation org_id. */
bool org_role_allows(const struct request *req, long long org_id, enum org_role needed);

/* "Staff", "Organisation lead", "Organisation manager". */
const char *org_role_label(enum org_role role);

#endif
