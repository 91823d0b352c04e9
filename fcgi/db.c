/* MariaDB Connector/C behind a small interface: bind, execute, copy rows into the arena. */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <errmsg.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "db_hosts.h"
#include "log.h"

#define STATEMENT_SLOTS 1024 /* the model's literals and up to SHAPE_SLOTS composed ones */
/* A transaction that loses a deadlock, or a Galera certification to a write through another
 * node, is run again whole up to this many times in all, pausing longer each time (see
 * pause_before_retry): on a slow machine a burst of sends through two nodes at once made a few
 * lose five times running. */
#define TRANSACTION_ATTEMPTS 10
#define RETRY_PAUSE_MAX_US 128000
#define MIGRATION_READ_TIMEOUT (6 * 3600) /* seconds: one migration of the largest table */

struct cached_statement {
	const char *sql; /* the model's string literal: its address is the key */
	MYSQL_STMT *stmt;
};

static const struct config_database *settings;
static MYSQL *connection;
static bool in_transaction;
/* The connection went while db_transaction's work ran: what it had done is gone with it. Every
 * statement after that fails at once (none may run on a new connection, outside the
 * transaction, where each would commit on its own), and the work is run again from its start. */
static bool transaction_lost;
static struct cached_statement statements[STATEMENT_SLOTS];

void db_configure(const struct config_database *config)
{
	settings = config;
}

static void forget_statements(void)
{
	for (size_t i = 0; i < STATEMENT_SLOTS; i++) {
		if (statements[i].stmt != NULL && connection != NULL)
			mysql_stmt_close(statements[i].stmt);
		statements[i].sql = NULL;
		statements[i].stmt = NULL;
	}
}

void db_disconnect(void)
{
	forget_statements();
	if (connection != NULL)
		mysql_close(connection);
	connection = NULL;
	in_transaction = false;
}

static bool connection_lost(unsigned error)
{
	return error == CR_SERVER_GONE_ERROR || error == CR_SERVER_LOST ||
	       error == CR_CONNECTION_ERROR || error == CR_CONN_HOST_ERROR ||
	       error == ER_CONNECTION_KILLED || error == ER_SERVER_SHUTDOWN ||
	       error == CR_COMMANDS_OUT_OF_SYNC || error == 4031 /* disconnected by server */ ||
	       error == ER_UNKNOWN_COM_ERROR /* a Galera node outside the primary component */;
}

/* Lock waits that timed out in the attempts of the transaction (or statement on its own) now
 * running. A deadlock or certification failure is over at once and worth many retries; a lock
 * wait timeout means a row was held for innodb_lock_wait_timeout (50 s by default, by someone
 * else: the program's transactions hold rows for milliseconds), and waiting that long again
 * and again would keep the worker, and the person, far past nginx's timeout. */
#define LOCK_WAIT_TIMEOUTS_MAX 2
static int lock_wait_timeouts;

static enum db_status classify(unsigned error)
{
	if (error == ER_LOCK_WAIT_TIMEOUT)
		lock_wait_timeouts++;
	if (error == ER_LOCK_DEADLOCK || error == ER_LOCK_WAIT_TIMEOUT)
		return DB_RETRY;
	if (error == ER_DUP_ENTRY)
		return DB_DUPLICATE;
	if (connection_lost(error))
		return DB_UNAVAILABLE;
	return DB_ERROR;
}

/* The host this worker uses, by its index in Referrals.Database.Hosts. Every worker starts at
 * the first, so writes go to one node at a time (fewer certification conflicts on Galera);
 * one that loses its node moves to the next at once and stays there. */
static size_t current_host;

/* Each session's settings. With Referrals.Database.SyncWait, wsrep_sync_wait too: Galera
 * applies other nodes' writes a moment after they commit, and a page that follows a write
 * made through another host or node must see it, so each read first waits for the node to
 * catch up with what the cluster has committed. */
static void session_settings(char *out, size_t size)
{
	int used = snprintf(out, size,
			    "SET time_zone = '+00:00', SESSION sql_mode = 'STRICT_ALL_TABLES,"
			    "NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
			    "NO_ENGINE_SUBSTITUTION'");
	if (settings->sync_wait > 0 && used > 0 && (size_t)used < size)
		snprintf(out + used, size - (size_t)used, ", SESSION wsrep_sync_wait = %u",
			 settings->sync_wait);
}

