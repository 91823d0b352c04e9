/* Roles in an organisation. This body allows administrators only: the roles feature (the
 * membership roles of issue 13, point 1) supplies the real one, which also allows a
 * membership's lead or manager in its own organisation, through this same interface. */
#include "org_role.h"

#include "../session.h"

bool org_role_allows(const struct request *req, long long org_id, enum org_role needed)
{
	(void)org_id;
	(void)needed;
	return req->session != NULL && req->session->is_admin;
}

const char *org_role_label(enum org_role role)
{
	switch (role) {
	case ORG_ROLE_STAFF:
		return "Staff";
	case ORG_ROLE_LEAD:
		return "Organisation lead";
	case ORG_ROLE_MANAGER:
		return "Organisation manager";
	}
	return "Staff";
}
