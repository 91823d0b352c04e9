/* Sign in and sign out. */
#include <string.h>

#include "../arena.h"
#include "../config.h"
#include "../ldap_auth.h"
#include "../log.h"
#include "../render.h"
#include "../session.h"
#include "../model/audit.h"
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
		view_set(req, "Notice", "Your session ended because it was not used for a while. Sign in "
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
	struct audit_entry entry = {.staff_id = staff_id,
				    .organisation_id = org_id,
				    .action = action,
				    .subject_type = staff_id ? "staff" : NULL,
				    .subject_id = staff_id,
				    .detail = detail,
				    .remote_addr = req->remote_addr};
	if (audit_record(req->arena, &entry) != DB_OK)
		log_error("could not record %s", action);
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

	bool blocked = false;
	enum db_status status = throttle_check(req->arena, username, req->remote_addr, &blocked);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (blocked) {
		view_add_error(req, "username",
			       "There have been too many failed attempts to sign in. "
			       "Wait 15 minutes, then try again.");
		show_form(req, 429, username, next);
		return;
	}

	struct ldap_user user;
	switch (ldap_authenticate(req->arena, &req->config->ldap, username, password, &user)) {
	case LDAP_AUTH_UNAVAILABLE:
		view_set(req, "Notice", directory_down);
		show_form(req, 503, username, next);
		return;
	case LDAP_AUTH_REFUSED:
		throttle_record_failure(req->arena, username, req->remote_addr);
		record(req, "signin_failed", 0, 0, username);
		view_add_error(req, "username", "Enter a correct username and password");
		show_form(req, 401, username, next);
		return;
	case LDAP_AUTH_OK:
		break;
	}

	struct staff_signin signin;
	status = staff_sign_in(req->arena, &user, &signin);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	if (!signin.active) {
		record(req, "signin_refused_inactive", signin.staff_id, 0, NULL);
		view_add_error(req, "username", "Your account has been deactivated. "
						"Contact your administrator if you need access.");
		show_form(req, 403, username, next);
		return;
	}
	status = sess_start(req, signin.staff_id, signin.default_org);
	if (status == DB_OK)
		status = throttle_clear_account(req->arena, username);
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
