/* Sessions: 256-bit random tokens, stored as SHA-256, idle timeout and lifetime from
 * settings; the staff member's directory groups read again while a session lives. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "crypto.h"
#include "ldap_auth.h"
#include "log.h"
#include "model/catalog.h"
#include "model/resumable.h"
#include "model/session_store.h"

/* Touching last_seen_at at most once a minute keeps the idle timeout right to the minute
 * without a write on every page view. */
#define TOUCH_AFTER_SECONDS 60

static const char *cookie_name(const struct request *req)
{
	/* __Host- pins the cookie to this host and path "/", and needs Secure: TLS only. */
	return req->tls ? "__Host-referrals_session" : "referrals_session";
}

static const char *signin_cookie_name(const struct request *req)
{
	return req->tls ? "__Host-referrals_signin" : "referrals_signin";
}

static const char *resume_cookie_name(const struct request *req)
{
	return req->tls ? "__Host-referrals_resume" : "referrals_resume";
}

static const char *cookie_path(const struct request *req)
{
	return req->tls ? "/" : arena_printf(req->arena, "%s/", req->config->base_path);
}

static void set_cookie(struct request *req, const char *name, const char *value, int max_age)
{
	char age[48] = "";
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%d", max_age);
	http_header_add(req, "Set-Cookie",
			arena_printf(req->arena, "%s=%s; Path=%s; HttpOnly; SameSite=Lax%s%s", name,
				     value, cookie_path(req), req->tls ? "; Secure" : "", age));
}

static bool token_shape(const char *token)
{
	if (token == NULL || strlen(token) != TOKEN_HEX_LEN)
		return false;
	for (const char *p = token; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* "3:2,3:0,7:0" (organisation ascending, then role descending, from GROUP_CONCAT: one item
 * per membership row, a membership from a directory group and a manual one both listed)
 * → ids and the highest role of each. */
void sess_parse_memberships(struct arena *arena, const char *text, struct session *session)
{
	size_t commas = 0;
	for (const char *p = text; *p; p++)
		commas += *p == ',';
	session->member_of = arena_alloc(arena, (commas + 1) * sizeof *session->member_of);
	session->member_role = arena_alloc(arena, commas + 1);
	size_t count = 0;
	for (const char *p = text; *p;) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p)
			break;
		long long role = 0;
		if (*end == ':') {
			p = end + 1;
			role = strtoll(p, &end, 10);
		}
		if (role < ORG_ROLE_STAFF || role > ORG_ROLE_MANAGER)
			role = ORG_ROLE_STAFF;
		/* the first row of an organisation has its highest role */
		if (count == 0 || session->member_of[count - 1] != id) {
			session->member_of[count] = id;
			session->member_role[count] = (unsigned char)role;
			count++;
		}
		p = *end == ',' ? end + 1 : end;
	}
	session->member_of_count = count;
}

/* The index of org_id in the session's memberships, or -1. */
static long long member_index(const struct session *session, long long org_id)
{
	size_t low = 0, high = session->member_of_count;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		if (session->member_of[mid] == org_id)
			return (long long)mid;
		if (session->member_of[mid] < org_id)
			low = mid + 1;
		else
			high = mid;
	}
	return -1;
}

static bool member_of(const struct session *session, long long org_id)
{
	return member_index(session, org_id) >= 0;
}

bool sess_member_role(const struct session *session, long long org_id, enum org_role *role)
{
	long long index = member_index(session, org_id);
	if (index < 0)
		return false;
	*role = (enum org_role)session->member_role[index];
	return true;
}

/* A staff member taken out of a directory group must lose its organisation in the sessions
 * they have open, not at their next sign-in: every Ldap.GroupRecheckMinutes one request
 * (the one that claims it) reads their entry again and rebuilds their directory memberships
 * and administrator flag, then the session row is read again. A directory that cannot answer
 * leaves things as they are and is asked again a minute later. */
static enum db_status recheck_groups(struct request *req, const uint8_t hash[SHA256_DIGEST_BYTES],
				     struct session_row *row, bool *found)
{
	*found = true;
	long long interval = req->config->ldap.group_recheck_minutes;
	if (row->directory_dn == NULL || (row->groups_age >= 0 && row->groups_age < interval * 60))
		return DB_OK;
	bool claimed = false;
	enum db_status status =
		staff_claim_group_check(req->arena, row->staff_id, interval, &claimed);
	if (status != DB_OK || !claimed)
		return status;
	struct ldap_user user;
	switch (ldap_read_entry(req->arena, &req->config->ldap, row->directory_dn, &user)) {
	case LDAP_AUTH_OK:
		status = staff_refresh_directory(req->arena, row->staff_id, &user);
		break;
	case LDAP_AUTH_REFUSED:
	case LDAP_AUTH_HELD:
		log_info("directory entry %s is gone: its directory memberships end",
			 row->directory_dn);
		status = staff_refresh_directory(req->arena, row->staff_id, NULL);
		break;
	case LDAP_AUTH_UNAVAILABLE:
		return staff_group_check_soon(req->arena, row->staff_id, interval);
	}
	if (status != DB_OK)
		return status;
	return session_store_find(req->arena, hash, row, found);
}

