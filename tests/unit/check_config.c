/* Unit tests of fcgi/config.c: a full HDF file read into struct config, the defaults of
 * a minimal one, and the mistakes check-config must catch (each named in the error). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../fcgi/config.h"

/* Sample files live in tests/unit/data: `make check` says where, else beside this source. */
static char *data_path(const char *name)
{
	static char path[4096];
	const char *dir = getenv("UNIT_DATA_DIR");
	if (dir != NULL && dir[0] != '\0') {
		snprintf(path, sizeof path, "%s/%s", dir, name);
	} else {
		const char *slash = strrchr(__FILE__, '/');
		int dir_len = slash ? (int)(slash - __FILE__) : 1;
		snprintf(path, sizeof path, "%.*s/data/%s", dir_len, slash ? __FILE__ : ".", name);
	}
	return path;
}

/* Configs for the mistakes are written per test into a fresh directory. */
static char scratch[256];
static char errors[2048];

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(scratch, sizeof scratch, "%s/referrals-check-config-XXXXXX",
		 tmp && tmp[0] ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
	errors[0] = '\0';
}

static void teardown(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/referrals.hdf", scratch);
	unlink(path);
	rmdir(scratch);
}

static const char *write_config(const char *text)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/referrals.hdf", scratch);
	FILE *file = fopen(path, "w");
	ck_assert_ptr_nonnull(file);
	fputs(text, file);
	ck_assert_int_eq(fclose(file), 0);
	return path;
}

/* What every config needs, for tests that change one thing. */
#define REQUIRED                                                                                   \
	"Referrals.Database.Socket = /run/mysqld/mysqld.sock\n"                                    \
	"Referrals.Ldap.BaseDn = dc=example,dc=org\n"

static struct config *load_text(const char *text)
{
	return config_load(write_config(text), errors, sizeof errors);
}

/* Loads text, which must be refused with an error that names key. */
static void assert_refused(const char *text, const char *key)
{
	struct config *c = load_text(text);
	ck_assert_msg(c == NULL, "accepted:\n%s", text);
	ck_assert_msg(strstr(errors, key) != NULL, "error \"%s\" does not name %s", errors, key);
}

/* ---- a complete file ---- */

START_TEST(good_file)
{
	const char *path = data_path("good.hdf");
	struct config *c = config_load(path, errors, sizeof errors);
	ck_assert_msg(c != NULL, "%s: %s", path, errors);
	ck_assert_str_eq(errors, "");
	ck_assert_str_eq(c->path, path);
	ck_assert_str_eq(c->base_path, "/referrals");
	ck_assert_str_eq(c->socket_path, "/run/referrals-test/referrals.sock");
	ck_assert_uint_eq(c->workers, 3);
	ck_assert_str_eq(c->time_zone, "Europe/Paris");
	ck_assert_str_eq(c->templates_dir, "/srv/referrals/views");
	ck_assert_str_eq(c->sql_dir, "/srv/referrals/sql");
	ck_assert(c->testing);

	ck_assert_str_eq(c->database.socket, "/run/mysqld/test.sock");
	ck_assert_str_eq(c->database.host, "db.example.org");
	ck_assert_uint_eq(c->database.port, 3307);
	ck_assert_str_eq(c->database.name, "referrals_test");
	ck_assert_str_eq(c->database.user, "referrals_app");
	ck_assert_str_eq(c->database.password, "s3cret with spaces");
	ck_assert_uint_eq(c->database.connect_timeout, 4);
	ck_assert_uint_eq(c->database.read_timeout, 40);

	ck_assert_str_eq(c->ldap.uri, "ldaps://ldap.example.org:636");
	ck_assert_str_eq(c->ldap.base_dn, "ou=people,dc=example,dc=org");
	ck_assert_str_eq(c->ldap.user_attribute, "sAMAccountName");
	ck_assert_str_eq(c->ldap.user_object_class, "inetOrgPerson");
	ck_assert_str_eq(c->ldap.bind_dn, "cn=referrals,ou=services,dc=example,dc=org");
	ck_assert_str_eq(c->ldap.bind_password, "bind-secret");
	ck_assert_str_eq(c->ldap.group_base_dn, "ou=groups,dc=example,dc=org");
	ck_assert_str_eq(c->ldap.admin_group, "cn=referrals-admins,ou=groups,dc=example,dc=org");
	ck_assert(c->ldap.start_tls);
	ck_assert_str_eq(c->ldap.ca_file, "/etc/ssl/certs/example-ca.pem");
	ck_assert(!c->ldap.require_cert);
	ck_assert_int_eq(c->ldap.network_timeout, 6);
	ck_assert_int_eq(c->ldap.timeout, 12);
	ck_assert_int_eq(c->ldap.group_recheck_minutes, 5);
	ck_assert(c->ldap.use_member_of);

	ck_assert_uint_eq(c->limits.body_bytes, 2097152);
	ck_assert_uint_eq(c->limits.fields, 300);
	ck_assert_uint_eq(c->limits.field_bytes, 8192);
	config_free(c);
}
END_TEST

