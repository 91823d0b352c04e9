/* The database machinery against the test stack's real MariaDB (DB_SOCKET): a transaction
 * that loses a deadlock, or its connection, is retried whole and succeeds; a statement after the
 * server dropped the connection reconnects and re-prepares; rows come back with NULLs and long
 * values. */
#include <check.h>
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/config.h"
#include "../../fcgi/db.h"

static struct config_database settings;

static void setup(void)
{
	settings.socket = getenv("DB_SOCKET");
	settings.name = "referrals";
	settings.user = "root"; /* the OS root user, through unix_socket authentication */
	settings.connect_timeout = 3;
	settings.read_timeout = 30;
	db_configure(&settings);
}

static void teardown(void)
{
	db_disconnect();
}

START_TEST(test_rows_nulls_and_long_values)
{
	struct arena *arena = arena_new(4096);
	struct db_result result;
	ck_assert_int_eq(db_run(arena, &result, "SELECT ?, NULL, REPEAT('x', 5000), 42", "s", "é"),
			 DB_OK);
	ck_assert_uint_eq(result.rows, 1);
	ck_assert_str_eq(db_value(&result, 0, 0), "é");
	ck_assert_ptr_null(db_value(&result, 0, 1));
	ck_assert_uint_eq(strlen(db_value(&result, 0, 2)), 5000);
	ck_assert_int_eq(db_int(&result, 0, 3, -1), 42);
	arena_free(arena);
}
END_TEST

/* Every connection gets the session's settings (db.c session_settings): UTC and the strict
 * SQL mode. */
START_TEST(test_session_settings)
{
	struct arena *arena = arena_new(4096);
	struct db_result result;
	ck_assert_int_eq(db_run(arena, &result,
				"SELECT @@time_zone, @@sql_mode LIKE '%STRICT_ALL_TABLES%'", ""),
			 DB_OK);
	ck_assert_str_eq(db_value(&result, 0, 0), "+00:00");
	ck_assert_int_eq(db_int(&result, 0, 1, 0), 1);
	arena_free(arena);
}
END_TEST

/* The session's count of statements prepared so far. */
static long long prepares_so_far(struct arena *arena)
{
	struct db_result result;
	ck_assert_int_eq(db_run(arena, &result,
				"SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
				" WHERE VARIABLE_NAME = 'COM_STMT_PREPARE'",
				""),
			 DB_OK);
	return db_int(&result, 0, 0, -1);
}

/* db_run keeps a statement prepared for the connection's life; db_run_fresh prepares its
 * statement for every run (what keeps the audit page's loose index scans, db.h) and still
 * answers like db_run. */
START_TEST(test_fresh_statement_is_prepared_for_each_run)
{
	struct arena *arena = arena_new(4096);
	struct db_result result;
	static const char *const kept = "SELECT 1 + ?", *const fresh = "SELECT 2 + ?";
	prepares_so_far(arena); /* the counting statement is itself prepared once, here */
	ck_assert_int_eq(db_run(arena, &result, kept, "i", 1LL), DB_OK);
	long long before = prepares_so_far(arena);
	for (long long i = 0; i < 3; i++) {
		ck_assert_int_eq(db_run(arena, &result, kept, "i", i), DB_OK);
		ck_assert_int_eq(db_int(&result, 0, 0, 0), 1 + i);
	}
	ck_assert_int_eq(prepares_so_far(arena), before);
	for (long long i = 0; i < 3; i++) {
		ck_assert_int_eq(db_run_fresh(arena, &result, fresh, "i", i), DB_OK);
		ck_assert_uint_eq(result.rows, 1);
		ck_assert_int_eq(db_int(&result, 0, 0, 0), 2 + i);
	}
	ck_assert_int_eq(prepares_so_far(arena), before + 3);
	arena_free(arena);
}
END_TEST