enum db_status sess_load(struct request *req, bool activity)
{
	req->session = NULL;
	const char *token = req_field_get(&req->cookies, cookie_name(req));
	if (!token_shape(token))
		return DB_OK;
	uint8_t hash[SHA256_DIGEST_BYTES];
	crypto_sha256(token, TOKEN_HEX_LEN, hash);
	struct session_row row;
	bool found;
	enum db_status status = session_store_find(req->arena, hash, &row, &found);
	if (status == DB_OK && found)
		status = recheck_groups(req, hash, &row, &found);
	if (status != DB_OK || !found)
		return status;
	struct session *session = arena_zalloc(req->arena, sizeof *session);
	session->id = row.id;
	session->staff_id = row.staff_id;
	session->username = row.username;
	session->display_name = row.display_name;
	session->is_admin = row.is_admin;
	session->org_id = row.org_id;
	session->org_name = row.org_name;
	session->csrf_token = row.csrf_token;
	session->unread = row.unread;
	session->referral_generation = row.referral_generation;
	session->staff_generation = row.staff_generation;
	sess_parse_memberships(req->arena, row.org_ids, session);
	if (!member_of(session, session->org_id)) { /* their membership of it ended */
		session->org_id = 0;
		session->org_name = NULL;
	}
	req->session = session; /* the catalog is current: session_store_find synced it */
	if (session->org_id == 0) {
		/* the active organisation went away (membership or organisation removed):
		 * fall back to another one the staff member still belongs to */
		const struct org_list *orgs;
		status = sess_orgs(req, &orgs);
		if (status == DB_OK && orgs->count > 0) {
			session->org_id = orgs->items[0].id;
			session->org_name = orgs->items[0].name;
			status = session_store_set_org(req->arena, session->id, session->org_id);
		}
		if (status != DB_OK)
			return status;
	}
	/* a background request (the inbox badge's poll) is not the person using the page: an
	 * open tab left alone still times out */
	if (activity && row.idle_seconds >= TOUCH_AFTER_SECONDS)
		return session_store_touch(req->arena, session->id);
	return DB_OK;
}

enum db_status sess_start(struct request *req, long long staff_id, long long org_id)
{
	char token[TOKEN_HEX_LEN + 1], csrf[TOKEN_HEX_LEN + 1];
	if (!crypto_token(token) || !crypto_token(csrf))
		return DB_ERROR;
	uint8_t hash[SHA256_DIGEST_BYTES];
	crypto_sha256(token, TOKEN_HEX_LEN, hash);
	session_store_prune(req->arena);
	/* the old session, if any, ends: a new token at every sign-in */
	if (req->session != NULL)
		session_store_delete(req->arena, req->session->id);
	enum db_status status = session_store_create(req->arena, hash, staff_id, org_id, csrf,
						     req->remote_addr, req->user_agent);
	if (status != DB_OK)
		return status;
	set_cookie(req, cookie_name(req), token, -1);
	set_cookie(req, signin_cookie_name(req), "", 0);
	return DB_OK;
}

bool sess_park_post(struct request *req)
{
	const char *token = req_field_get(&req->cookies, cookie_name(req));
	if (!token_shape(token) || req->raw_body == NULL || req->form.count == 0)
		return false;
	uint8_t hash[SHA256_DIGEST_BYTES];
	crypto_sha256(token, TOKEN_HEX_LEN, hash);
	long long staff_id = 0;
	const char *csrf = NULL;
	bool found = false;
	if (resumable_expired_session(req->arena, hash, &staff_id, &csrf, &found) != DB_OK ||
	    !found)
		return false;
	/* the same proof as any POST: our own form, from this browser's (expired) session */
	if (!crypto_equal(http_form(req, "csrf"), csrf))
		return false;
	char parked[TOKEN_HEX_LEN + 1];
	uint8_t parked_hash[SHA256_DIGEST_BYTES];
	if (!crypto_token(parked))
		return false;
	crypto_sha256(parked, TOKEN_HEX_LEN, parked_hash);
	if (resumable_park(req->arena, parked_hash, staff_id, req->path, req->raw_body) != DB_OK)
		return false;
	set_cookie(req, resume_cookie_name(req), arena_strdup(req->arena, parked), 3600);
	return true;
}