START_TEST(example_config_loads)
{
	/* the example the documentation tells people to copy: conf/ sits beside tests/ */
	char path[4096];
	snprintf(path, sizeof path, "%s/../../../conf/referrals.hdf", data_path(""));
	if (access(path, R_OK) != 0)
		return; /* not in this tree (an installed test run) */
	struct config *c = config_load(path, errors, sizeof errors);
	ck_assert_msg(c != NULL, "%s: %s", path, errors);
	ck_assert(!c->testing);
	ck_assert(c->ldap.require_cert);
	config_free(c);
}
END_TEST

/* ---- defaults ---- */

START_TEST(defaults)
{
	const char *path = data_path("minimal.hdf");
	struct config *c = config_load(path, errors, sizeof errors);
	ck_assert_msg(c != NULL, "%s: %s", path, errors);
	ck_assert_str_eq(c->base_path, "");
	ck_assert_str_eq(c->socket_path, "/run/referrals/referrals.sock");
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	ck_assert_uint_eq(c->workers, cores > 0 ? (unsigned)cores * 2 : 2);
	ck_assert_uint_eq(c->backlog, 1024); /* holds 1,000 waiting connections */
	ck_assert_str_eq(c->time_zone, "Europe/London");
	ck_assert_str_eq(c->templates_dir, REFERRALS_DATADIR "/views");
	ck_assert_str_eq(c->sql_dir, REFERRALS_DATADIR "/sql");
	ck_assert(!c->testing);

	ck_assert_str_eq(c->database.socket, "/run/mysqld/mysqld.sock");
	ck_assert_ptr_null(c->database.host);
	ck_assert_uint_eq(c->database.port, 0);
	ck_assert_str_eq(c->database.name, "referrals");
	ck_assert_str_eq(c->database.user, "referrals");
	ck_assert_ptr_null(c->database.password);
	ck_assert_uint_eq(c->database.connect_timeout, 3);
	ck_assert_uint_eq(c->database.read_timeout, 30);

	ck_assert_str_eq(c->ldap.uri, "ldap://localhost");
	ck_assert_str_eq(c->ldap.base_dn, "dc=example,dc=org");
	ck_assert_str_eq(c->ldap.user_attribute, "uid");
	ck_assert_str_eq(c->ldap.user_object_class, "person");
	ck_assert_ptr_null(c->ldap.bind_dn);
	ck_assert_ptr_null(c->ldap.bind_password);
	ck_assert_ptr_null(c->ldap.group_base_dn);
	ck_assert_ptr_null(c->ldap.admin_group);
	ck_assert_ptr_null(c->ldap.ca_file);
	ck_assert(!c->ldap.start_tls);
	ck_assert(c->ldap.require_cert); /* safe by default */
	ck_assert(!c->ldap.use_member_of);
	ck_assert_int_eq(c->ldap.network_timeout, 5);
	ck_assert_int_eq(c->ldap.timeout, 10);
	ck_assert_int_eq(c->ldap.group_recheck_minutes, 15);

	ck_assert_uint_eq(c->limits.body_bytes, 1048576);
	ck_assert_uint_eq(c->limits.fields, 200);
	ck_assert_uint_eq(c->limits.field_bytes, 65536);
	config_free(c);
}
END_TEST

START_TEST(host_instead_of_socket)
{
	struct config *c = load_text("Referrals.Database.Host = db.example.org\n"
				     "Referrals.Database.Port = 3306\n"
				     "Referrals.Ldap.BaseDn = dc=example,dc=org\n");
	ck_assert_msg(c != NULL, "%s", errors);
	ck_assert_ptr_null(c->database.socket);
	ck_assert_str_eq(c->database.host, "db.example.org");
	ck_assert_uint_eq(c->database.port, 3306);
	config_free(c);
}
END_TEST