START_TEST(test_reconnects_after_connection_killed)
{
	struct arena *arena = arena_new(4096);
	struct db_result result;
	static const char *const sql = "SELECT CONNECTION_ID()";
	ck_assert_int_eq(db_run(arena, &result, sql, ""), DB_OK);
	long long first = db_int(&result, 0, 0, 0);
	/* another connection kills ours, as a server restart would */
	MYSQL *other = mysql_init(NULL);
	ck_assert_ptr_nonnull(
		mysql_real_connect(other, NULL, "root", NULL, "referrals", 0, settings.socket, 0));
	char kill_sql[64];
	snprintf(kill_sql, sizeof kill_sql, "KILL CONNECTION %lld", first);
	ck_assert_int_eq(mysql_query(other, kill_sql), 0);
	mysql_close(other);
	/* the cached statement belonged to the dead connection: same call, new connection */
	ck_assert_int_eq(db_run(arena, &result, sql, ""), DB_OK);
	ck_assert_int_ne(db_int(&result, 0, 0, 0), first);
	arena_free(arena);
}
END_TEST

/* A write is never sent twice: one whose connection is lost in flight may have committed. So
 * a connection the server closed between requests must be noticed before the write is sent
 * (a node of a cluster killed, a server restarted), and the write goes to a new one. */
START_TEST(test_write_after_server_closed_connection_reconnects_first)
{
	struct arena *arena = arena_new(4096);
	struct db_result result;
	ck_assert_int_eq(
		db_run(arena, NULL,
		       "CREATE OR REPLACE TABLE test_reconnect (id INT PRIMARY KEY) ENGINE=InnoDB",
		       ""),
		DB_OK);
	ck_assert_int_eq(db_run(arena, &result, "SELECT CONNECTION_ID()", ""), DB_OK);
	long long first = db_int(&result, 0, 0, 0);
	MYSQL *other = mysql_init(NULL);
	ck_assert_ptr_nonnull(
		mysql_real_connect(other, NULL, "root", NULL, "referrals", 0, settings.socket, 0));
	char kill_sql[64];
	snprintf(kill_sql, sizeof kill_sql, "KILL CONNECTION %lld", first);
	ck_assert_int_eq(mysql_query(other, kill_sql), 0);
	usleep(200 * 1000); /* the server's close reaches our socket */
	ck_assert_int_eq(db_run(arena, NULL, "INSERT INTO test_reconnect VALUES (?)", "i", 1LL),
			 DB_OK);
	ck_assert_int_eq(mysql_query(other, "SELECT COUNT(*) FROM test_reconnect"), 0);
	MYSQL_RES *rows = mysql_store_result(other);
	ck_assert_str_eq(mysql_fetch_row(rows)[0], "1");
	mysql_free_result(rows);
	mysql_close(other);
	db_run(arena, NULL, "DROP TABLE test_reconnect", "");
	arena_free(arena);
}
END_TEST

/* A connection lost in the middle of a transaction took the transaction's first statements
 * with it: the work is run again from its start on a new connection, and none of its
 * statements runs on its own outside the transaction (which would commit it alone). */
struct cut_work {
	int attempts;
};

static enum db_status insert_then_lose_connection(struct arena *arena, void *context)
{
	struct cut_work *work = context;
	work->attempts++;
	enum db_status status = db_run(arena, NULL, "INSERT INTO test_cut VALUES (?)", "i", 1LL);
	if (status != DB_OK)
		return status;
	if (work->attempts == 1) {
		/* another connection kills ours between the two statements */
		struct db_result result;
		ck_assert_int_eq(db_run(arena, &result, "SELECT CONNECTION_ID()", ""), DB_OK);
		MYSQL *other = mysql_init(NULL);
		ck_assert_ptr_nonnull(mysql_real_connect(other, NULL, "root", NULL, "referrals", 0,
							 settings.socket, 0));
		char kill_sql[64];
		snprintf(kill_sql, sizeof kill_sql, "KILL CONNECTION %lld",
			 db_int(&result, 0, 0, 0));
		ck_assert_int_eq(mysql_query(other, kill_sql), 0);
		mysql_close(other);
	}
	return db_run(arena, NULL, "INSERT INTO test_cut VALUES (?)", "i", 2LL);
}