bool sess_has_parked_post(const struct request *req)
{
	return token_shape(req_field_get(&req->cookies, resume_cookie_name(req)));
}

bool sess_take_parked_post(struct request *req, const char **path, const char **body)
{
	const char *token = req_field_get(&req->cookies, resume_cookie_name(req));
	if (!token_shape(token) || req->session == NULL)
		return false;
	set_cookie(req, resume_cookie_name(req), "", 0);
	uint8_t hash[SHA256_DIGEST_BYTES];
	crypto_sha256(token, TOKEN_HEX_LEN, hash);
	bool found = false;
	if (resumable_take(req->arena, hash, req->session->staff_id, path, body, &found) != DB_OK)
		return false;
	return found;
}

enum db_status sess_end(struct request *req)
{
	enum db_status status = DB_OK;
	if (req->session != NULL)
		status = session_store_delete(req->arena, req->session->id);
	set_cookie(req, cookie_name(req), "", 0);
	req->session = NULL;
	return status;
}

enum db_status sess_orgs(struct request *req, const struct org_list **orgs)
{
	struct session *session = req->session;
	*orgs = &session->orgs;
	if (session->orgs_loaded)
		return DB_OK;
	const struct catalog *catalog;
	enum db_status status = catalog_get(req->arena, &catalog);
	if (status != DB_OK)
		return status;
	/* the catalog is in name order: the switcher's order */
	session->orgs.items = arena_alloc(req->arena, (session->member_of_count + 1) *
							      sizeof *session->orgs.items);
	session->orgs.count = 0;
	for (size_t i = 0; i < catalog->org_count && session->orgs.count < session->member_of_count;
	     i++) {
		const struct catalog_org *org = &catalog->orgs[i];
		if (org->active && member_of(session, org->id))
			session->orgs.items[session->orgs.count++] =
				(struct org_ref){ org->id, org->name };
	}
	session->orgs_loaded = true;
	return DB_OK;
}

enum db_status sess_switch_org(struct request *req, long long org_id, bool *allowed)
{
	struct session *session = req->session;
	enum db_status status = staff_is_member(req->arena, session->staff_id, org_id, allowed);
	if (status != DB_OK || !*allowed)
		return status;
	status = session_store_set_org(req->arena, session->id, org_id);
	if (status == DB_OK)
		status = staff_remember_org(req->arena, session->staff_id, org_id);
	if (status == DB_OK)
		session->org_id = org_id;
	return status;
}

const char *sess_csrf_token(struct request *req)
{
	if (req->session != NULL)
		return req->session->csrf_token;
	const char *existing = req_field_get(&req->cookies, signin_cookie_name(req));
	if (token_shape(existing))
		return existing;
	char *token = arena_alloc(req->arena, TOKEN_HEX_LEN + 1);
	if (!crypto_token(token))
		return "";
	/* lives for the sign-in form only; a session replaces it */
	set_cookie(req, signin_cookie_name(req), token, 3600);
	/* remember it for the rest of this request (the form and the cookie must agree) */
	struct req_field *copy =
		&(struct req_field){ signin_cookie_name(req), token, TOKEN_HEX_LEN };
	struct req_fields *cookies = &req->cookies;
	struct req_field *items = arena_alloc(req->arena, (cookies->count + 1) * sizeof *items);
	if (cookies->count)
		memcpy(items, cookies->items, cookies->count * sizeof *items);
	items[cookies->count] = *copy;
	cookies->items = items;
	cookies->count++;
	cookies->capacity = cookies->count;
	return token;
}

/* A browser says where a request came from: Origin on POSTs, Sec-Fetch-Site on recent
 * ones. Either, when present, must name this site. Clients that send neither (scripts,
 * old browsers) still need the token. */
static bool same_origin(struct request *req)
{
	if (req->sec_fetch_site != NULL && strcmp(req->sec_fetch_site, "same-origin") != 0 &&
	    strcmp(req->sec_fetch_site, "none") != 0)
		return false;
	if (req->origin == NULL)
		return true;
	if (req->host == NULL)
		return false;
	const char *expected =
		arena_printf(req->arena, "%s://%s", req->tls ? "https" : "http", req->host);
	return strcmp(req->origin, expected) == 0;
}

bool sess_csrf_valid(struct request *req)
{
	if (!same_origin(req))
		return false;
	const char *sent = http_form(req, "csrf");
	const char *expected = req->session != NULL
				       ? req->session->csrf_token
				       : req_field_get(&req->cookies, signin_cookie_name(req));
	if (!token_shape(expected))
		return false;
	return crypto_equal(sent, expected);
}