START_TEST(testing_off_unless_one)
{
	struct config *c = load_text(REQUIRED "Referrals.Testing = 0\n");
	ck_assert_ptr_nonnull(c);
	ck_assert(!c->testing);
	config_free(c);
	c = load_text(REQUIRED "Referrals.Testing = 1\n");
	ck_assert_ptr_nonnull(c);
	ck_assert(c->testing);
	config_free(c);
}
END_TEST

/* ---- BasePath ---- */

static const char *const good_base_paths[] = { "", "/referrals", "/a/b", "/Referrals-2_x.y~z" };

START_TEST(base_path_good)
{
	char text[512];
	snprintf(text, sizeof text, REQUIRED "Referrals.BasePath = %s\n", good_base_paths[_i]);
	struct config *c = load_text(text);
	ck_assert_msg(c != NULL, "\"%s\": %s", good_base_paths[_i], errors);
	ck_assert_str_eq(c->base_path, good_base_paths[_i]);
	config_free(c);
}
END_TEST

static const char *const bad_base_paths[] = {
	"referrals",
	"/referrals/",
	"/a//b",
	"/a b",
	"/",
	"//",
	"/a?b",
	"/a#b",
	"/a%20b",
	"/<x>",
	"/a\"b",
	"/caf\xc3\xa9",
	"http://example.org/referrals",
};

START_TEST(base_path_bad)
{
	char text[512];
	snprintf(text, sizeof text, REQUIRED "Referrals.BasePath = %s\n", bad_base_paths[_i]);
	assert_refused(text, "Referrals.BasePath");
}
END_TEST

/* ---- Workers, Socket ---- */

START_TEST(workers_range)
{
	assert_refused(REQUIRED "Referrals.Workers = 0\n", "Referrals.Workers");
	assert_refused(REQUIRED "Referrals.Workers = -1\n", "Referrals.Workers");
	assert_refused(REQUIRED "Referrals.Workers = 257\n", "Referrals.Workers");
	struct config *c = load_text(REQUIRED "Referrals.Workers = 1\n");
	ck_assert_msg(c != NULL, "%s", errors);
	ck_assert_uint_eq(c->workers, 1);
	config_free(c);
	c = load_text(REQUIRED "Referrals.Workers = 256\n");
	ck_assert_msg(c != NULL, "%s", errors);
	ck_assert_uint_eq(c->workers, 256);
	config_free(c);
}
END_TEST

START_TEST(backlog_range)
{
	assert_refused(REQUIRED "Referrals.Backlog = 0\n", "Referrals.Backlog");
	assert_refused(REQUIRED "Referrals.Backlog = -5\n", "Referrals.Backlog");
	assert_refused(REQUIRED "Referrals.Backlog = 15\n", "Referrals.Backlog");
	assert_refused(REQUIRED "Referrals.Backlog = 65536\n", "Referrals.Backlog");
	struct config *c = load_text(REQUIRED "Referrals.Backlog = 4096\n");
	ck_assert_msg(c != NULL, "%s", errors);
	ck_assert_uint_eq(c->backlog, 4096);
	config_free(c);
}
END_TEST

START_TEST(socket_relative)
{
	assert_refused(REQUIRED "Referrals.Socket = run/referrals.sock\n", "Referrals.Socket");
	assert_refused(REQUIRED "Referrals.Socket = referrals.sock\n", "Referrals.Socket");
	assert_refused(REQUIRED "Referrals.Socket = \n", "Referrals.Socket");
}
END_TEST

START_TEST(socket_too_long)
{
	/* sun_path holds 108 bytes */
	char text[1024];
	char long_path[200];
	memset(long_path, 'x', sizeof long_path);
	long_path[0] = '/';
	long_path[150] = '\0';
	snprintf(text, sizeof text, REQUIRED "Referrals.Socket = %s\n", long_path);
	assert_refused(text, "Referrals.Socket");
}
END_TEST

/* ---- several hosts (issue 16): Listen, Database.Hosts, SyncWait ---- */

