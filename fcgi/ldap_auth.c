/* libldap, synchronous calls with network and operation timeouts. A connection per sign-in:
 * sign-ins are rare next to page views, and a worker holds no directory state. */
#define LDAP_DEPRECATED 0
#include "ldap_auth.h"

#include <ctype.h>
#include <lber.h>
#include <ldap.h>
#include <string.h>
#include <sys/time.h>

#include "arena.h"
#include "config.h"
#include "log.h"

char *ldap_filter_escape(struct arena *arena, const char *value)
{
	size_t len = strlen(value);
	char *out = arena_alloc(arena, len * 3 + 1);
	char *o = out;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p == '*' || *p == '(' || *p == ')' || *p == '\\' || *p == 0) {
			static const char digits[] = "0123456789abcdef";
			*o++ = '\\';
			*o++ = digits[*p >> 4];
			*o++ = digits[*p & 0xf];
		} else {
			*o++ = (char)*p;
		}
	}
	*o = '\0';
	return out;
}

char *ldap_dn_normalise(struct arena *arena, const char *dn)
{
	size_t len = strlen(dn);
	char *out = arena_alloc(arena, len + 1);
	size_t o = 0;
	/* whether the last character written was an unescaped ',', '=' or '+' (or nothing yet):
	 * spaces next to those are not part of the name */
	bool after_separator = true;
	for (size_t i = 0; i < len; i++) {
		char c = dn[i];
		if (c == '\\' && i + 1 < len) {
			/* an escaped character is part of the value, spaces and commas included */
			out[o++] = c;
			out[o++] = (char)tolower((unsigned char)dn[++i]);
			after_separator = false;
			continue;
		}
		if (c == ' ') {
			size_t j = i;
			while (j < len && dn[j] == ' ')
				j++;
			bool before_separator = j == len || strchr(",=+", dn[j]) != NULL;
			if (after_separator || before_separator) {
				i = j - 1;
				continue;
			}
		}
		out[o++] = (char)tolower((unsigned char)c);
		after_separator = strchr(",=+", c) != NULL;
	}
	out[o] = '\0';
	return out;
}

/* A connection with timeouts and TLS set up and bound as the service account (or
 * anonymously); NULL when the directory cannot be reached. */
static LDAP *connect_directory(const struct config_ldap *config)
{
	LDAP *ld = NULL;
	if (ldap_initialize(&ld, config->uri) != LDAP_SUCCESS || ld == NULL) {
		log_error("ldap: bad Uri %s", config->uri);
		return NULL;
	}
	int version = LDAP_VERSION3;
	ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
	ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
	struct timeval network = { config->network_timeout, 0 };
	struct timeval operation = { config->timeout, 0 };
	ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &network);
	ldap_set_option(ld, LDAP_OPT_TIMEOUT, &operation);
	if (config->ca_file != NULL)
		ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, config->ca_file);
	int require = config->require_cert ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_ALLOW;
	ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &require);
	int fresh_context = 0;
	ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &fresh_context);
	if (config->start_tls) {
		int rc = ldap_start_tls_s(ld, NULL, NULL);
		if (rc != LDAP_SUCCESS) {
			log_error("ldap: StartTLS failed: %s", ldap_err2string(rc));
			ldap_unbind_ext_s(ld, NULL, NULL);
			return NULL;
		}
	}
	struct berval credentials = { 0, NULL };
	if (config->bind_password != NULL) {
		credentials.bv_val = (char *)config->bind_password;
		credentials.bv_len = strlen(config->bind_password);
	}
	int rc = ldap_sasl_bind_s(ld, config->bind_dn ? config->bind_dn : "", LDAP_SASL_SIMPLE,
				  &credentials, NULL, NULL, NULL);
	if (rc != LDAP_SUCCESS) {
		log_error("ldap: service bind failed: %s", ldap_err2string(rc));
		ldap_unbind_ext_s(ld, NULL, NULL);
		return NULL;
	}
	return ld;
}