/* A database machine that is switched off or cut off from the network answers nothing: no
 * reset, no close, and a worker waiting on it would wait out ReadTimeout. The kernel notices
 * for us instead, within about ConnectTimeout seconds: a statement sent that goes unacknowledged
 * that long (TCP_USER_TIMEOUT), or an idle connection whose keepalive probe goes unanswered,
 * fails the connection like one the server closed, and the worker moves to the next host. A
 * slow statement on a live server is not cut short: its machine acknowledges and answers the
 * probes. Over a unix socket there is no machine to lose. */
static void watch_for_silence(MYSQL *conn)
{
	int fd = (int)mysql_get_socket(conn);
	struct sockaddr_storage address;
	socklen_t length = sizeof address;
	if (fd < 0 || getsockname(fd, (struct sockaddr *)&address, &length) != 0 ||
	    (address.ss_family != AF_INET && address.ss_family != AF_INET6))
		return;
	int seconds = settings->connect_timeout > 0 ? (int)settings->connect_timeout : 1;
	int on = 1;
	int probes = 1;
	unsigned milliseconds = (unsigned)seconds * 1000;
	if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &seconds, sizeof seconds) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &seconds, sizeof seconds) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &milliseconds, sizeof milliseconds) != 0)
		log_error("database connection: cannot set keepalive: %s", strerror(errno));
}

/* quietly: a failure is expected (trying whether a host is back) and not logged */
static MYSQL *connect_to(const char *host, unsigned port, const char *socket, bool quietly)
{
	MYSQL *conn = mysql_init(NULL);
	if (conn == NULL)
		return NULL;
	unsigned connect_timeout = settings->connect_timeout;
	unsigned read_timeout = settings->read_timeout;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
	mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
	mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &read_timeout);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Reconnecting silently would drop our prepared statements; we reconnect ourselves. */
	my_bool no = 0;
	mysql_options(conn, MYSQL_OPT_RECONNECT, &no);
	char init[512];
	session_settings(init, sizeof init);
	mysql_options(conn, MYSQL_INIT_COMMAND, init);
	if (mysql_real_connect(conn, host, settings->user, settings->password, settings->name, port,
			       socket, 0) == NULL) {
		if (!quietly)
			log_error("database connect to %s failed: %s", host ? host : socket,
				  mysql_error(conn));
		mysql_close(conn);
		return NULL;
	}
	watch_for_silence(conn);
	return conn;
}

/* A Galera node that is not part of the primary component (it lost the others, or is still
 * joining) takes connections but refuses statements: it is no use to us. */
static bool node_ready(MYSQL *conn)
{
	if (mysql_real_query(conn, "SELECT 1", 8) != 0)
		return false;
	MYSQL_RES *result = mysql_store_result(conn);
	if (result != NULL)
		mysql_free_result(result);
	return result != NULL;
}

enum db_status db_ready(void)
{
	if (connection != NULL)
		return DB_OK;
	if (settings == NULL)
		return DB_UNAVAILABLE;
	const struct db_hosts *list = &settings->hosts;
	if (list->count == 0) {
		connection = connect_to(settings->host, settings->port, settings->socket, false);
		return connection ? DB_OK : DB_UNAVAILABLE;
	}
	/* each host once, from the current one on */
	for (size_t tried = 0; tried < list->count; tried++) {
		const struct db_host *host = &list->hosts[current_host % list->count];
		MYSQL *conn = connect_to(host->name, host->port ? host->port : 3306, NULL, false);
		if (conn != NULL && node_ready(conn)) {
			connection = conn;
			return DB_OK;
		}
		if (conn != NULL) {
			log_error("database %s is not ready (%s); trying the next", host->name,
				  mysql_error(conn));
			mysql_close(conn);
		}
		current_host = db_hosts_next(list, current_host % list->count);
	}
	return DB_UNAVAILABLE;
}

/* A failover leaves each worker on the host it moved to. Once the first host is back and in
 * step with the cluster (Galera's Synced; a server without Galera has no such state), the
 * worker returns to it, so every host's workers write through one node again rather than
 * through whichever each happened to move to (certification conflicts between nodes). Tried
 * between requests, after the answer has gone, DB_FAIL_BACK_SECONDS after the move and as
 * often after that. A host still down refuses at once; a machine still silent is given
 * FAIL_BACK_PROBE_MS to take a TCP connection, so the worker is not held for ConnectTimeout. */
#define DB_FAIL_BACK_SECONDS 10
#define FAIL_BACK_PROBE_MS 200

static time_t fail_back_due; /* monotonic seconds */

static time_t monotonic_seconds(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec;
}