START_TEST(listen_and_database_hosts)
{
	struct config *c =
		load_text("Referrals.Ldap.BaseDn = dc=example,dc=org\n"
			  "Referrals.Listen = 127.0.0.1:9001\n"
			  "Referrals.Database.Hosts = 10.0.0.11:3306, 10.0.0.12, [::1]:3307\n"
			  "Referrals.Database.SyncWait = 1\n");
	ck_assert_msg(c != NULL, "%s", errors);
	ck_assert_str_eq(c->listen_address.name, "127.0.0.1");
	ck_assert_uint_eq(c->listen_address.port, 9001);
	ck_assert_uint_eq(c->database.hosts.count, 3);
	ck_assert_str_eq(c->database.hosts.hosts[2].name, "::1");
	ck_assert_uint_eq(c->database.sync_wait, 1);
	config_free(c);
	c = load_text(REQUIRED);
	ck_assert_ptr_null(c->listen);
	ck_assert_uint_eq(c->database.hosts.count, 0);
	ck_assert_uint_eq(c->database.sync_wait, 0);
	config_free(c);
	assert_refused(REQUIRED "Referrals.Listen = 127.0.0.1\n", "Referrals.Listen");
	assert_refused(REQUIRED "Referrals.Listen = 127.0.0.1:99999\n", "Referrals.Listen");
	assert_refused(REQUIRED "Referrals.Listen = a:1, b:2\n", "Referrals.Listen");
	assert_refused(REQUIRED "Referrals.Database.Hosts = a:0\n", "Referrals.Database.Hosts");
	assert_refused(REQUIRED "Referrals.Database.Hosts = ,\n", "Referrals.Database.Hosts");
	assert_refused(REQUIRED "Referrals.Database.SyncWait = 16\n", "SyncWait");
}
END_TEST

/* ---- what has no default ---- */

START_TEST(database_missing)
{
	assert_refused("Referrals.Ldap.BaseDn = dc=example,dc=org\n", "Referrals.Database");
	assert_refused("Referrals.Ldap.BaseDn = dc=example,dc=org\n"
		       "Referrals.Database.Name = referrals\n",
		       "Referrals.Database");
}
END_TEST

START_TEST(base_dn_missing)
{
	assert_refused("Referrals.Database.Socket = /run/mysqld/mysqld.sock\n",
		       "Referrals.Ldap.BaseDn");
	assert_refused("Referrals.Database.Socket = /run/mysqld/mysqld.sock\n"
		       "Referrals.Ldap.BaseDn = \n",
		       "Referrals.Ldap.BaseDn");
}
END_TEST

START_TEST(empty_file)
{
	/* everything required is reported at once, one problem a line */
	struct config *c = load_text("# nothing here\n");
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(errors, "Referrals.Database"));
	ck_assert_ptr_nonnull(strstr(errors, "Referrals.Ldap.BaseDn"));
	ck_assert_ptr_nonnull(strchr(errors, '\n'));
}
END_TEST

START_TEST(several_problems)
{
	struct config *c = load_text("Referrals.BasePath = /a b\n"
				     "Referrals.Workers = 0\n"
				     "Referrals.Socket = relative.sock\n");
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(errors, "Referrals.BasePath"));
	ck_assert_ptr_nonnull(strstr(errors, "Referrals.Workers"));
	ck_assert_ptr_nonnull(strstr(errors, "Referrals.Socket"));
	ck_assert_ptr_nonnull(strstr(errors, "Referrals.Database"));
	ck_assert_ptr_nonnull(strstr(errors, "Referrals.Ldap.BaseDn"));
}
END_TEST

START_TEST(timeouts_and_limits)
{
	assert_refused(REQUIRED "Referrals.Ldap.Timeout = 0\n", "Referrals.Ldap");
	assert_refused(REQUIRED "Referrals.Ldap.NetworkTimeout = 0\n", "Referrals.Ldap");
	assert_refused(REQUIRED "Referrals.Ldap.GroupRecheckMinutes = 0\n",
		       "Referrals.Ldap.GroupRecheckMinutes");
	assert_refused(REQUIRED "Referrals.Ldap.GroupRecheckMinutes = 1441\n",
		       "Referrals.Ldap.GroupRecheckMinutes");
	assert_refused(REQUIRED "Referrals.Limits.Fields = 0\n", "Referrals.Limits");
	assert_refused(REQUIRED "Referrals.Limits.FieldBytes = 10\n", "Referrals.Limits");
	assert_refused(REQUIRED "Referrals.Limits.BodyBytes = 100\n", "Referrals.Limits");
}
END_TEST