static bool unreachable(int rc)
{
	return rc == LDAP_SERVER_DOWN || rc == LDAP_TIMEOUT || rc == LDAP_CONNECT_ERROR ||
	       rc == LDAP_UNAVAILABLE || rc == LDAP_BUSY || rc == LDAP_TIMELIMIT_EXCEEDED;
}

static const char *first_value(struct arena *arena, LDAP *ld, LDAPMessage *entry,
			       const char *attribute)
{
	struct berval **values = ldap_get_values_len(ld, entry, attribute);
	const char *result = NULL;
	if (values != NULL && values[0] != NULL)
		result = arena_strndup(arena, values[0]->bv_val, values[0]->bv_len);
	ldap_value_free_len(values);
	return result;
}

static void add_group(struct arena *arena, struct ldap_user *user, size_t *capacity, const char *dn)
{
	const char *normal = ldap_dn_normalise(arena, dn);
	for (size_t i = 0; i < user->group_count; i++)
		if (strcmp(user->groups[i], normal) == 0)
			return;
	if (user->group_count == *capacity) {
		*capacity = *capacity ? *capacity * 2 : 8;
		const char **groups = arena_alloc(arena, *capacity * sizeof *groups);
		if (user->group_count)
			memcpy(groups, user->groups, user->group_count * sizeof *groups);
		user->groups = groups;
	}
	user->groups[user->group_count++] = normal;
}

/* Groups from groupOfNames/member under GroupBaseDn, and memberOf when configured. */
static int read_groups(struct arena *arena, LDAP *ld, const struct config_ldap *config,
		       LDAPMessage *entry, struct ldap_user *user)
{
	size_t capacity = 0;
	if (config->use_member_of) {
		struct berval **values = ldap_get_values_len(ld, entry, "memberOf");
		for (size_t i = 0; values && values[i]; i++)
			add_group(arena, user, &capacity,
				  arena_strndup(arena, values[i]->bv_val, values[i]->bv_len));
		ldap_value_free_len(values);
	}
	if (config->group_base_dn == NULL)
		return LDAP_SUCCESS;
	char *filter = arena_printf(
		arena,
		"(&(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))"
		"(|(member=%s)(uniqueMember=%s)))",
		ldap_filter_escape(arena, user->dn), ldap_filter_escape(arena, user->dn));
	char *no_attributes[] = { LDAP_NO_ATTRS, NULL };
	LDAPMessage *result = NULL;
	struct timeval operation = { config->timeout, 0 };
	int rc = ldap_search_ext_s(ld, config->group_base_dn, LDAP_SCOPE_SUBTREE, filter,
				   no_attributes, 0, NULL, NULL, &operation, 1000, &result);
	if (rc == LDAP_SUCCESS || rc == LDAP_SIZELIMIT_EXCEEDED) {
		for (LDAPMessage *group = ldap_first_entry(ld, result); group != NULL;
		     group = ldap_next_entry(ld, group)) {
			char *dn = ldap_get_dn(ld, group);
			if (dn != NULL)
				add_group(arena, user, &capacity, dn);
			ldap_memfree(dn);
		}
		rc = LDAP_SUCCESS;
	} else if (rc == LDAP_NO_SUCH_OBJECT) {
		rc = LDAP_SUCCESS;
	}
	ldap_msgfree(result);
	return rc;
}

/* The entry's DN, username (as the directory spells it), name and email into out; false
 * when it has no DN. */
static bool describe_entry(struct arena *arena, LDAP *ld, const struct config_ldap *config,
			   LDAPMessage *entry, const char *username, struct ldap_user *out)
{
	char *dn = ldap_get_dn(ld, entry);
	if (dn == NULL)
		return false;
	out->dn = arena_strdup(arena, dn);
	ldap_memfree(dn);
	/* Take the username as the directory spells it, so "BEN" and "ben" are one staff row. */
	const char *canonical = first_value(arena, ld, entry, config->user_attribute);
	out->username = canonical ? canonical : arena_strdup(arena, username);
	const char *display = first_value(arena, ld, entry, "displayName");
	if (display == NULL)
		display = first_value(arena, ld, entry, "cn");
	out->display_name = display ? display : out->username;
	out->email = first_value(arena, ld, entry, "mail");
	return true;
}