START_TEST(test_connection_lost_mid_transaction_is_retried_whole)
{
	struct arena *arena = arena_new(4096);
	ck_assert_int_eq(
		db_run(arena, NULL,
		       "CREATE OR REPLACE TABLE test_cut (id INT PRIMARY KEY) ENGINE=InnoDB", ""),
		DB_OK);
	struct cut_work work = { 0 };
	ck_assert_int_eq(db_transaction(arena, insert_then_lose_connection, &work), DB_OK);
	ck_assert_int_eq(work.attempts, 2);
	struct db_result rows;
	ck_assert_int_eq(
		db_run(arena, &rows, "SELECT GROUP_CONCAT(id ORDER BY id) FROM test_cut", ""),
		DB_OK);
	ck_assert_str_eq(db_value(&rows, 0, 0), "1,2");
	db_run(arena, NULL, "DROP TABLE test_cut", "");
	arena_free(arena);
}
END_TEST

/* A table of rows that transactions count their hits on: created afresh, then filled. */
static void table_of_hits(struct arena *arena, const char *create, const char *fill)
{
	ck_assert_int_eq(db_run(arena, NULL, create, ""), DB_OK);
	ck_assert_int_eq(db_run(arena, NULL, fill, ""), DB_OK);
}

struct deadlock_work {
	long long first, second;
	int *attempts;
};

static enum db_status lock_in_order(struct arena *arena, void *context)
{
	struct deadlock_work *work = context;
	__atomic_add_fetch(work->attempts, 1, __ATOMIC_SEQ_CST);
	enum db_status status =
		db_run(arena, NULL, "UPDATE test_deadlock SET hits = hits + 1 WHERE id = ?", "i",
		       work->first);
	if (status != DB_OK)
		return status;
	usleep(300 * 1000); /* both transactions now hold their first row */
	return db_run(arena, NULL, "UPDATE test_deadlock SET hits = hits + 1 WHERE id = ?", "i",
		      work->second);
}

START_TEST(test_deadlock_is_retried_whole)
{
	struct arena *arena = arena_new(4096);
	table_of_hits(arena,
		      "CREATE OR REPLACE TABLE test_deadlock (id INT PRIMARY KEY,"
		      " hits INT NOT NULL) ENGINE=InnoDB",
		      "INSERT INTO test_deadlock VALUES (1, 0), (2, 0)");
	db_disconnect(); /* each process opens its own connection */
	int *attempts =
		mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*attempts = 0;
	pid_t children[2];
	for (int i = 0; i < 2; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			struct arena *mine = arena_new(4096);
			struct deadlock_work work = { i == 0 ? 1 : 2, i == 0 ? 2 : 1, attempts };
			enum db_status status = db_transaction(mine, lock_in_order, &work);
			_exit(status == DB_OK ? 0 : 10 + (int)status);
		}
	}
	for (int i = 0; i < 2; i++) {
		int status;
		waitpid(children[i], &status, 0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			      "transaction %d failed: %d", i, WEXITSTATUS(status));
	}
	/* one of the two lost the deadlock and ran again from the start */
	ck_assert_int_eq(*attempts, 3);
	struct db_result result;
	ck_assert_int_eq(db_run(arena, &result, "SELECT SUM(hits) FROM test_deadlock", ""), DB_OK);
	ck_assert_int_eq(db_int(&result, 0, 0, 0), 4); /* each transaction counted exactly once */
	db_run(arena, NULL, "DROP TABLE test_deadlock", "");
	munmap(attempts, sizeof(int));
	arena_free(arena);
}
END_TEST

/* A transaction that keeps losing (to a burst of writes through another Galera node, say) is
 * run again whole up to 10 times in all, each losing attempt rolled back, the pauses between
 * them growing: 2 + 4 + 8 + 16 + 32 + 64 + 128 + 128 + 128 ms at least. */
struct losing_work {
	int attempts, losses;
};

