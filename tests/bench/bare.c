/* The benchmark's bare page: the ceiling for a page that touches the database. Each request
 * runs one prepared point SELECT by primary key (an organisation's name by id, prepared once
 * per connection, the id bound) and one ClearSilver render of a small template (parsed once,
 * rendered per request with html escaping, as fcgi/render.c does), written out as a FastCGI
 * response. Like the program, a master owns the unix socket and forks single-threaded workers
 * that accept on it. tests/bench/run.sh builds it with cc and puts its own nginx in front.
 *
 *   bare CONFIG TEMPLATE SOCKET
 * CONFIG is a stack's referrals.hdf: Referrals.Database.{Socket,Name,User,Password} and
 * Referrals.Workers. GET ...?id=N renders organisation N (default 1); 404 when there is none,
 * 500 when the database fails, so the bench never mistakes a failing page for a fast one. */
#include <ClearSilver.h>
#include <errno.h>
#include <fcgiapp.h>
#include <mysql.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORKERS 64
#define NAME_MAX_BYTES 801 /* organisations.name is VARCHAR(200): 4 bytes a character */

static const char *lookup_sql = "SELECT name FROM organisations WHERE id = ?";

struct database {
	const char *socket, *name, *user, *password;
	MYSQL *connection;
	MYSQL_STMT *lookup; /* prepared once per connection */
};

struct output {
	char *data;
	size_t len, capacity;
};

static volatile sig_atomic_t stopping;

static void on_terminate(int signal_number)
{
	(void)signal_number;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void fail(const char *what, NEOERR **err)
{
	STRING message;
	string_init(&message);
	if (err != NULL && *err != STATUS_OK) {
		nerr_error_string(*err, &message);
		nerr_ignore(err);
	}
	fprintf(stderr, "bare: %s%s%s\n", what, message.buf ? ": " : "",
		message.buf ? message.buf : "");
	string_clear(&message);
	exit(1);
}

/* ---- the database ---- */

static void database_close(struct database *db)
{
	if (db->lookup != NULL)
		mysql_stmt_close(db->lookup);
	if (db->connection != NULL)
		mysql_close(db->connection);
	db->lookup = NULL;
	db->connection = NULL;
}

static bool database_ready(struct database *db)
{
	if (db->lookup != NULL)
		return true;
	db->connection = mysql_init(NULL);
	if (db->connection == NULL)
		return false;
	my_bool no = 0;
	mysql_options(db->connection, MYSQL_OPT_RECONNECT, &no);
	mysql_options(db->connection, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(db->connection, NULL, db->user, db->password, db->name, 0,
			       db->socket, 0) == NULL) {
		fprintf(stderr, "bare: connect: %s\n", mysql_error(db->connection));
		database_close(db);
		return false;
	}
	db->lookup = mysql_stmt_init(db->connection);
	if (db->lookup == NULL ||
	    mysql_stmt_prepare(db->lookup, lookup_sql, strlen(lookup_sql)) != 0) {
		fprintf(stderr, "bare: prepare: %s\n", mysql_error(db->connection));
		database_close(db);
		return false;
	}
	return true;
}

/* The organisation's name into name; 200 found, 404 not, 500 on a database failure. */
static int organisation_name(struct database *db, long long id, char *name)
{
	if (!database_ready(db))
		return 500;
	MYSQL_BIND param = { 0 };
	param.buffer_type = MYSQL_TYPE_LONGLONG;
	param.buffer = &id;
	unsigned long length = 0;
	my_bool is_null = 0;
	MYSQL_BIND column = { 0 };
	column.buffer_type = MYSQL_TYPE_STRING;
	column.buffer = name;
	column.buffer_length = NAME_MAX_BYTES;
	column.length = &length;
	column.is_null = &is_null;
	if (mysql_stmt_bind_param(db->lookup, &param) != 0 || mysql_stmt_execute(db->lookup) != 0 ||
	    mysql_stmt_bind_result(db->lookup, &column) != 0 ||
	    mysql_stmt_store_result(db->lookup) != 0) {
		fprintf(stderr, "bare: select: %s\n", mysql_stmt_error(db->lookup));
		database_close(db); /* connect and prepare afresh on the next request */
		return 500;
	}
	int fetched = mysql_stmt_fetch(db->lookup);
	mysql_stmt_free_result(db->lookup);
	if (fetched == MYSQL_NO_DATA)
		return 404;
	if (fetched != 0 && fetched != MYSQL_DATA_TRUNCATED)
		return 500;
	name[length < NAME_MAX_BYTES ? length : NAME_MAX_BYTES - 1] = '\0';
	return 200;
}

/* ---- the template ---- */

static char *read_file(const char *path)
{
	FILE *file = fopen(path, "rb");
	if (file == NULL)
		return NULL;
	char *text = NULL;
	size_t len = 0, capacity = 0, got;
	char chunk[4096];
	while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
		if (len + got + 1 > capacity) {
			capacity = (len + got + 1) * 2;
			char *grown = realloc(text, capacity);
			if (grown == NULL) {
				free(text);
				fclose(file);
				return NULL;
			}
			text = grown;
		}
		memcpy(text + len, chunk, got);
		len += got;
	}
	fclose(file);
	if (text != NULL)
		text[len] = '\0';
	return text;
}

