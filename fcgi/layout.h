/* The layout's data: what the frame around every page shows (the signed-in user, the unread
 * badge, the organisation switcher) and the form token its forms carry. The pipeline loads it
 * before the handler runs (layout_load, after the session), so rendering reads plain data
 * and calls nothing below it. */
#ifndef REFERRALS_LAYOUT_H
#define REFERRALS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct request;

struct layout_org {
	long long id;
	const char *name;
};

struct layout {
	const char *csrf; /* the form token of this request's forms */
	bool signed_in;	  /* the fields below are set */
	const char *user_name;
	const char *username;
	bool is_admin;
	long long unread; /* the header's badge, counted by the session statement up to its cap */
	long long org_id; /* the active organisation; 0 when in none */
	const char *org_name;
	int org_role; /* enum org_role in the active organisation (a manager's link to its staff) */
	const struct layout_org *orgs; /* the switcher: the active organisations, by name */
	size_t org_count;
};

/* Sets req->layout from req->session (or, signed out, only the sign-in form's token, which
 * may set its cookie). No statement: the session statement brought everything it needs. */
void layout_load(struct request *req);

#endif