static bool answers_quickly(const struct db_host *host)
{
	char port[16];
	snprintf(port, sizeof port, "%u", host->port ? host->port : 3306);
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
	struct addrinfo *found = NULL;
	if (getaddrinfo(host->name, port, &hints, &found) != 0 || found == NULL)
		return false;
	bool connected = false;
	int fd = socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
			found->ai_protocol);
	if (fd >= 0) {
		if (connect(fd, found->ai_addr, found->ai_addrlen) == 0) {
			connected = true;
		} else if (errno == EINPROGRESS) {
			struct pollfd wait = { .fd = fd, .events = POLLOUT };
			int error = 0;
			socklen_t length = sizeof error;
			connected = poll(&wait, 1, FAIL_BACK_PROBE_MS) == 1 &&
				    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 &&
				    error == 0;
		}
		close(fd);
	}
	freeaddrinfo(found);
	return connected;
}

static bool node_synced(MYSQL *conn)
{
	const char *query = "SHOW STATUS LIKE 'wsrep_local_state'";
	if (mysql_real_query(conn, query, strlen(query)) != 0)
		return false;
	MYSQL_RES *result = mysql_store_result(conn);
	if (result == NULL)
		return false;
	MYSQL_ROW row = mysql_fetch_row(result);
	bool synced = row == NULL || (row[1] != NULL && strcmp(row[1], "4") == 0);
	mysql_free_result(result);
	return synced;
}

void db_return_to_first_host(void)
{
	if (settings == NULL || settings->hosts.count < 2 || in_transaction ||
	    current_host % settings->hosts.count == 0 || monotonic_seconds() < fail_back_due)
		return;
	fail_back_due = monotonic_seconds() + DB_FAIL_BACK_SECONDS;
	const struct db_host *first = &settings->hosts.hosts[0];
	if (!answers_quickly(first))
		return;
	MYSQL *conn = connect_to(first->name, first->port ? first->port : 3306, NULL, true);
	if (conn == NULL)
		return;
	if (!node_ready(conn) || !node_synced(conn)) {
		mysql_close(conn);
		return;
	}
	db_disconnect();
	connection = conn;
	current_host = 0;
	log_info("database host %s is back; using it again", first->name);
}

/* The connection went away: with several hosts, the next connection goes to the next one. */
static void move_on(void)
{
	if (settings != NULL && settings->hosts.count > 1) {
		current_host =
			db_hosts_next(&settings->hosts, current_host % settings->hosts.count);
		fail_back_due = monotonic_seconds() + DB_FAIL_BACK_SECONDS;
		log_info("database host lost; moving to %s",
			 settings->hosts.hosts[current_host].name);
	}
}

static size_t slot_of(const char *sql)
{
	uintptr_t key = (uintptr_t)sql;
	return (size_t)((key >> 4) * 2654435761u) % STATEMENT_SLOTS;
}

/* The prepared statement for sql on this connection, preparing it on first use. */
static MYSQL_STMT *statement_for(const char *sql, unsigned *error)
{
	size_t slot = slot_of(sql);
	for (size_t probe = 0; probe < STATEMENT_SLOTS; probe++) {
		struct cached_statement *entry = &statements[(slot + probe) % STATEMENT_SLOTS];
		if (entry->sql == sql && entry->stmt != NULL)
			return entry->stmt;
		/* a free slot, or this statement's, discarded after an error */
		if (entry->sql == NULL || entry->sql == sql) {
			MYSQL_STMT *stmt = mysql_stmt_init(connection);
			if (stmt == NULL) {
				*error = CR_OUT_OF_MEMORY;
				return NULL;
			}
			if (mysql_stmt_prepare(stmt, sql, strlen(sql)) != 0) {
				*error = mysql_stmt_errno(stmt);
				log_error("prepare failed (%u %s): %s", *error,
					  mysql_stmt_error(stmt), sql);
				mysql_stmt_close(stmt);
				return NULL;
			}
			entry->sql = sql;
			entry->stmt = stmt;
			return stmt;
		}
	}
	log_error("statement cache full");
	*error = CR_OUT_OF_MEMORY;
	return NULL;
}

/* A statement that failed is closed and prepared afresh on its next use. Connector/C can leave
 * a statement whose result failed half-way (a deadlock reported among a SELECT's rows) in a
 * state where its next execution waits for rows the server never sends, until the read
 * timeout; a fresh statement starts clean. Its slot keeps the key, so probing still works. */
static void discard_statement(const char *sql)
{
	size_t slot = slot_of(sql);
	for (size_t probe = 0; probe < STATEMENT_SLOTS; probe++) {
		struct cached_statement *entry = &statements[(slot + probe) % STATEMENT_SLOTS];
		if (entry->sql == NULL)
			return;
		if (entry->sql == sql) {
			if (entry->stmt != NULL && connection != NULL)
				mysql_stmt_close(entry->stmt);
			entry->stmt = NULL;
			return;
		}
	}
}

