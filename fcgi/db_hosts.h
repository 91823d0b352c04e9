/* Referrals.Database.Hosts: the database servers a worker may use (the nodes of a Galera
 * cluster), in the order it prefers them, and the choice of the next one after a failure. */
#ifndef REFERRALS_DB_HOSTS_H
#define REFERRALS_DB_HOSTS_H

#include <stdbool.h>
#include <stddef.h>

#define DB_HOSTS_MAX 8
#define DB_HOST_NAME_MAX 256

struct db_host {
	char name[DB_HOST_NAME_MAX]; /* a name, an IPv4 address or an IPv6 one without brackets */
	unsigned port;		     /* 0: the default (3306) */
};

struct db_hosts {
	struct db_host hosts[DB_HOSTS_MAX];
	size_t count;
};

/* Parses "a:3306, b, [::1]:3307" (separated by commas or spaces) into out. Returns false for an
 * empty list, more than DB_HOSTS_MAX hosts, an empty name or a port outside 1-65535. */
bool db_hosts_parse(const char *text, struct db_hosts *out);

/* The host to try after `failed` (the index of one that just failed or went away): the next in
 * the list, wrapping round. A worker that lost its node moves on at once instead of trying
 * the node that just went away again. */
size_t db_hosts_next(const struct db_hosts *hosts, size_t failed);

#endif
