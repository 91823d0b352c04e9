/* Sign in and sign out. */
#include <string.h>

#include "../arena.h"
#include "../config.h"
#include "../ldap_auth.h"
#include "../log.h"
#include "../render.h"
#include "../session.h"
#include "../model/audit.h"
#include "../model/settings.h"
#include "../model/staff.h"
#include "../model/throttle.h"
#include "pages.h"

static const char directory_down[] =
	"The staff directory cannot be reached at the moment, so nobody can sign in. Try again in "
	"a few minutes; if it continues, contact your IT service desk.";

static void show_form(struct request *req, int status, const char *username, const char *next)
{
	view_set(req, "Form.username", username ? username : "");
	view_set(req, "Form.next", http_safe_next(next));
	view_render(req, status, "pages/signin.cs", "Sign in");
}

void page_signin_form(struct request *req)
{
	const char *next = http_query(req, "next");
	if (req->session != NULL) {
		http_redirect(req, http_safe_next(next));
		return;
	}
	if (sess_has_parked_post(req))
		view_set(req, "Notice",
			 "Your session ended because it was not used for a while. Sign in "
			 "again and what you just sent will be saved.");
	/* Say so before anyone types a password the directory cannot check. */
	if (!ldap_reachable(&req->config->ldap)) {
		view_set(req, "Notice", directory_down);
		show_form(req, 503, "", next);
		return;
	}
	show_form(req, 200, "", next);
}

/* Leading and trailing spaces are a typing slip in a username, never part of it. */
static char *trimmed(struct arena *arena, const char *text)
{
	if (text == NULL)
		return arena_strdup(arena, "");
	while (*text == ' ' || *text == '\t')
		text++;
	size_t len = strlen(text);
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	return arena_strndup(arena, text, len);
}

static void record(struct request *req, const char *action, long long staff_id, long long org_id,
		   const char *detail)
{
	struct audit_entry entry = { .staff_id = staff_id,
				     .organisation_id = org_id,
				     .action = action,
				     .subject_type = staff_id ? "staff" : NULL,
				     .subject_id = staff_id,
				     .detail = detail,
				     .remote_addr = req->remote_addr };
	if (audit_record(req->arena, &entry) != DB_OK)
		log_error("could not record %s", action);
}

/* The wait is the lock-out window as the administrator set it, so the page never promises a
 * time the throttle does not keep. */
static void too_many(struct request *req, const char *username, const char *next)
{
	long long minutes = settings_defs[SETTING_SIGNIN_WINDOW_MINUTES].fallback;
	if (settings_get(req->arena, SETTING_SIGNIN_WINDOW_MINUTES, &minutes) != DB_OK)
		minutes = settings_defs[SETTING_SIGNIN_WINDOW_MINUTES].fallback;
	view_add_error(req, "username",
		       arena_printf(req->arena,
				    "There have been too many failed attempts to sign in. "
				    "Wait %lld minute%s, then try again.",
				    minutes, minutes == 1 ? "" : "s"));
	show_form(req, 429, username, next);
}

/* The throttle's say once the directory has found the entry: count the attempt against it
 * before the password is tried. */
struct entry_check {
	struct request *req;
	struct throttle_attempt *attempt;
	enum db_status status;
};

static bool entry_may_try(void *context, const char *dn)
{
	struct entry_check *check = context;
	bool blocked = false;
	check->status = throttle_entry(check->req->arena, check->attempt, dn, &blocked);
	return check->status == DB_OK && !blocked;
}

/* The directory's answer for the name and password, with the attempt counted against the
 * name, the address and the entry first. False when the page has been answered. */
static bool directory_says_yes(struct request *req, const char *username, const char *password,
			       const char *next, struct throttle_attempt *attempt,
			       struct ldap_user *user)
{
	bool blocked = false;
	enum db_status status =
		throttle_begin(req->arena, attempt, username, req->remote_addr, &blocked);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	if (blocked) {
		too_many(req, username, next);
		return false;
	}
	struct entry_check check = { req, attempt, DB_OK };
	switch (ldap_authenticate(req->arena, &req->config->ldap, username, password, entry_may_try,
				  &check, user)) {
	case LDAP_AUTH_HELD:
		if (check.status != DB_OK)
			page_database_failed(req, check.status);
		else
			too_many(req, username, next);
		return false;
	case LDAP_AUTH_UNAVAILABLE:
		/* not the person's failure: the attempt does not count */
		throttle_cancel(req->arena, attempt);
		view_set(req, "Notice", directory_down);
		show_form(req, 503, username, next);
		return false;
	case LDAP_AUTH_REFUSED:
		/* already counted, before the password was tried */
		record(req, "signin_failed", 0, 0, username);
		view_add_error(req, "username", "Enter a correct username and password");
		show_form(req, 401, username, next);
		return false;
	case LDAP_AUTH_OK:
		break;
	}
	status = throttle_succeeded(req->arena, attempt);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return false;
	}
	return true;
}

void page_signin(struct request *req)
{
	const char *username = trimmed(req->arena, http_form(req, "username"));
	const char *password = http_form(req, "password");
	const char *next = http_form(req, "next");
	if (username[0] == '\0')
		view_add_error(req, "username", "Enter your username");
	if (password == NULL || password[0] == '\0')
		view_add_error(req, "password", "Enter your password");
	if (username[0] == '\0' || password == NULL || password[0] == '\0') {
		show_form(req, 200, username, next);
		return;
	}

	struct throttle_attempt attempt;
	struct ldap_user user;
	if (!directory_says_yes(req, username, password, next, &attempt, &user))
		return;

	struct staff_signin signin;
	enum db_status status = staff_sign_in(req->arena, &user, &signin);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (!signin.active) {
		record(req, "signin_refused_inactive", signin.staff_id, 0, NULL);
		view_add_error(req, "username",
			       "Your account has been deactivated. "
			       "Contact your administrator if you need access.");
		show_form(req, 403, username, next);
		return;
	}
	status = sess_start(req, signin.staff_id, signin.default_org);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	record(req, "signin", signin.staff_id, signin.default_org, NULL);
	/* a form sent after the last session timed out is waiting: finish sending it */
	http_redirect(req, sess_has_parked_post(req) ? "/resume" : http_safe_next(next));
}

void page_signout(struct request *req)
{
	long long staff_id = req->session->staff_id, org_id = req->session->org_id;
	enum db_status status = sess_end(req);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	record(req, "signout", staff_id, org_id, NULL);
	http_redirect(req, "/signin");
}