struct bound_params {
	MYSQL_BIND binds[DB_PARAMS_MAX];
	long long ints[DB_PARAMS_MAX];
	unsigned long lengths[DB_PARAMS_MAX];
	my_bool nulls[DB_PARAMS_MAX];
	size_t count;
};

/* Reads db_run's variadic parameters into an array, so both entry points bind the same way. */
static bool params_from_args(struct db_param *out, size_t *count, const char *types, va_list ap)
{
	*count = 0;
	for (const char *t = types; *t; t++) {
		if (*count >= DB_PARAMS_MAX)
			return false;
		struct db_param *param = &out[(*count)++];
		*param = (struct db_param){ .type = *t };
		switch (*t) {
		case 'i':
			param->number = va_arg(ap, long long);
			break;
		case 's':
			param->text = va_arg(ap, const char *);
			break;
		case 'b':
			param->text = va_arg(ap, const void *);
			param->length = va_arg(ap, size_t);
			break;
		default:
			return false;
		}
	}
	return true;
}

static bool bind_params(struct bound_params *params, const struct db_param *list, size_t count)
{
	params->count = 0;
	if (count > DB_PARAMS_MAX)
		return false;
	/* only the binds in use: the arrays hold DB_PARAMS_MAX (some 25 kB), most statements
	 * bind a few */
	memset(params->binds, 0, count * sizeof params->binds[0]);
	memset(params->nulls, 0, count * sizeof params->nulls[0]);
	for (size_t i = 0; i < count; i++) {
		params->count++;
		MYSQL_BIND *bind = &params->binds[i];
		switch (list[i].type) {
		case 'i':
			params->ints[i] = list[i].number;
			bind->buffer_type = MYSQL_TYPE_LONGLONG;
			bind->buffer = &params->ints[i];
			break;
		case 's': {
			const char *s = list[i].text;
			bind->buffer_type = MYSQL_TYPE_STRING;
			if (s == NULL) {
				params->nulls[i] = 1;
				bind->is_null = &params->nulls[i];
			} else {
				bind->buffer = (void *)s;
				params->lengths[i] = (unsigned long)strlen(s);
				bind->buffer_length = params->lengths[i];
				bind->length = &params->lengths[i];
			}
			break;
		}
		case 'b':
			bind->buffer_type = MYSQL_TYPE_BLOB;
			bind->buffer = (void *)list[i].text;
			params->lengths[i] = (unsigned long)list[i].length;
			bind->buffer_length = params->lengths[i];
			bind->length = &params->lengths[i];
			break;
		default:
			return false;
		}
	}
	return true;
}