/* The entry's groups, and whether the administrator group is one of them (connection bound
 * as the service account). */
static int groups_and_admin(struct arena *arena, LDAP *ld, const struct config_ldap *config,
			    LDAPMessage *entry, struct ldap_user *out)
{
	int rc = read_groups(arena, ld, config, entry, out);
	if (rc != LDAP_SUCCESS) {
		log_error("ldap: reading groups failed: %s", ldap_err2string(rc));
		return rc;
	}
	if (config->admin_group != NULL) {
		const char *admin = ldap_dn_normalise(arena, config->admin_group);
		for (size_t i = 0; i < out->group_count; i++)
			if (strcmp(out->groups[i], admin) == 0)
				out->is_admin = true;
	}
	return LDAP_SUCCESS;
}

enum ldap_auth_status ldap_authenticate(struct arena *arena, const struct config_ldap *config,
					const char *username, const char *password,
					ldap_may_try may_try, void *context, struct ldap_user *out)
{
	memset(out, 0, sizeof *out);
	/* An empty password would be an unauthenticated bind, which succeeds: refuse it here. */
	if (username == NULL || password == NULL || username[0] == '\0' || password[0] == '\0' ||
	    strlen(username) > 200 || strlen(password) > 1024)
		return LDAP_AUTH_REFUSED;
	LDAP *ld = connect_directory(config);
	if (ld == NULL)
		return LDAP_AUTH_UNAVAILABLE;
	enum ldap_auth_status status = LDAP_AUTH_REFUSED;
	char *filter = arena_printf(arena, "(&(objectClass=%s)(%s=%s))", config->user_object_class,
				    config->user_attribute, ldap_filter_escape(arena, username));
	char *attributes[] = {
		(char *)config->user_attribute, "cn", "displayName", "mail", "memberOf", NULL
	};
	LDAPMessage *result = NULL;
	struct timeval operation = { config->timeout, 0 };
	/* size limit 2: we only need to know whether there is exactly one */
	int rc = ldap_search_ext_s(ld, config->base_dn, LDAP_SCOPE_SUBTREE, filter, attributes, 0,
				   NULL, NULL, &operation, 2, &result);
	if (unreachable(rc)) {
		status = LDAP_AUTH_UNAVAILABLE;
		goto done;
	}
	if ((rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED) ||
	    ldap_count_entries(ld, result) != 1) {
		if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED &&
		    rc != LDAP_NO_SUCH_OBJECT)
			log_error("ldap: search failed: %s", ldap_err2string(rc));
		goto done;
	}
	LDAPMessage *entry = ldap_first_entry(ld, result);
	if (!describe_entry(arena, ld, config, entry, username, out))
		goto done;
	if (may_try != NULL && !may_try(context, out->dn)) {
		status = LDAP_AUTH_HELD;
		goto done;
	}

	struct berval credentials = { strlen(password), (char *)password };
	rc = ldap_sasl_bind_s(ld, out->dn, LDAP_SASL_SIMPLE, &credentials, NULL, NULL, NULL);
	if (rc != LDAP_SUCCESS) {
		status = unreachable(rc) ? LDAP_AUTH_UNAVAILABLE : LDAP_AUTH_REFUSED;
		goto done;
	}
	/* Read groups as the service account: users may not be allowed to search groups. */
	struct berval service = { 0, NULL };
	if (config->bind_password != NULL) {
		service.bv_val = (char *)config->bind_password;
		service.bv_len = strlen(config->bind_password);
	}
	rc = ldap_sasl_bind_s(ld, config->bind_dn ? config->bind_dn : "", LDAP_SASL_SIMPLE,
			      &service, NULL, NULL, NULL);
	if (rc == LDAP_SUCCESS)
		rc = groups_and_admin(arena, ld, config, entry, out);
	status = rc == LDAP_SUCCESS ? LDAP_AUTH_OK : LDAP_AUTH_UNAVAILABLE;
