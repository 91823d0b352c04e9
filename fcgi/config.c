/* Reads the HDF config file into struct config, with defaults and checks. */
#include "config.h"

#include <ClearSilver.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *text(HDF *hdf, const char *name, const char *fallback)
{
	return hdf_get_value(hdf, name, fallback);
}

static bool flag(HDF *hdf, const char *name, bool fallback)
{
	return hdf_get_int_value(hdf, name, fallback ? 1 : 0) != 0;
}

/* A size or count: negative numbers become 0 so the range checks below refuse them
 * instead of turning into huge unsigned values. */
static size_t non_negative(HDF *hdf, const char *name, int fallback)
{
	int value = hdf_get_int_value(hdf, name, fallback);
	return value > 0 ? (size_t)value : 0;
}

static void complain(char *errors, size_t size, const char *message)
{
	size_t used = strlen(errors);
	if (used < size)
		snprintf(errors + used, size - used, "%s%s", used ? "\n" : "", message);
}

/* "" or "/a/b": every URL the app writes starts with it, so only plain path characters. */
static bool valid_base_path(const char *base)
{
	if (base[0] == '\0')
		return true;
	if (base[0] != '/' || base[strlen(base) - 1] == '/' || strstr(base, "//") != NULL)
		return false;
	for (const char *p = base; *p; p++)
		if (!(strchr("/-_.~", *p) || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

/* ---- the file's blocks ----
 * ClearSilver's HDF reader is lenient where a mistake silently drops settings: a block left
 * open ends at the end of the file, a "}" that closes no block ends the reading (every line
 * after it is ignored), text after a "{" on its line is ignored, and a multi-line value
 * ("Name << EOF") whose end line is missing takes the rest of the file as its value. So once
 * ClearSilver has accepted the file (every line then is blank, a comment or #include, "}",
 * or a name with [attributes] followed by "=", ":", ":=", "{" or "<<"), its text is scanned
 * for those four mistakes, the way ClearSilver reads it. Files it #includes are not scanned. */

#define BLOCK_LEVELS 32 /* where open blocks are remembered; deeper ones are only counted */

static bool hdf_space(char c)
{
	return isspace((unsigned char)c) != 0;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && hdf_space(*p))
		p++;
	return p;
}

/* A name, then any [attributes] (whose quoted values may hold "]"), then space. */
static const char *skip_name(const char *p, const char *end)
{
	while (p < end && (isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
		p++;
	p = skip_space(p, end);
	if (p < end && *p == '[') {
		bool quoted = false;
		for (p++; p < end && (quoted || *p != ']'); p++)
			if (*p == '"')
				quoted = !quoted;
		if (p < end)
			p++;
		p = skip_space(p, end);
	}
	return p;
}

/* The line after line_start, or end. */
static const char *next_line(const char *line_start, const char *end)
{
	const char *newline = memchr(line_start, '\n', (size_t)(end - line_start));
	return newline != NULL ? newline + 1 : end;
}

/* Lines are counted from 1, as ClearSilver's own messages count them. */
static bool check_blocks(const char *path, const char *text, char *errors, size_t size)
{
	const char *end = text + strlen(text);
	int open_lines[BLOCK_LEVELS];
	int depth = 0;
	int number = 0;
	for (const char *line = text; line < end;) {
		const char *after = next_line(line, end);
		number++;
		const char *p = skip_space(line, after);
		if (p == after || *p == '#') {
			line = after;
			continue;
		}
		if (*p == '}') {
			if (depth == 0) {
				snprintf(errors, size,
					 "%s:%d: this } closes no block, and every line after it "
					 "would "
					 "be ignored",
					 path, number);
				return false;
			}
			depth--;
			line = after;
			continue;
		}
		p = skip_name(p, after);
		if (p < after && *p == '{') {
			const char *rest = skip_space(p + 1, after);
			if (rest < after && *rest != '#') {
				snprintf(
					errors, size,
					"%s:%d: text after { would be ignored: put each setting of "
					"the block on a line of its own, and its } on the last",
					path, number);
				return false;
			}
			if (depth < BLOCK_LEVELS)
				open_lines[depth] = number;
			depth++;
		} else if (p + 1 < after && p[0] == '<' && p[1] == '<') {
			/* the value ends at a line that starts with the terminator then a space or
			 * line break */
			const char *terminator = skip_space(p + 2, after);
			const char *terminator_end = after;
			while (terminator_end > terminator && hdf_space(terminator_end[-1]))
				terminator_end--;
			size_t length = (size_t)(terminator_end - terminator);
			int opened = number;
			bool ended = length == 0; /* ClearSilver refuses that itself */
			for (line = after; !ended && line < end; line = after) {
				after = next_line(line, end);
				number++;
				ended = (size_t)(after - line) > length &&
					memcmp(line, terminator, length) == 0 &&
					hdf_space(line[length]);
			}
			if (!ended) {
				snprintf(errors, size,
					 "%s:%d: the multi-line value started here never ends: add "
					 "a "
					 "line \"%.*s\" after it",
					 path, opened, (int)(length > 40 ? 40 : length),
					 terminator);
				return false;
			}
		}
		line = after;
	}
	if (depth > 0) {
		int opened = open_lines[(depth < BLOCK_LEVELS ? depth : BLOCK_LEVELS) - 1];
		snprintf(errors, size,
			 "%s:%d: the block opened here is never closed: a } is missing", path,
			 opened);
		return false;
	}
	return true;
}

/* ClearSilver's error as "cannot read PATH: why"; consumes err. */
static void read_failed(NEOERR **err, const char *path, char *errors, size_t size)
{
	STRING message;
	string_init(&message);
	nerr_error_string(*err, &message);
	snprintf(errors, size, "cannot read %s: %s", path,
		 message.buf ? message.buf : "unknown error");
	string_clear(&message);
	nerr_ignore(err);
}

/* Referrals.Database.*; returns the port as written, for its check. */
static int read_database(HDF *hdf, struct config_database *db)
{
	db->socket = text(hdf, "Referrals.Database.Socket", NULL);
	db->host = text(hdf, "Referrals.Database.Host", NULL);
	int port = hdf_get_int_value(hdf, "Referrals.Database.Port", 0);
	db->port = port > 0 && port <= 65535 ? (unsigned)port : 0;
	db->name = text(hdf, "Referrals.Database.Name", "referrals");
	db->user = text(hdf, "Referrals.Database.User", "referrals");
	db->password = text(hdf, "Referrals.Database.Password", NULL);
	db->connect_timeout = (unsigned)non_negative(hdf, "Referrals.Database.ConnectTimeout", 3);
	db->read_timeout = (unsigned)non_negative(hdf, "Referrals.Database.ReadTimeout", 30);
	db->sync_wait = (unsigned)non_negative(hdf, "Referrals.Database.SyncWait", 0);
	return port;
}

/* Referrals.Ldap.* */
static void read_ldap(HDF *hdf, struct config_ldap *ldap)
{
	ldap->uri = text(hdf, "Referrals.Ldap.Uri", "ldap://localhost");
	ldap->base_dn = text(hdf, "Referrals.Ldap.BaseDn", "");
	ldap->user_attribute = text(hdf, "Referrals.Ldap.UserAttribute", "uid");
	ldap->user_object_class = text(hdf, "Referrals.Ldap.UserObjectClass", "person");
	ldap->bind_dn = text(hdf, "Referrals.Ldap.BindDn", NULL);
	ldap->bind_password = text(hdf, "Referrals.Ldap.BindPassword", NULL);
	ldap->group_base_dn = text(hdf, "Referrals.Ldap.GroupBaseDn", NULL);
	ldap->admin_group = text(hdf, "Referrals.Ldap.AdminGroup", NULL);
	ldap->ca_file = text(hdf, "Referrals.Ldap.CaFile", NULL);
	ldap->start_tls = flag(hdf, "Referrals.Ldap.StartTls", false);
	ldap->require_cert = flag(hdf, "Referrals.Ldap.RequireCert", true);
	ldap->use_member_of = flag(hdf, "Referrals.Ldap.UseMemberOf", false);
	ldap->network_timeout = hdf_get_int_value(hdf, "Referrals.Ldap.NetworkTimeout", 5);
	ldap->timeout = hdf_get_int_value(hdf, "Referrals.Ldap.Timeout", 10);
	ldap->group_recheck_minutes =
		hdf_get_int_value(hdf, "Referrals.Ldap.GroupRecheckMinutes", 15);
}

/* Referrals.Mail.*; false when Security is not one of the three. */
static bool read_mail(HDF *hdf, struct config_mail *mail)
{
	mail->host = text(hdf, "Referrals.Mail.Host", NULL);
	if (mail->host != NULL && mail->host[0] == '\0')
		mail->host = NULL;
	const char *security = text(hdf, "Referrals.Mail.Security", "starttls");
	mail->security = strcmp(security, "tls") == 0	 ? MAIL_TLS
			 : strcmp(security, "none") == 0 ? MAIL_PLAIN
							 : MAIL_STARTTLS;
	mail->port = (unsigned)non_negative(hdf, "Referrals.Mail.Port",
					    mail->security == MAIL_TLS ? 465 : 587);
	mail->user = text(hdf, "Referrals.Mail.User", NULL);
	mail->password = text(hdf, "Referrals.Mail.Password", NULL);
	mail->ca_file = text(hdf, "Referrals.Mail.CaFile", NULL);
	mail->from = text(hdf, "Referrals.Mail.From", "referrals@localhost");
	mail->base_url = text(hdf, "Referrals.Mail.BaseUrl", "http://localhost");
	mail->retry_seconds = (unsigned)non_negative(hdf, "Referrals.Mail.RetrySeconds", 60);
	mail->retry_max_seconds =
		(unsigned)non_negative(hdf, "Referrals.Mail.RetryMaxSeconds", 1800);
	mail->fail_after_minutes =
		(unsigned)non_negative(hdf, "Referrals.Mail.FailAfterMinutes", 2880);
	mail->poll_seconds = (unsigned)non_negative(hdf, "Referrals.Mail.PollSeconds", 10);
	mail->timeout = (unsigned)non_negative(hdf, "Referrals.Mail.Timeout", 60);
	return strcmp(security, "tls") == 0 || strcmp(security, "starttls") == 0 ||
	       strcmp(security, "none") == 0;
}

/* Several database hosts and a TCP listening address (several application hosts, issue 16). */
static void load_hosts(HDF *hdf, struct config *c, char *errors, size_t errors_size)
{
	struct config_database *db = &c->database;
	const char *hosts = text(hdf, "Referrals.Database.Hosts", NULL);
	if (hosts != NULL && !db_hosts_parse(hosts, &db->hosts))
		complain(errors, errors_size,
			 "Referrals.Database.Hosts must be up to 8 hosts like 10.0.0.1:3306, "
			 "separated by commas");
	if (db->socket == NULL && db->host == NULL && hosts == NULL)
		complain(errors, errors_size,
			 "set Referrals.Database.Socket, Referrals.Database.Host or "
			 "Referrals.Database.Hosts");
	if (db->sync_wait > 15)
		complain(errors, errors_size, "Referrals.Database.SyncWait must be from 0 to 15");
	c->listen = text(hdf, "Referrals.Listen", NULL);
	struct db_hosts listen_parsed;
	if (c->listen != NULL && (!db_hosts_parse(c->listen, &listen_parsed) ||
				  listen_parsed.count != 1 || listen_parsed.hosts[0].port == 0))
		complain(errors, errors_size,
			 "Referrals.Listen must be an address and port, like 127.0.0.1:9000");
	else if (c->listen != NULL)
		c->listen_address = listen_parsed.hosts[0];
}

struct config *config_load(const char *path, char *errors, size_t errors_size)
{
	errors[0] = '\0';
	HDF *hdf = NULL;
	char *file_text = NULL;
	NEOERR *err = hdf_init(&hdf);
	if (err == STATUS_OK)
		err = hdf_read_file(hdf, path);
	if (err == STATUS_OK)
		err = ne_load_file(path, &file_text);
	bool readable = err == STATUS_OK && check_blocks(path, file_text, errors, errors_size);
	if (err != STATUS_OK)
		read_failed(&err, path, errors, errors_size);
	free(file_text);
	if (!readable) {
		hdf_destroy(&hdf);
		return NULL;
	}
	struct config *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	c->hdf = hdf;
	c->path = path;
	c->base_path = text(hdf, "Referrals.BasePath", "");
	c->socket_path = text(hdf, "Referrals.Socket", "/run/referrals/referrals.sock");
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	c->workers = (unsigned)hdf_get_int_value(hdf, "Referrals.Workers",
						 (int)(cores > 0 ? cores * 2 : 2));
	c->backlog = (unsigned)non_negative(hdf, "Referrals.Backlog", 1024);
	c->time_zone = text(hdf, "Referrals.TimeZone", "Europe/London");
	c->templates_dir = text(hdf, "Referrals.Templates", REFERRALS_DATADIR "/views");
	c->sql_dir = text(hdf, "Referrals.SqlDir", REFERRALS_DATADIR "/sql");
	c->testing = flag(hdf, "Referrals.Testing", false);
	c->access_log = flag(hdf, "Referrals.AccessLog", true); /* issue 15 */

	struct config_database *db = &c->database;
	int port = read_database(hdf, db);
	struct config_ldap *ldap = &c->ldap;
	read_ldap(hdf, ldap);
	struct config_mail *mail = &c->mail;
	bool mail_security_known = read_mail(hdf, mail);

	c->limits.body_bytes = non_negative(hdf, "Referrals.Limits.BodyBytes", 1048576);
	c->limits.fields = non_negative(hdf, "Referrals.Limits.Fields", 200);
	c->limits.field_bytes = non_negative(hdf, "Referrals.Limits.FieldBytes", 65536);
	c->upload_bytes = non_negative(hdf, "Referrals.Limits.UploadBytes", 52428800);

	if (!valid_base_path(c->base_path))
		complain(errors, errors_size,
			 "Referrals.BasePath must be empty or like /referrals (no trailing slash)");
	if (c->workers < 1 || c->workers > 256)
		complain(errors, errors_size, "Referrals.Workers must be between 1 and 256");
	if (c->backlog < 16 || c->backlog > 65535)
		complain(errors, errors_size, "Referrals.Backlog must be between 16 and 65535");
	if (c->socket_path[0] != '/')
		complain(errors, errors_size, "Referrals.Socket must be an absolute path");
	if (strlen(c->socket_path) >= 100)
		complain(errors, errors_size,
			 "Referrals.Socket is too long for a unix socket path");
	if (port < 0 || port > 65535)
		complain(errors, errors_size,
			 "Referrals.Database.Port must be between 0 and 65535");
	if (db->connect_timeout < 1 || db->read_timeout < 1)
		complain(errors, errors_size,
			 "Referrals.Database timeouts must be at least 1 second");
	load_hosts(hdf, c, errors, errors_size);
	if (ldap->base_dn[0] == '\0')
		complain(errors, errors_size, "Referrals.Ldap.BaseDn is required");
	if (ldap->network_timeout < 1 || ldap->timeout < 1)
		complain(errors, errors_size, "Referrals.Ldap timeouts must be at least 1 second");
	if (ldap->group_recheck_minutes < 1 || ldap->group_recheck_minutes > 1440)
		complain(errors, errors_size,
			 "Referrals.Ldap.GroupRecheckMinutes must be from 1 to 1440 minutes");
	if (c->limits.body_bytes < 1024 || c->limits.fields < 1 || c->limits.field_bytes < 64)
		complain(errors, errors_size, "Referrals.Limits are too small to be usable");
	if (c->upload_bytes < c->limits.body_bytes || c->upload_bytes > 1073741824)
		complain(errors, errors_size,
			 "Referrals.Limits.UploadBytes must be from BodyBytes to 1 GiB");
	if (!mail_security_known)
		complain(errors, errors_size,
			 "Referrals.Mail.Security must be starttls, tls or none");
	if (mail->port < 1 || mail->port > 65535 || mail->retry_seconds < 1 ||
	    mail->retry_max_seconds < mail->retry_seconds || mail->fail_after_minutes < 1 ||
	    mail->poll_seconds < 1 || mail->poll_seconds > 3600 || mail->timeout < 1)
		complain(errors, errors_size,
			 "Referrals.Mail: Port from 1 to 65535, RetrySeconds and PollSeconds at "
			 "least 1, RetryMaxSeconds at least RetrySeconds, FailAfterMinutes and "
			 "Timeout at least 1");
	if (mail->host != NULL && strchr(mail->from, '@') == NULL)
		complain(errors, errors_size, "Referrals.Mail.From must be an e-mail address");
	if (errors[0] != '\0') {
		config_free(c);
		return NULL;
	}
	return c;
}

void config_free(struct config *config)
{
	if (config == NULL)
		return;
	HDF *hdf = config->hdf;
	hdf_destroy(&hdf);
	free(config);
}