/* Parsed once per worker with the escaping mode set, like fcgi/render.c's parsed pages. */
static CSPARSE *parse_template(const char *path, HDF **parse_data)
{
	char *text = read_file(path);
	if (text == NULL)
		fail(path, NULL);
	CSPARSE *parse = NULL;
	NEOERR *err = hdf_init(parse_data);
	if (err == STATUS_OK)
		err = hdf_set_value(*parse_data, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = cs_init(&parse, *parse_data);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(parse);
	if (err == STATUS_OK)
		err = cs_parse_string(parse, text, strlen(text)); /* takes the buffer */
	if (err != STATUS_OK)
		fail(path, &err);
	return parse;
}

static NEOERR *append_output(void *context, char *text)
{
	struct output *out = context;
	size_t len = strlen(text);
	if (out->len + len > out->capacity) {
		size_t capacity = (out->len + len) * 2;
		char *grown = realloc(out->data, capacity);
		if (grown == NULL)
			return nerr_raise(NERR_NOMEM, "no memory for the page");
		out->data = grown;
		out->capacity = capacity;
	}
	memcpy(out->data + out->len, text, len);
	out->len += len;
	return STATUS_OK;
}

/* The request's data swapped into the parsed tree for the render only, as the program does. */
static bool render(CSPARSE *parse, HDF *parse_data, long long id, const char *name,
		   const char *path, struct output *out)
{
	HDF *data = NULL;
	char number[32];
	snprintf(number, sizeof number, "%lld", id);
	NEOERR *err = hdf_init(&data);
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(data, "App.Name", "Referrals");
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Page.Title", "Bare page");
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Page.Path", path);
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Org.Id", number);
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Org.Name", name);
	if (err == STATUS_OK) {
		parse->hdf = data;
		parse->locals = NULL;
		err = cs_render(parse, out, append_output);
		parse->hdf = parse_data;
		parse->locals = NULL;
	}
	hdf_destroy(&data);
	if (err != STATUS_OK) {
		STRING message;
		string_init(&message);
		nerr_error_string(err, &message);
		fprintf(stderr, "bare: render: %s\n", message.buf ? message.buf : "?");
		string_clear(&message);
		nerr_ignore(&err);
		return false;
	}
	return true;
}

/* ---- the request cycle ---- */

static long long id_from_query(const char *query)
{
	long long id = 1;
	for (const char *p = query; p != NULL && *p != '\0'; p = strchr(p, '&')) {
		if (*p == '&')
			p++;
		if (strncmp(p, "id=", 3) == 0)
			id = strtoll(p + 3, NULL, 10);
	}
	return id;
}

static int worker_run(int listen_fd, struct database *db, const char *template_path)
{
	struct sigaction terminate = { 0 };
	terminate.sa_handler = on_terminate;
	sigemptyset(&terminate.sa_mask);
	sigaction(SIGTERM, &terminate, NULL);
	sigaction(SIGINT, &terminate, NULL);
	signal(SIGPIPE, SIG_IGN);

	HDF *parse_data = NULL;
	CSPARSE *parse = parse_template(template_path, &parse_data);
	if (FCGX_Init() != 0)
		fail("FCGX_Init", NULL);
	FCGX_Request request;
	FCGX_InitRequest(&request, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	struct output out = { 0 };
	char name[NAME_MAX_BYTES];
	while (!stopping && FCGX_Accept_r(&request) >= 0) {
		const char *path = FCGX_GetParam("DOCUMENT_URI", request.envp);
		long long id = id_from_query(FCGX_GetParam("QUERY_STRING", request.envp));
		int status = organisation_name(db, id, name);
		out.len = 0;
		if (status == 200 && !render(parse, parse_data, id, name, path ? path : "/", &out))
			status = 500;
		/* formatted here: FCGX_FPrintF has its own printf without %zu or %lld */
		char head[256];
		if (status == 200) {
			snprintf(head, sizeof head,
				 "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
				 "Content-Length: %zu\r\n\r\n",
				 out.len);
			FCGX_PutS(head, request.out);
			FCGX_PutStr(out.data, (int)out.len, request.out);
		} else {
			snprintf(head, sizeof head,
				 "Status: %d %s\r\nContent-Type: text/plain\r\n\r\n"
				 "bare: organisation %lld: %s\n",
				 status, status == 404 ? "Not Found" : "Internal Server Error", id,
				 status == 404 ? "no such organisation" : "database failed");
			FCGX_PutS(head, request.out);
		}
		FCGX_Finish_r(&request);
	}
	FCGX_Free(&request, 0);
	free(out.data);
	cs_destroy(&parse);
	hdf_destroy(&parse_data);
	database_close(db);
	return 0;
}

static int listen_on(const char *path)
{
	struct sockaddr_un address = { 0 };
	address.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof address.sun_path) {
		fprintf(stderr, "bare: socket path too long: %s\n", path);
		exit(1);
	}
	strcpy(address.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	unlink(path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&address, sizeof address) != 0 ||
	    listen(fd, 256) != 0) {
		fprintf(stderr, "bare: cannot listen on %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return fd;
}

static const char *setting(HDF *config, const char *name)
{
	const char *value = hdf_get_value(config, name, NULL);
	if (value == NULL) {
		fprintf(stderr, "bare: %s is not set in the configuration\n", name);
		exit(1);
	}
	return value;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: bare CONFIG TEMPLATE SOCKET\n");
		return 2;
	}
	HDF *config = NULL;
	NEOERR *err = hdf_init(&config);
	if (err == STATUS_OK)
		err = hdf_read_file(config, argv[1]);
	if (err != STATUS_OK)
		fail(argv[1], &err);
	struct database db = {
		.socket = setting(config, "Referrals.Database.Socket"),
		.name = setting(config, "Referrals.Database.Name"),
		.user = setting(config, "Referrals.Database.User"),
		.password = setting(config, "Referrals.Database.Password"),
	};
	int workers = hdf_get_int_value(config, "Referrals.Workers", 2);
	if (workers < 1 || workers > MAX_WORKERS)
		workers = 2;

	int listen_fd = listen_on(argv[3]);
	/* The master only waits: SIGTERM ends it, and each worker with it. */
	sigset_t terminate_set, original;
	sigemptyset(&terminate_set);
	sigaddset(&terminate_set, SIGTERM);
	sigaddset(&terminate_set, SIGINT);
	sigprocmask(SIG_BLOCK, &terminate_set, &original);
	pid_t children[MAX_WORKERS];
	for (int i = 0; i < workers; i++) {
		children[i] = fork();
		if (children[i] < 0) {
			perror("bare: fork");
			return 1;
		}
		if (children[i] == 0) {
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			sigprocmask(SIG_SETMASK, &original, NULL);
			if (getppid() == 1) /* the master died before prctl */
				_exit(0);
			_exit(worker_run(listen_fd, &db, argv[2]));
		}
	}
	int received = 0;
	sigwait(&terminate_set, &received);
	for (int i = 0; i < workers; i++)
		kill(children[i], SIGTERM);
	for (int i = 0; i < workers; i++)
		waitpid(children[i], NULL, 0);
	unlink(argv[3]);
	hdf_destroy(&config);
	return 0;
}