START_TEST(small_error_buffer)
{
	/* the errors are cut to the buffer, never written past it */
	char small[24];
	memset(small, '#', sizeof small);
	struct config *c = config_load(write_config("Referrals.Workers = 0\n"), small, 16);
	ck_assert_ptr_null(c);
	ck_assert_uint_lt(strlen(small), 16);
	ck_assert_int_eq(small[16], '#');

	memset(small, '#', sizeof small);
	c = config_load("/nonexistent/directory/with/a/long/name/referrals.hdf", small, 16);
	ck_assert_ptr_null(c);
	ck_assert_uint_lt(strlen(small), 16);
	ck_assert_int_eq(small[16], '#');
}
END_TEST

/* ---- files that cannot be read ---- */

START_TEST(missing_file)
{
	char path[512];
	snprintf(path, sizeof path, "%s/no-such-file.hdf", scratch);
	struct config *c = config_load(path, errors, sizeof errors);
	ck_assert_ptr_null(c);
	ck_assert_msg(strstr(errors, path) != NULL, "error \"%s\" does not name the file", errors);
}
END_TEST

START_TEST(unreadable_syntax)
{
	const char *path = write_config("Referrals {\n  BasePath /x\n}\n");
	struct config *c = config_load(path, errors, sizeof errors);
	ck_assert_ptr_null(c);
	ck_assert_msg(strstr(errors, path) != NULL, "error \"%s\" does not name the file", errors);
}
END_TEST

/* ---- blocks and multi-line values ClearSilver reads leniently ----
 * Each file below but the last is one ClearSilver's reader accepts without a word while
 * dropping or misplacing settings; config_load must refuse it and say where. */

/* Loads text, which must be refused with an error naming the file, "path:line:", and what. */
static void assert_refused_at(const char *text, int line, const char *what)
{
	struct config *c = load_text(text);
	ck_assert_msg(c == NULL, "accepted:\n%s", text);
	char where[600];
	snprintf(where, sizeof where, "%s/referrals.hdf:%d:", scratch, line);
	ck_assert_msg(strstr(errors, where) != NULL, "error \"%s\" does not say %s", errors, where);
	ck_assert_msg(strstr(errors, what) != NULL, "error \"%s\" does not say \"%s\"", errors,
		      what);
}

START_TEST(unclosed_block)
{
	/* everything it needs is there: only the missing } is wrong */
	assert_refused_at("Referrals {\n"
			  "  Database.Socket = /run/mysqld/mysqld.sock\n"
			  "  Ldap.BaseDn = dc=example,dc=org\n",
			  1, "never closed");
	/* the block still open at the end is named, after comments and a closed one */
	assert_refused_at("# a comment with a { in it\n"
			  "Referrals.Database {\n"
			  "  Socket = /run/mysqld/mysqld.sock\n"
			  "}\n"
			  "Referrals.Ldap {\n"
			  "  BaseDn = dc=example,dc=org\n",
			  5, "never closed");
	/* a nested block whose } is missing leaves the outer one open */
	assert_refused_at("Referrals {\n"
			  "  Database {\n"
			  "    Socket = /run/mysqld/mysqld.sock\n"
			  "  Ldap {\n"
			  "    BaseDn = dc=example,dc=org\n"
			  "  }\n"
			  "}\n",
			  1, "never closed");
}
END_TEST

START_TEST(stray_closing_brace)
{
	/* ClearSilver stops reading at it: the Workers = 0 below would never be seen */
	assert_refused_at(REQUIRED "}\n"
				   "Referrals.Workers = 0\n",
			  3, "closes no block");
	assert_refused_at("Referrals {\n" REQUIRED "}\n"
			  "}\n",
			  5, "closes no block");
}
END_TEST

START_TEST(text_after_opening_brace)
{
	/* ClearSilver ignores "Workers = 2 }" and then reads the rest of the file into the block */
	assert_refused_at(REQUIRED "Referrals { Workers = 2 }\n", 3, "{");
	assert_refused_at(REQUIRED "Referrals.Limits {}\n", 3, "{");
}
END_TEST