/* Copies every row of the executed statement into the arena. */
static unsigned fetch_rows(struct arena *arena, MYSQL_STMT *stmt, MYSQL_RES *meta,
			   struct db_result *out)
{
	unsigned columns = mysql_num_fields(meta);
	if (mysql_stmt_store_result(stmt) != 0)
		return mysql_stmt_errno(stmt);
	size_t rows = (size_t)mysql_stmt_num_rows(stmt);
	out->rows = 0;
	out->columns = columns;
	out->cells = arena_zalloc(arena, (rows ? rows : 1) * columns * sizeof *out->cells);
	out->lengths = arena_zalloc(arena, (rows ? rows : 1) * columns * sizeof *out->lengths);
	MYSQL_BIND *binds = arena_zalloc(arena, columns * sizeof *binds);
	unsigned long *lengths = arena_zalloc(arena, columns * sizeof *lengths);
	my_bool *nulls = arena_zalloc(arena, columns * sizeof *nulls);
	const size_t initial = 256;
	for (unsigned c = 0; c < columns; c++) {
		binds[c].buffer_type = MYSQL_TYPE_STRING;
		binds[c].buffer = arena_alloc(arena, initial);
		binds[c].buffer_length = initial;
		binds[c].length = &lengths[c];
		binds[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(stmt, binds) != 0)
		return mysql_stmt_errno(stmt);
	for (;;) {
		int status = mysql_stmt_fetch(stmt);
		if (status == MYSQL_NO_DATA)
			break;
		if (status == 1)
			return mysql_stmt_errno(stmt);
		size_t base = out->rows * columns;
		for (unsigned c = 0; c < columns; c++) {
			if (nulls[c]) {
				out->cells[base + c] = NULL;
				continue;
			}
			char *cell = arena_alloc(arena, lengths[c] + 1);
			if (lengths[c] <= initial) {
				memcpy(cell, binds[c].buffer, lengths[c]);
			} else {
				/* too long for the first buffer: fetch this column again in full */
				MYSQL_BIND whole = { 0 };
				unsigned long whole_length = 0;
				whole.buffer_type = MYSQL_TYPE_STRING;
				whole.buffer = cell;
				whole.buffer_length = lengths[c] + 1;
				whole.length = &whole_length;
				if (mysql_stmt_fetch_column(stmt, &whole, c, 0) != 0)
					return mysql_stmt_errno(stmt);
			}
			cell[lengths[c]] = '\0';
			out->cells[base + c] = cell;
			out->lengths[base + c] = lengths[c];
		}
		out->rows++;
	}
	return 0;
}

/* Statements executed since the last db_statements_take(): the request log reports it, so a
 * page that starts running more round trips shows up in the log and the benchmark. */
static unsigned long statements_run;

unsigned long db_statements_take(void)
{
	unsigned long count = statements_run;
	statements_run = 0;
	return count;
}

static unsigned execute(struct arena *arena, struct db_result *out, const char *sql,
			struct bound_params *params)
{
	unsigned error = 0;
	MYSQL_STMT *stmt = statement_for(sql, &error);
	if (stmt == NULL)
		return error;
	if (mysql_stmt_param_count(stmt) != params->count) {
		log_error("statement takes %lu parameters, %zu given: %s",
			  mysql_stmt_param_count(stmt), params->count, sql);
		return ER_WRONG_ARGUMENTS;
	}
	if (params->count && mysql_stmt_bind_param(stmt, params->binds) != 0)
		return mysql_stmt_errno(stmt);
	statements_run++;
	if (mysql_stmt_execute(stmt) != 0) {
		error = mysql_stmt_errno(stmt);
		discard_statement(sql);
		return error;
	}
	struct db_result ignored;
	struct db_result *result = out ? out : &ignored;
	memset(result, 0, sizeof *result);
	MYSQL_RES *meta = mysql_stmt_result_metadata(stmt);
	if (meta != NULL) {
		error = fetch_rows(arena, stmt, meta, result);
		mysql_free_result(meta);
		mysql_stmt_free_result(stmt);
		if (error) {
			discard_statement(sql);
			return error;
		}
	}
	result->affected = mysql_stmt_affected_rows(stmt);
	result->insert_id = mysql_stmt_insert_id(stmt);
	return 0;
}

/* A statement that only reads: run again after its connection was lost, it cannot have
 * changed anything. A write lost in flight may have committed (autocommit), so it is not. */
static bool only_reads(const char *sql)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '(')
		sql++;
	return strncasecmp(sql, "SELECT", 6) == 0 || strncasecmp(sql, "WITH", 4) == 0 ||
	       strncasecmp(sql, "SHOW", 4) == 0;
}

/* Between requests the server may have closed our connection (a restart, a node killed):
 * the socket then reads as at its end. Seen before a statement is sent, that is a plain
 * reconnect; found only after sending, it would leave a write's outcome unknown. */
static void drop_if_closed(void)
{
	if (connection == NULL || in_transaction)
		return;
	struct pollfd fd = { .fd = (int)mysql_get_socket(connection), .events = POLLIN };
	if (fd.fd >= 0 && poll(&fd, 1, 0) > 0) {
		log_info("database connection closed by the server; reconnecting");
		move_on();
		db_disconnect();
	}
}

/* Before retry number attempt (1, 2, ...): 2, 4, 8 ... 128 ms and a random part as long
 * again (0.5 to 1 s in all before the last attempt), so the winner commits and its write set
 * is applied here first, and two losers that retry together do not meet again in step. The
 * seed is the process's own: workers fork from one master. */
static void pause_before_retry(int attempt)
{
	static unsigned seed;
	if (seed == 0)
		seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	unsigned pause = 2000;
	for (int i = 1; i < attempt && pause < RETRY_PAUSE_MAX_US; i++)
		pause *= 2;
	usleep((useconds_t)(pause + (unsigned)rand_r(&seed) % pause));
}

static enum db_status run_once(struct arena *arena, struct db_result *out, const char *sql,
			       struct bound_params *params)
{
	if (transaction_lost)
		return DB_RETRY;
	drop_if_closed();
	/* One reconnect for a read whose connection was lost; never inside a transaction,
	 * whose earlier statements died with the connection (the transaction is retried). */
	for (int attempt = 0; attempt < 2; attempt++) {
		if (db_ready() != DB_OK)
			return DB_UNAVAILABLE;
		unsigned error = execute(arena, out, sql, params);
		if (error == 0)
			return DB_OK;
		enum db_status status = classify(error);
		if (status == DB_UNAVAILABLE) {
			bool was_in_transaction = in_transaction;
			log_error("database connection lost (%u); reconnecting", error);
			move_on();
			db_disconnect();
			if (was_in_transaction) {
				transaction_lost = true;
				return DB_RETRY;
			}
			if (!only_reads(sql))
				return DB_UNAVAILABLE;
			continue;
		}
		if (status == DB_ERROR)
			log_error("database error %u (%s): %s", error,
				  connection ? mysql_error(connection) : "", sql);
		return status;
	}
	return DB_UNAVAILABLE;
}

