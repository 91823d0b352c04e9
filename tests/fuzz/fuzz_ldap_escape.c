/* libFuzzer target: ldap_filter_escape and ldap_dn_normalise (fcgi/ldap_auth.c). A username
 * goes into a search filter: its escaped form must never hold a bare '*', '(' or ')' (which
 * would change the filter), must unescape to exactly the username, and libldap itself must
 * read "(uid=<escaped>)" as one equality test of uid against exactly the username. */
#include <lber.h>
#include <ldap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/ldap_auth.h"

/* libldap's filter encoder (exported, but declared only in its private ldap_pvt.h): what
 * ldap_search_ext_s does with the filter string before it goes on the wire. */
int ldap_pvt_put_filter(BerElement *ber, const char *str);

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_ldap_escape: %s\n", why);
	abort();
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1; /* the escaper writes lower case */
}

static void check_escape(struct arena *arena, const char *value)
{
	const char *escaped = ldap_filter_escape(arena, value);
	size_t len = strlen(escaped);
	char *unescaped = arena_alloc(arena, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = escaped[i];
		if (c == '*' || c == '(' || c == ')')
			fail("an unescaped '*', '(' or ')' in the filter value");
		if (c == '\\') {
			/* RFC 4515: a backslash is always followed by two hex digits */
			int hi = i + 2 < len ? hex_value(escaped[i + 1]) : -1;
			int lo = i + 2 < len ? hex_value(escaped[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				fail("a backslash without two hex digits after it");
			unescaped[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			unescaped[o++] = c;
		}
	}
	unescaped[o] = '\0';
	if (strcmp(unescaped, value) != 0)
		fail("the escaped value does not unescape to the input");
	if (len > 3 * strlen(value))
		fail("escaping more than tripled the length");

	/* what the directory would be sent */
	const char *filter = arena_printf(arena, "(uid=%s)", escaped);
	BerElement *out = ber_alloc_t(LBER_USE_DER);
	if (out == NULL)
		abort();
	if (ldap_pvt_put_filter(out, filter) == -1)
		fail("libldap refuses the filter");
	struct berval *encoded = NULL;
	if (ber_flatten(out, &encoded) != 0)
		abort();
	ber_free(out, 1);
	BerElement *in = ber_init(encoded);
	ber_len_t tag_len;
	if (ber_peek_tag(in, &tag_len) != LDAP_FILTER_EQUALITY)
		fail("libldap reads the filter as something other than one equality test");
	struct berval attribute, assertion;
	if (ber_scanf(in, "{mm}", &attribute, &assertion) == LBER_ERROR)
		fail("libldap's equality test does not decode");
	if (attribute.bv_len != 3 || memcmp(attribute.bv_val, "uid", 3) != 0)
		fail("the equality test is not of uid");
	if (assertion.bv_len != strlen(value) ||
	    memcmp(assertion.bv_val, value, assertion.bv_len) != 0)
		fail("the equality test's value is not the input");
	ber_free(in, 1);
	ber_bvfree(encoded);
}

/* Which characters of a DN are escaped (the one after a backslash, RFC 4514). */
static bool *escaped_positions(struct arena *arena, const char *dn, size_t len)
{
	bool *escaped = arena_zalloc(arena, len + 1);
	for (size_t i = 0; i + 1 < len; i++)
		if (dn[i] == '\\')
			escaped[++i] = true;
	return escaped;
}

static bool separator(const char *dn, const bool *escaped, size_t i)
{
	return (dn[i] == ',' || dn[i] == '=' || dn[i] == '+') && !escaped[i];
}

/* Set FUZZ_KNOWN_BUGS=1 to check what fcgi/ldap_auth.c still gets wrong (spaces escaped or
 * after an escaped separator are dropped as if they were padding); off by default so the
 * fuzzer can look further. */
static bool known_bugs;

static void check_normalise(struct arena *arena, const char *dn)
{
	const char *normal = ldap_dn_normalise(arena, dn);
	size_t len = strlen(normal);
	if (len > strlen(dn))
		fail("normalising made the DN longer");
	const bool *escaped = escaped_positions(arena, normal, len);
	if (len > 0 && (normal[0] == ' ' || (normal[len - 1] == ' ' && !escaped[len - 1])))
		fail("a leading or trailing space survived");
	for (size_t i = 0; i < len; i++) {
		if (normal[i] >= 'A' && normal[i] <= 'Z')
			fail("an upper-case letter survived");
		if (normal[i] == ' ' && !escaped[i] &&
		    ((i > 0 && separator(normal, escaped, i - 1)) ||
		     (i + 1 < len && separator(normal, escaped, i + 1))))
			fail("a space beside a separator survived");
	}
	if (strcmp(ldap_dn_normalise(arena, normal), normal) != 0)
		fail("normalising is not idempotent");
	if (known_bugs) {
		/* only padding goes: every space that is escaped, or inside a value, stays */
		size_t dn_len = strlen(dn), significant = 0, kept = 0;
		const bool *dn_escaped = escaped_positions(arena, dn, dn_len);
		for (size_t i = 0; i < dn_len; i++) {
			if (dn[i] != ' ')
				continue;
			if (dn_escaped[i]) {
				significant++;
				continue;
			}
			size_t start = i, end = i;
			while (end < dn_len && dn[end] == ' ' && !dn_escaped[end])
				end++;
			bool padding = start == 0 || separator(dn, dn_escaped, start - 1) ||
				       end == dn_len || separator(dn, dn_escaped, end);
			if (!padding)
				significant += end - start;
			i = end - 1;
		}
		for (size_t i = 0; i < len; i++)
			kept += normal[i] == ' ';
		if (kept != significant)
			fail("a space that is part of a value was dropped");
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	known_bugs = getenv("FUZZ_KNOWN_BUGS") != NULL;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *arena;
	if (arena == NULL)
		arena = arena_new(4096);
	arena_reset(arena);
	/* both take C strings: the input up to its first NUL */
	char *text = arena_strndup(arena, (const char *)data, size);
	check_escape(arena, text);
	check_normalise(arena, text);
	return 0;
}
