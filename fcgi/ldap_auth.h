/* Signing staff in against the organisation's directory: search for the one entry of the
 * username (escaped filter), bind as it with the password, then read its groups. */
#ifndef REFERRALS_LDAP_AUTH_H
#define REFERRALS_LDAP_AUTH_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct config_ldap;

enum ldap_auth_status {
	LDAP_AUTH_OK,
	LDAP_AUTH_REFUSED,     /* unknown user, wrong or empty password, ambiguous entry */
	LDAP_AUTH_UNAVAILABLE, /* the directory cannot be reached or timed out */
	LDAP_AUTH_HELD,	       /* the entry was found, and may_try said not to try the password */
};

/* Asked with the entry's DN once the search has found the one entry of the name, before the
 * password is tried (the sign-in throttle counts the attempt against the entry here): false
 * stops there. */
typedef bool (*ldap_may_try)(void *context, const char *dn);

struct ldap_user {
	const char *username;
	const char *dn;
	const char *display_name;
	const char *email;
	const char **groups; /* normalised DNs */
	size_t group_count;
	bool is_admin;
};

/* may_try may be NULL (always try). */
enum ldap_auth_status ldap_authenticate(struct arena *arena, const struct config_ldap *config,
					const char *username, const char *password,
					ldap_may_try may_try, void *context, struct ldap_user *out);
/* The directory's entry at dn read again as the service account (a signed-in staff member's
 * groups, re-checked while the session lives): LDAP_AUTH_REFUSED when it is gone or no longer
 * a person, LDAP_AUTH_UNAVAILABLE when the directory cannot answer. */
enum ldap_auth_status ldap_read_entry(struct arena *arena, const struct config_ldap *config,
				      const char *dn, struct ldap_user *out);
/* The one person whose username or email is query (escaped into the filter), searched as
 * the service account, without their groups: a manager adding staff. LDAP_AUTH_REFUSED when
 * nobody or more than one entry matches. */
enum ldap_auth_status ldap_find_person(struct arena *arena, const struct config_ldap *config,
				       const char *query, struct ldap_user *out);
/* Whether the directory answers a bind (service account or anonymous). */
bool ldap_reachable(const struct config_ldap *config);
/* RFC 4515 escaping of a value for use inside a search filter. */
char *ldap_filter_escape(struct arena *arena, const char *value);
/* Lower case, no spaces around ',' '=' and '+': the form DNs are compared in. */
char *ldap_dn_normalise(struct arena *arena, const char *dn);

#endif
