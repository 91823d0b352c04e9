/* Who is signed in, as which organisation, and whether an unsafe request really came from
 * our own form (CSRF token + Origin check). */
#ifndef REFERRALS_SESSION_H
#define REFERRALS_SESSION_H

#include <stdbool.h>

#include "db.h"
#include "http.h"
#include "model/org_role.h"
#include "model/referral_generation.h"
#include "model/staff.h"

struct session {
	long long id;
	long long staff_id;
	const char *username;
	const char *display_name;
	bool is_admin;
	long long org_id; /* the active organisation; 0 when in none */
	const char *org_name;
	const char *csrf_token;
	long long unread;	    /* unread inbox messages, at most SESSION_UNREAD_CAP */
	long long *member_of;	    /* the ids of the staff member's organisations, ascending */
	unsigned char *member_role; /* each one's enum org_role (the highest of its sources) */
	size_t member_of_count;
	/* the active organisation's referral generation as the session statement read it:
	 * its org_id is 0 when the active organisation changed since (then it is read again) */
	struct referral_generation referral_generation;
	/* its staff generation (sql/095), the same way: for the lists' "Created by" choices */
	struct referral_generation staff_generation;
	struct org_list orgs; /* the active ones by name, built from the catalog when needed */
	bool orgs_loaded;
};

/* Loads the session named by the cookie into req->session (NULL when there is none).
 * activity: the request is the person's doing, so the idle timeout starts again (false for
 * background requests: ROUTE_BACKGROUND). */
enum db_status sess_load(struct request *req, bool activity);
/* The session statement's memberships, "3:2,3:0,7:0" (organisation ascending, each one's rows
 * highest role first), into session->member_of and member_role (public for the unit test). */
void sess_parse_memberships(struct arena *arena, const char *text, struct session *session);
/* The signed-in person's role in org_id (enum org_role) from the session statement; false
 * when they are not a member of it. */
bool sess_member_role(const struct session *session, long long org_id, enum org_role *role);
/* Starts a new session (a new token: rotation at sign-in) and sets its cookie. */
enum db_status sess_start(struct request *req, long long staff_id, long long org_id);
/* Ends the session and clears the cookie. */
enum db_status sess_end(struct request *req);
/* Makes org_id the active organisation if the staff member belongs to it. */
enum db_status sess_switch_org(struct request *req, long long org_id, bool *allowed);
/* The active organisations the staff member belongs to, by name (the switcher): from the
 * session statement's ids and the catalog's names, no statement of its own. */
enum db_status sess_orgs(struct request *req, const struct org_list **orgs);

/* A POST that arrived after its session timed out: when its form token is the expired
 * session's (our page, this browser), keeps it for after sign-in and sets a cookie naming
 * it. Returns true when kept. */
bool sess_park_post(struct request *req);
/* The parked form of this browser for the signed-in staff member: path and body, deleted as
 * it is taken; false when there is none. Clears the cookie. */
bool sess_take_parked_post(struct request *req, const char **path, const char **body);
/* Whether this browser has a parked form waiting. */
bool sess_has_parked_post(const struct request *req);

/* The form token for this request: the session's, or before sign-in a token bound to a
 * short-lived cookie (double submit). Sets that cookie when needed. */
const char *sess_csrf_token(struct request *req);
/* Unsafe methods: the token matches and the request is not cross-site. */
bool sess_csrf_valid(struct request *req);

#endif