done:
	ldap_msgfree(result);
	ldap_unbind_ext_s(ld, NULL, NULL);
	return status;
}

enum ldap_auth_status ldap_read_entry(struct arena *arena, const struct config_ldap *config,
				      const char *dn, struct ldap_user *out)
{
	memset(out, 0, sizeof *out);
	LDAP *ld = connect_directory(config);
	if (ld == NULL)
		return LDAP_AUTH_UNAVAILABLE;
	char *attributes[] = {
		(char *)config->user_attribute, "cn", "displayName", "mail", "memberOf", NULL
	};
	LDAPMessage *result = NULL;
	struct timeval operation = { config->timeout, 0 };
	char *filter = arena_printf(arena, "(objectClass=%s)", config->user_object_class);
	int rc = ldap_search_ext_s(ld, dn, LDAP_SCOPE_BASE, filter, attributes, 0, NULL, NULL,
				   &operation, 1, &result);
	enum ldap_auth_status status = LDAP_AUTH_REFUSED;
	if (unreachable(rc) || (rc != LDAP_SUCCESS && rc != LDAP_NO_SUCH_OBJECT)) {
		log_error("ldap: reading %s failed: %s", dn, ldap_err2string(rc));
		status = LDAP_AUTH_UNAVAILABLE;
	} else if (rc == LDAP_SUCCESS && ldap_count_entries(ld, result) == 1) {
		LDAPMessage *entry = ldap_first_entry(ld, result);
		if (describe_entry(arena, ld, config, entry, "", out))
			status = groups_and_admin(arena, ld, config, entry, out) == LDAP_SUCCESS
					 ? LDAP_AUTH_OK
					 : LDAP_AUTH_UNAVAILABLE;
	}
	ldap_msgfree(result);
	ldap_unbind_ext_s(ld, NULL, NULL);
	return status;
}

bool ldap_reachable(const struct config_ldap *config)
{
	LDAP *ld = connect_directory(config);
	if (ld == NULL)
		return false;
	ldap_unbind_ext_s(ld, NULL, NULL);
	return true;
}

enum ldap_auth_status ldap_find_person(struct arena *arena, const struct config_ldap *config,
				       const char *query, struct ldap_user *out)
{
	memset(out, 0, sizeof *out);
	if (query == NULL || query[0] == '\0' || strlen(query) > 320)
		return LDAP_AUTH_REFUSED;
	LDAP *ld = connect_directory(config);
	if (ld == NULL)
		return LDAP_AUTH_UNAVAILABLE;
	const char *value = ldap_filter_escape(arena, query);
	char *filter =
		arena_printf(arena, "(&(objectClass=%s)(|(%s=%s)(mail=%s)))",
			     config->user_object_class, config->user_attribute, value, value);
	char *attributes[] = { (char *)config->user_attribute, "cn", "displayName", "mail", NULL };
	LDAPMessage *result = NULL;
	struct timeval operation = { config->timeout, 0 };
	/* size limit 2: one person or nobody; an email shared by two entries names nobody */
	int rc = ldap_search_ext_s(ld, config->base_dn, LDAP_SCOPE_SUBTREE, filter, attributes, 0,
				   NULL, NULL, &operation, 2, &result);
	enum ldap_auth_status status = LDAP_AUTH_REFUSED;
	if (unreachable(rc)) {
		status = LDAP_AUTH_UNAVAILABLE;
	} else if ((rc == LDAP_SUCCESS || rc == LDAP_SIZELIMIT_EXCEEDED) &&
		   ldap_count_entries(ld, result) == 1) {
		if (describe_entry(arena, ld, config, ldap_first_entry(ld, result), query, out))
			status = LDAP_AUTH_OK;
	} else if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED &&
		   rc != LDAP_NO_SUCH_OBJECT) {
		log_error("ldap: looking up a person failed: %s", ldap_err2string(rc));
		status = LDAP_AUTH_UNAVAILABLE;
	}
	ldap_msgfree(result);
	ldap_unbind_ext_s(ld, NULL, NULL);
	return status;
}