enum db_status db_run_params(struct arena *arena, struct db_result *out, const char *sql,
			     const struct db_param *list, size_t count)
{
	struct bound_params params;
	if (!bind_params(&params, list, count)) {
		log_error("bad parameters (%zu) for: %s", count, sql);
		return DB_ERROR;
	}
	/* Outside a transaction the statement is its own transaction: one that lost a deadlock,
	 * or a Galera certification at its commit (two hosts taking the job lease through two
	 * nodes at once), was rolled back whole and is run again like a transaction would be. */
	bool on_its_own = !in_transaction;
	if (on_its_own)
		lock_wait_timeouts = 0;
	enum db_status status = run_once(arena, out, sql, &params);
	for (int attempt = 1; status == DB_RETRY && on_its_own && attempt < TRANSACTION_ATTEMPTS &&
			      lock_wait_timeouts < LOCK_WAIT_TIMEOUTS_MAX;
	     attempt++) {
		log_info("statement lost a deadlock or certification (attempt %d); retrying",
			 attempt);
		pause_before_retry(attempt);
		status = run_once(arena, out, sql, &params);
	}
	return status;
}

/* db_run's parameters read from ap by types, then run. */
static enum db_status run_args(struct arena *arena, struct db_result *out, const char *sql,
			       const char *types, va_list ap)
{
	struct db_param list[DB_PARAMS_MAX];
	size_t count;
	if (!params_from_args(list, &count, types, ap)) {
		log_error("bad parameter types '%s' for: %s", types, sql);
		return DB_ERROR;
	}
	return db_run_params(arena, out, sql, list, count);
}

enum db_status db_run(struct arena *arena, struct db_result *out, const char *sql,
		      const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum db_status status = run_args(arena, out, sql, types, ap);
	va_end(ap);
	return status;
}

enum db_status db_run_fresh(struct arena *arena, struct db_result *out, const char *sql,
			    const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum db_status status = run_args(arena, out, sql, types, ap);
	va_end(ap);
	discard_statement(sql);
	return status;
}

enum db_status db_run_params_fresh(struct arena *arena, struct db_result *out, const char *sql,
				   const struct db_param *params, size_t count)
{
	enum db_status status = db_run_params(arena, out, sql, params, count);
	discard_statement(sql);
	return status;
}

/* ---- composed statements: one stable copy of each distinct text ---- */

/* The statement cache is keyed by the address of the SQL text, which for the model's string
 * literals never changes. A statement composed per request (a list with the filters in use)
 * gets the same treatment through one process-lifetime copy per distinct text. The shapes are
 * bounded by the whitelisted fragments that compose them; should a worker ever see more than
 * SHAPE_SLOTS, it forgets them all (closing their statements) and starts again. */
#define SHAPE_SLOTS 128
static char *shapes[SHAPE_SLOTS];
static size_t shape_count;

const char *db_shape(const char *sql)
{
	for (size_t i = 0; i < shape_count; i++)
		if (strcmp(shapes[i], sql) == 0)
			return shapes[i];
	if (shape_count == SHAPE_SLOTS) {
		forget_statements(); /* some cached statements point into shapes[] */
		for (size_t i = 0; i < shape_count; i++)
			free(shapes[i]);
		shape_count = 0;
	}
	char *copy = strdup(sql);
	if (copy == NULL)
		return NULL;
	shapes[shape_count++] = copy;
	return copy;
}

void *db_items(struct arena *arena, enum db_status status, const struct db_result *result,
	       size_t size, size_t *count)
{
	*count = status == DB_OK ? result->rows : 0;
	return status == DB_OK ? arena_zalloc(arena, (result->rows + 1) * size) : NULL;
}

const char *db_value(const struct db_result *result, size_t row, unsigned column)
{
	if (row >= result->rows || column >= result->columns)
		return NULL;
	return result->cells[row * result->columns + column];
}

long long db_int(const struct db_result *result, size_t row, unsigned column, long long fallback)
{
	const char *value = db_value(result, row, column);
	if (value == NULL || *value == '\0')
		return fallback;
	char *end;
	errno = 0;
	long long n = strtoll(value, &end, 10);
	return (errno || *end) ? fallback : n;
}

