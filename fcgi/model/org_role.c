/* Organisation roles: their names and the check every lead's and manager's page makes. The
 * check reads the roles the session statement loaded with the memberships (model/
 * session_store.c), so a changed or removed membership applies from the next request. */
#include "org_role.h"

#include <string.h>

#include "../http.h"
#include "../session.h"

static const char *const labels[ORG_ROLE_COUNT] = { "Staff", "Organisation lead",
						    "Organisation manager" };
static const char *const names[ORG_ROLE_COUNT] = { "staff", "lead", "manager" };

bool org_role_allows(const struct request *req, long long org_id, enum org_role needed)
{
	const struct session *session = req->session;
	if (session == NULL || org_id <= 0)
		return false;
	if (session->is_admin)
		return true;
	return org_role_held(req, org_id, needed);
}

bool org_role_held(const struct request *req, long long org_id, enum org_role needed)
{
	enum org_role role;
	return req->session != NULL && org_id > 0 &&
	       sess_member_role(req->session, org_id, &role) && role >= needed;
}

const char *org_role_label(enum org_role role)
{
	return role >= 0 && role < ORG_ROLE_COUNT ? labels[role] : labels[ORG_ROLE_STAFF];
}

const char *org_role_name(enum org_role role)
{
	return role >= 0 && role < ORG_ROLE_COUNT ? names[role] : names[ORG_ROLE_STAFF];
}

bool org_role_parse(const char *name, enum org_role *role)
{
	for (int i = 0; name != NULL && i < ORG_ROLE_COUNT; i++)
		if (strcmp(name, names[i]) == 0) {
			*role = (enum org_role)i;
			return true;
		}
	return false;
}