static enum db_status insert_then_lose(struct arena *arena, void *context)
{
	struct losing_work *work = context;
	work->attempts++;
	enum db_status status = db_run(arena, NULL, "INSERT INTO test_losing VALUES (?)", "i",
				       (long long)work->attempts);
	if (status != DB_OK)
		return status;
	return work->attempts <= work->losses ? DB_RETRY : DB_OK;
}

static double seconds_now(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

START_TEST(test_losing_transaction_is_retried_ten_times_with_growing_pauses)
{
	struct arena *arena = arena_new(4096);
	ck_assert_int_eq(db_run(arena, NULL,
				"CREATE OR REPLACE TABLE test_losing (attempt INT PRIMARY KEY) "
				"ENGINE=InnoDB",
				""),
			 DB_OK);
	struct losing_work nine = { 0, 9 };
	double started = seconds_now();
	ck_assert_int_eq(db_transaction(arena, insert_then_lose, &nine), DB_OK);
	double waited = seconds_now() - started;
	ck_assert_int_eq(nine.attempts, 10);
	ck_assert_msg(waited >= 0.510, "paused %.3f s in all", waited);
	struct db_result rows;
	ck_assert_int_eq(db_run(arena, &rows, "SELECT GROUP_CONCAT(attempt) FROM test_losing", ""),
			 DB_OK);
	ck_assert_str_eq(db_value(&rows, 0, 0), "10"); /* the losing attempts left nothing */

	struct losing_work always = { 0, 1000 };
	ck_assert_int_eq(db_run(arena, NULL, "DELETE FROM test_losing", ""), DB_OK);
	ck_assert_int_eq(db_transaction(arena, insert_then_lose, &always), DB_RETRY);
	ck_assert_int_eq(always.attempts, 10);
	ck_assert_int_eq(db_run(arena, &rows, "SELECT COUNT(*) FROM test_losing", ""), DB_OK);
	ck_assert_int_eq(db_int(&rows, 0, 0, -1), 0);
	db_run(arena, NULL, "DROP TABLE test_losing", "");
	arena_free(arena);
}
END_TEST

/* A row held by someone else past innodb_lock_wait_timeout: the transaction, or a statement
 * on its own, waits it out twice and gives up (DB_RETRY: the page answers 503), where a
 * deadlock is retried up to 10 times. Counted by the server's lock waits. */
static enum db_status update_held_row(struct arena *arena, void *context)
{
	int *attempts = context;
	(*attempts)++;
	return db_run(arena, NULL, "UPDATE test_held SET hits = hits + 1 WHERE id = 1", "");
}

static long long lock_waits(MYSQL *conn)
{
	ck_assert_int_eq(mysql_query(conn, "SHOW GLOBAL STATUS LIKE 'Innodb_row_lock_waits'"), 0);
	MYSQL_RES *rows = mysql_store_result(conn);
	long long waits = atoll(mysql_fetch_row(rows)[1]);
	mysql_free_result(rows);
	return waits;
}

START_TEST(test_lock_wait_timeout_is_waited_out_twice_at_most)
{
	struct arena *arena = arena_new(4096);
	table_of_hits(arena,
		      "CREATE OR REPLACE TABLE test_held (id INT PRIMARY KEY,"
		      " hits INT NOT NULL) ENGINE=InnoDB",
		      "INSERT INTO test_held VALUES (1, 0)");
	ck_assert_int_eq(db_run(arena, NULL, "SET SESSION innodb_lock_wait_timeout = 1", ""),
			 DB_OK);
	MYSQL *holder = mysql_init(NULL);
	ck_assert_ptr_nonnull(
		mysql_real_connect(holder, NULL, "root", NULL, "referrals", 0, settings.socket, 0));
	ck_assert_int_eq(mysql_query(holder, "START TRANSACTION"), 0);
	ck_assert_int_eq(mysql_query(holder, "UPDATE test_held SET hits = 100 WHERE id = 1"), 0);

	long long before = lock_waits(holder);
	int attempts = 0;
	ck_assert_int_eq(db_transaction(arena, update_held_row, &attempts), DB_RETRY);
	ck_assert_int_eq(attempts, 2);
	ck_assert_int_eq(lock_waits(holder) - before, 2);

	before = lock_waits(holder);
	ck_assert_int_eq(
		db_run(arena, NULL, "UPDATE test_held SET hits = hits + 1 WHERE id = 1", ""),
		DB_RETRY);
	ck_assert_int_eq(lock_waits(holder) - before, 2);

	ck_assert_int_eq(mysql_query(holder, "ROLLBACK"), 0);
	mysql_close(holder);
	/* the row free again, the same statement goes through at once */
	ck_assert_int_eq(
		db_run(arena, NULL, "UPDATE test_held SET hits = hits + 1 WHERE id = 1", ""),
		DB_OK);
	db_run(arena, NULL, "DROP TABLE test_held", "");
	db_disconnect(); /* the next test's connection has the server's own lock wait timeout */
	arena_free(arena);
}
END_TEST

static enum db_status fail_after_insert(struct arena *arena, void *context)
{
	enum db_status status = db_run(arena, NULL, "INSERT INTO test_rollback VALUES (1)", "");
	return status == DB_OK ? DB_ERROR : status;
}

START_TEST(test_failed_transaction_leaves_nothing)
{
	struct arena *arena = arena_new(4096);
	ck_assert_int_eq(db_run(arena, NULL,
				"CREATE OR REPLACE TABLE test_rollback (id INT) ENGINE=InnoDB", ""),
			 DB_OK);
	ck_assert_int_eq(db_transaction(arena, fail_after_insert, NULL), DB_ERROR);
	struct db_result result;
	ck_assert_int_eq(db_run(arena, &result, "SELECT COUNT(*) FROM test_rollback", ""), DB_OK);
	ck_assert_int_eq(db_int(&result, 0, 0, -1), 0);
	db_run(arena, NULL, "DROP TABLE test_rollback", "");
	arena_free(arena);
}
END_TEST

START_TEST(test_duplicate_key_is_reported)
{
	struct arena *arena = arena_new(4096);
	ck_assert_int_eq(
		db_run(arena, NULL,
		       "CREATE OR REPLACE TABLE test_unique (id INT PRIMARY KEY) ENGINE=InnoDB",
		       ""),
		DB_OK);
	ck_assert_int_eq(db_run(arena, NULL, "INSERT INTO test_unique VALUES (?)", "i", 7LL),
			 DB_OK);
	ck_assert_int_eq(db_run(arena, NULL, "INSERT INTO test_unique VALUES (?)", "i", 7LL),
			 DB_DUPLICATE);
	db_run(arena, NULL, "DROP TABLE test_unique", "");
	arena_free(arena);
}
END_TEST

int main(void)
{
	if (getenv("DB_SOCKET") == NULL) {
		fprintf(stderr,
			"check_db: DB_SOCKET (the test stack's MariaDB socket) is not set\n");
		return 1;
	}
	Suite *suite = suite_create("db");
	TCase *tc = tcase_create("machinery");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_rows_nulls_and_long_values);
	tcase_add_test(tc, test_session_settings);
	tcase_add_test(tc, test_fresh_statement_is_prepared_for_each_run);
	tcase_add_test(tc, test_reconnects_after_connection_killed);
	tcase_add_test(tc, test_write_after_server_closed_connection_reconnects_first);
	tcase_add_test(tc, test_connection_lost_mid_transaction_is_retried_whole);
	tcase_add_test(tc, test_deadlock_is_retried_whole);
	tcase_add_test(tc, test_losing_transaction_is_retried_ten_times_with_growing_pauses);
	tcase_add_test(tc, test_lock_wait_timeout_is_waited_out_twice_at_most);
	tcase_add_test(tc, test_failed_transaction_leaves_nothing);
	tcase_add_test(tc, test_duplicate_key_is_reported);
	suite_add_tcase(suite, tc);
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? 1 : 0;
}
