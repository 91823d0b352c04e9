/* Who is asking, for every read-by-id and write of referrals, clients, notes and files: the
 * active organisation, and whether the person is a system administrator (who may also reach
 * what that organisation is not party to, as an administrator, never as the organisation).
 * The model functions take one so that no caller can forget to ask (pages: page_scope). */
#ifndef REFERRALS_MODEL_SCOPE_H
#define REFERRALS_MODEL_SCOPE_H

#include <stdbool.h>

struct scope {
	long long org_id; /* the active organisation; 0 when in none */
	bool admin;	  /* a system administrator */
};

#endif
