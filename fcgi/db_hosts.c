/* Parses Referrals.Database.Hosts and picks the next host after a failure (pure; unit-tested
 * in tests/unit/check_db_hosts.c). The connecting is db.c's. */
#include "db_hosts.h"

#include <stdlib.h>
#include <string.h>

static bool separator(char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\n';
}

/* One "name", "name:port", "[v6]" or "[v6]:port" of length len at item. */
static bool parse_one(const char *item, size_t len, struct db_host *host)
{
	const char *name = item;
	size_t name_len = len;
	const char *port_text = NULL;
	if (item[0] == '[') {
		const char *close = memchr(item, ']', len);
		if (close == NULL)
			return false;
		name = item + 1;
		name_len = (size_t)(close - name);
		size_t rest = len - (size_t)(close + 1 - item);
		if (rest > 0) {
			if (close[1] != ':')
				return false;
			port_text = close + 2;
		}
	} else {
		const char *colon = memchr(item, ':', len);
		if (colon != NULL) {
			if (memchr(colon + 1, ':', len - (size_t)(colon + 1 - item)) != NULL)
				return false; /* an IPv6 address needs its brackets */
			name_len = (size_t)(colon - item);
			port_text = colon + 1;
		}
	}
	if (name_len == 0 || name_len >= DB_HOST_NAME_MAX)
		return false;
	memcpy(host->name, name, name_len);
	host->name[name_len] = '\0';
	host->port = 0;
	if (port_text != NULL) {
		size_t digits = len - (size_t)(port_text - item);
		if (digits == 0 || digits > 5)
			return false;
		unsigned port = 0;
		for (size_t i = 0; i < digits; i++) {
			if (port_text[i] < '0' || port_text[i] > '9')
				return false;
			port = port * 10 + (unsigned)(port_text[i] - '0');
		}
		if (port < 1 || port > 65535)
			return false;
		host->port = port;
	}
	return true;
}

bool db_hosts_parse(const char *text, struct db_hosts *out)
{
	memset(out, 0, sizeof *out);
	if (text == NULL)
		return false;
	const char *p = text;
	for (;;) {
		while (*p && separator(*p))
			p++;
		if (*p == '\0')
			break;
		const char *start = p;
		while (*p && !separator(*p))
			p++;
		if (out->count == DB_HOSTS_MAX ||
		    !parse_one(start, (size_t)(p - start), &out->hosts[out->count]))
			return false;
		out->count++;
	}
	return out->count > 0;
}

size_t db_hosts_next(const struct db_hosts *hosts, size_t failed)
{
	if (hosts->count == 0)
		return 0;
	return (failed + 1) % hosts->count;
}
