/* The program's configuration, read from an HDF file (see referrals.hdf(5)). */
#ifndef REFERRALS_CONFIG_H
#define REFERRALS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "db_hosts.h"
#include "request.h"

struct config_database {
	const char *socket;
	const char *host;
	unsigned port;
	const char *name;
	const char *user;
	const char *password;
	unsigned connect_timeout; /* seconds */
	unsigned read_timeout;	  /* seconds */
	struct db_hosts hosts;	  /* Referrals.Database.Hosts: several servers, in order of use */
	unsigned sync_wait; /* Referrals.Database.SyncWait: wsrep_sync_wait for every session */
};

struct config_ldap {
	const char *uri;
	const char *base_dn;
	const char *user_attribute;
	const char *user_object_class;
	const char *bind_dn;
	const char *bind_password;
	const char *group_base_dn;
	const char *admin_group;
	const char *ca_file;
	bool start_tls;
	bool require_cert;
	bool use_member_of;
	int network_timeout;	   /* seconds */
	int timeout;		   /* seconds */
	int group_recheck_minutes; /* a live session's directory groups are read again after */
};

/* Referrals.Mail.*: e-mail notifications (the sender, fcgi/mail_sender.c). */
enum mail_security { MAIL_PLAIN, MAIL_STARTTLS, MAIL_TLS };
struct config_mail {
	const char *host; /* the SMTP relay; NULL: no sender runs, the outbox waits */
	unsigned port;
	enum mail_security security;
	const char *user, *password; /* optional authentication */
	const char *ca_file;	     /* optional CA bundle for the relay's certificate */
	const char *from;	     /* the From address */
	const char *base_url;	     /* the public address of the application, for links */
	unsigned retry_seconds;	     /* the first back-off; doubled each time */
	unsigned retry_max_seconds;  /* the longest back-off */
	unsigned fail_after_minutes; /* a message still unsent this long after it was written fails
				      */
	unsigned poll_seconds;	     /* how often the sender looks at the outbox */
	unsigned timeout;	     /* seconds for one SMTP conversation */
};

struct config {
	const char *path; /* the file it came from */
	const char *base_path;
	const char *socket_path;
	const char *listen; /* Referrals.Listen: "address:port" for FastCGI over TCP, or NULL */
	struct db_host listen_address;
	unsigned workers;
	unsigned backlog; /* Referrals.Backlog: connections waiting for a worker */
	const char *time_zone;
	const char *templates_dir;
	const char *sql_dir;
	bool testing;
	bool access_log; /* Referrals.AccessLog (default 1); 0 only for the benchmark's comparison
			  */
	struct config_database database;
	struct config_ldap ldap;
	struct config_mail mail;
	struct req_limits limits;
	size_t upload_bytes; /* Referrals.Limits.UploadBytes: a multipart body on an upload route */
	void *hdf;	     /* owns every string above */
};

/* Loads and checks path; on failure returns NULL and writes the reasons to errors. */
struct config *config_load(const char *path, char *errors, size_t errors_size);
void config_free(struct config *config);

#endif