static unsigned plain_query(const char *sql)
{
	if (mysql_real_query(connection, sql, strlen(sql)) != 0)
		return mysql_errno(connection);
	return 0;
}

enum db_status db_transaction(struct arena *arena, db_work work, void *context)
{
	enum db_status status = DB_RETRY;
	lock_wait_timeouts = 0;
	for (int attempt = 0; attempt < TRANSACTION_ATTEMPTS && status == DB_RETRY &&
			      lock_wait_timeouts < LOCK_WAIT_TIMEOUTS_MAX;
	     attempt++) {
		if (attempt > 0)
			pause_before_retry(attempt);
		drop_if_closed();
		if (db_ready() != DB_OK)
			return DB_UNAVAILABLE;
		unsigned error = plain_query("START TRANSACTION");
		if (error) {
			status = classify(error);
			if (status == DB_UNAVAILABLE) {
				move_on();
				db_disconnect();
				status = attempt == 0 ? DB_RETRY : DB_UNAVAILABLE;
			}
			continue;
		}
		in_transaction = true;
		status = work(arena, context);
		if (transaction_lost || connection == NULL) {
			/* lost mid-transaction: nothing of it committed; run it again, whole */
			log_info("transaction lost its connection (attempt %d); retrying it whole",
				 attempt + 1);
			transaction_lost = false;
			in_transaction = false;
			status = DB_RETRY;
			continue;
		}
		if (status == DB_OK) {
			error = plain_query("COMMIT");
			status = error ? classify(error) : DB_OK;
			/* Galera: a certification failure at commit is ER_LOCK_DEADLOCK, DB_RETRY
			 * like any deadlock. A connection lost at COMMIT leaves the outcome
			 * unknown: not retried (it may have committed), the caller answers 503. */
			if (status == DB_UNAVAILABLE) {
				log_error("connection lost at COMMIT (%u): outcome unknown", error);
				move_on();
				db_disconnect();
				in_transaction = false;
				return DB_UNAVAILABLE;
			}
		}
		/* a connection that cannot even roll back is not trusted with the retry */
		if (status != DB_OK && connection != NULL && plain_query("ROLLBACK") != 0)
			db_disconnect();
		in_transaction = false;
		if (status == DB_RETRY)
			log_info("transaction lost a deadlock or lock wait (attempt %d); retrying",
				 attempt + 1);
	}
	return status;
}

/* ---- migrations: trusted files from the package, run as multi-statement text ---- */

static int migration_filter(const struct dirent *entry)
{
	const char *name = entry->d_name;
	size_t len = strlen(name);
	return len > 8 && name[0] >= '0' && name[0] <= '9' && name[1] >= '0' && name[1] <= '9' &&
	       name[2] >= '0' && name[2] <= '9' && name[3] == '_' &&
	       strcmp(name + len - 4, ".sql") == 0;
}

static char *read_whole_file(const char *path)
{
	FILE *file = fopen(path, "rb");
	if (file == NULL)
		return NULL;
	char *text = NULL;
	size_t len = 0, cap = 0;
	char block[8192];
	size_t got;
	while ((got = fread(block, 1, sizeof block, file)) > 0) {
		if (len + got + 1 > cap) {
			cap = (len + got + 1) * 2;
			char *bigger = realloc(text, cap);
			if (bigger == NULL) {
				free(text);
				fclose(file);
				return NULL;
			}
			text = bigger;
		}
		memcpy(text + len, block, got);
		len += got;
	}
	fclose(file);
	if (text == NULL)
		text = calloc(1, 1);
	else
		text[len] = '\0';
	return text;
}

static unsigned run_script(const char *text)
{
	if (mysql_real_query(connection, text, strlen(text)) != 0)
		return mysql_errno(connection);
	for (;;) {
		MYSQL_RES *result = mysql_store_result(connection);
		if (result)
			mysql_free_result(result);
		int next = mysql_next_result(connection);
		if (next == -1)
			return 0;
		if (next > 0)
			return mysql_errno(connection);
	}
}

/* Several hosts may migrate at once on deploy; they take turns through one row. Not
 * GET_LOCK: a named lock lives in one server, and on a Galera cluster two hosts migrating
 * through different nodes would each get it (MariaDB refuses GET_LOCK there anyway). A row
 * is replicated and certified: of two nodes inserting it at once, one fails. */
#define MIGRATION_LOCK_WAIT 600 /* seconds for another host's migrations to finish */

static void migration_holder(char *out, size_t size)
{
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	snprintf(out, size, "%s pid %d", host, (int)getpid());
}