START_TEST(unended_multiline_value)
{
	/* the end line must start the line: indented, or with more after it, it is not one */
	assert_refused_at(REQUIRED "Referrals.Database.Password << EOF\n"
				   "secret\n"
				   "  EOF\n"
				   "EOFX\n"
				   "Referrals.Workers = 0\n",
			  3, "EOF");
	/* nor is an end line without its line break, as ClearSilver reads it */
	assert_refused_at(REQUIRED "Referrals.Database.Password <<END\n"
				   "secret\n"
				   "END",
			  3, "never ends");
}
END_TEST

START_TEST(blocks_read_as_clearsilver_does)
{
	/* nothing above is mistaken for a mistake: braces in comments and in multi-line values,
	 * a comment after {, attributes with a quoted ], CRLF line ends, and a last } without a
	 * line break */
	struct config *c = load_text("# Referrals {\r\n"
				     "Referrals {  # the app\r\n"
				     "  Database [note=\"a ] in quotes\"] {\r\n"
				     "    Socket = /run/mysqld/mysqld.sock\r\n"
				     "    Password << EOF\r\n"
				     "}\r\n"
				     "{ and }\r\n"
				     "  EOF\r\n"
				     "EOF\r\n"
				     "  }\r\n"
				     "\r\n"
				     "  Ldap {\r\n"
				     "    BaseDn = dc=example,dc=org {}\r\n"
				     "  }\r\n"
				     "  Workers = 5\r\n"
				     "}");
	ck_assert_msg(c != NULL, "%s", errors);
	ck_assert_str_eq(c->database.socket, "/run/mysqld/mysqld.sock");
	ck_assert_ptr_nonnull(c->database.password);
	ck_assert_ptr_nonnull(strstr(c->database.password, "{ and }"));
	ck_assert_ptr_nonnull(strstr(c->database.password, "  EOF"));
	ck_assert_str_eq(c->ldap.base_dn, "dc=example,dc=org {}");
	ck_assert_uint_eq(c->workers, 5);
	config_free(c);
}
END_TEST

/* ---- regressions: bugs the tests found in fcgi/, fixed; each test fails without its fix ---- */

START_TEST(negative_limits_refused)
{
	/* hdf_get_int_value gives -1, which as a size_t is no limit at all */
	assert_refused(REQUIRED "Referrals.Limits.BodyBytes = -1\n", "Referrals.Limits");
	assert_refused(REQUIRED "Referrals.Limits.Fields = -1\n", "Referrals.Limits");
	assert_refused(REQUIRED "Referrals.Limits.FieldBytes = -1\n", "Referrals.Limits");
}
END_TEST

#define COUNT(array) ((int)(sizeof(array) / sizeof((array)[0])))

static Suite *config_suite(void)
{
	Suite *s = suite_create("config");

	TCase *tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, good_file);
	tcase_add_test(tc, example_config_loads);
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, host_instead_of_socket);
	tcase_add_test(tc, testing_off_unless_one);
	suite_add_tcase(s, tc);

	tc = tcase_create("checks");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, base_path_good, 0, COUNT(good_base_paths));
	tcase_add_loop_test(tc, base_path_bad, 0, COUNT(bad_base_paths));
	tcase_add_test(tc, workers_range);
	tcase_add_test(tc, backlog_range);
	tcase_add_test(tc, socket_relative);
	tcase_add_test(tc, socket_too_long);
	tcase_add_test(tc, database_missing);
	tcase_add_test(tc, base_dn_missing);
	tcase_add_test(tc, empty_file);
	tcase_add_test(tc, several_problems);
	tcase_add_test(tc, timeouts_and_limits);
	tcase_add_test(tc, small_error_buffer);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, unreadable_syntax);
	suite_add_tcase(s, tc);

	tc = tcase_create("blocks");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, unclosed_block);
	tcase_add_test(tc, stray_closing_brace);
	tcase_add_test(tc, text_after_opening_brace);
	tcase_add_test(tc, unended_multiline_value);
	tcase_add_test(tc, blocks_read_as_clearsilver_does);
	suite_add_tcase(s, tc);

	tc = tcase_create("several hosts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, listen_and_database_hosts);
	suite_add_tcase(s, tc);

	tc = tcase_create("regressions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, negative_limits_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(config_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