static bool migration_lock_take(struct arena *arena, const char *holder)
{
	if (run_script("CREATE TABLE IF NOT EXISTS schema_migration_lock ("
		       " id TINYINT UNSIGNED NOT NULL PRIMARY KEY,"
		       " holder VARCHAR(300) NOT NULL,"
		       " taken_at DATETIME NOT NULL"
		       ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci") != 0) {
		fprintf(stderr, "referrals migrate: %s\n", mysql_error(connection));
		return false;
	}
	for (int waited = 0; waited <= MIGRATION_LOCK_WAIT; waited++) {
		enum db_status status =
			db_run(arena, NULL,
			       "INSERT INTO schema_migration_lock (id, holder, taken_at)"
			       " VALUES (1, ?, UTC_TIMESTAMP())",
			       "s", holder);
		if (status == DB_OK)
			return true;
		if (status != DB_DUPLICATE && status != DB_RETRY)
			break;
		if (waited % 30 == 0) {
			struct db_result row;
			if (db_run(arena, &row,
				   "SELECT holder, taken_at FROM schema_migration_lock WHERE id = "
				   "1",
				   "") == DB_OK &&
			    row.rows == 1)
				fprintf(stderr,
					"referrals migrate: waiting for %s (since %s UTC) to "
					"finish;"
					" if that run is gone, delete the row of "
					"schema_migration_lock\n",
					db_value(&row, 0, 0), db_value(&row, 0, 1));
		}
		sleep(1);
	}
	fprintf(stderr, "referrals migrate: could not take the migration lock\n");
	return false;
}

int db_migrate(const struct config *config)
{
	/* A migration may rebuild a table of millions of rows (sql/014, sql/015 at the design
	 * scale take minutes): the workers' read timeout would drop the connection mid-script
	 * while the server went on, leaving a migration applied but not recorded. */
	static struct config_database patient;
	patient = config->database;
	patient.read_timeout = MIGRATION_READ_TIMEOUT;
	db_configure(&patient);
	if (db_ready() != DB_OK) {
		fprintf(stderr, "referrals migrate: cannot connect to the database\n");
		return 1;
	}
	struct arena *arena = arena_new(16384);
	int failed = 0;
	bool locked = false;
	char holder[300];
	migration_holder(holder, sizeof holder);
	mysql_set_server_option(connection, MYSQL_OPTION_MULTI_STATEMENTS_ON);
	if (run_script("CREATE TABLE IF NOT EXISTS schema_migrations ("
		       " version INT UNSIGNED NOT NULL PRIMARY KEY,"
		       " name VARCHAR(200) NOT NULL,"
		       " applied_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP()"
		       ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci") != 0) {
		fprintf(stderr, "referrals migrate: %s\n", mysql_error(connection));
		failed = 1;
		goto done;
	}
	if (!migration_lock_take(arena, holder)) {
		failed = 1;
		goto done;
	}
	locked = true;
	struct dirent **entries = NULL;
	int count = scandir(config->sql_dir, &entries, migration_filter, alphasort);
	if (count < 0) {
		fprintf(stderr, "referrals migrate: cannot read %s: %s\n", config->sql_dir,
			strerror(errno));
		failed = 1;
		goto done;
	}
	int applied = 0;
	for (int i = 0; i < count; i++) {
		const char *name = entries[i]->d_name;
		long long version = strtoll(name, NULL, 10);
		struct db_result seen;
		if (db_run(arena, &seen, "SELECT 1 FROM schema_migrations WHERE version = ?", "i",
			   version) != DB_OK) {
			failed = 1;
			break;
		}
		if (seen.rows > 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", config->sql_dir, name);
		char *text = read_whole_file(path);
		if (text == NULL) {
			fprintf(stderr, "referrals migrate: cannot read %s\n", path);
			failed = 1;
			break;
		}
		unsigned error = run_script(text);
		free(text);
		if (error) {
			fprintf(stderr, "referrals migrate: %s failed: %s\n", name,
				mysql_error(connection));
			failed = 1;
			break;
		}
		if (db_run(arena, NULL,
			   "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", "is",
			   version, name) != DB_OK) {
			failed = 1;
			break;
		}
		printf("applied %s\n", name);
		applied++;
	}
	for (int i = 0; i < count; i++)
		free(entries[i]);
	free(entries);
	if (!failed)
		printf("migrations: %d applied, database up to date\n", applied);
done:
	if (locked)
		db_run(arena, NULL, "DELETE FROM schema_migration_lock WHERE id = 1 AND holder = ?",
		       "s", holder);
	db_disconnect();
	arena_free(arena);
	return failed;
}
