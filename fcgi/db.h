/* The MariaDB connection of one worker: prepared statements cached per connection, reconnect
 * when the server went away, whole-transaction retry on deadlock, and migrations.
 * Only fcgi/model/ calls db_run(); everything else asks the model. */
#ifndef REFERRALS_DB_H
#define REFERRALS_DB_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct config;
struct config_database;

enum db_status {
	DB_OK = 0,
	DB_ERROR,	/* a bug or a constraint: log and answer 500 */
	DB_RETRY,	/* deadlock or lock wait timeout: retry the whole transaction */
	DB_UNAVAILABLE, /* cannot reach the server: answer 503 */
	DB_DUPLICATE,	/* a unique key refused the row */
};

struct db_result {
	size_t rows;
	unsigned columns;
	char **cells; /* rows * columns; NULL for SQL NULL */
	unsigned long *lengths;
	unsigned long long affected;
	unsigned long long insert_id;
};

void db_configure(const struct config_database *config);
/* Connects if there is no connection; called at request start. */
enum db_status db_ready(void);
void db_disconnect(void);
/* Between requests: a worker that failed over to another of Referrals.Database.Hosts goes
 * back to the first once it is up again (checked at most every 10 seconds). */
void db_return_to_first_host(void);
/* Runs one prepared statement. types has one letter per parameter after it:
 *   'i' long long, 's' const char * (NULL binds SQL NULL), 'b' const void *, size_t (bytes).
 * Rows are copied into arena; out may be NULL when the caller wants none. */
enum db_status db_run(struct arena *arena, struct db_result *out, const char *sql,
		      const char *types, ...);
/* db_run with a statement prepared for this run alone and closed after it. For the loose
 * index scans of the audit page's filter choices: MariaDB 10.11 plans a prepared GROUP BY
 * again as a full index scan (19 M entries, 1.4 s) when it executes it a second time after
 * another statement joined the same table; a fresh statement keeps the loose scan (0.2 ms). */
enum db_status db_run_fresh(struct arena *arena, struct db_result *out, const char *sql,
			    const char *types, ...);
/* The most values one statement binds: a composed count repeats every filter for each of a
 * search's alternatives (fcgi/model/composed_sql.h, COMPOSED_SQL_PARAMS). */
#define DB_PARAMS_MAX 192

/* One parameter of db_run_params: type as in db_run; number for 'i', text for 's' (NULL binds
 * SQL NULL), text and length for 'b'. */
struct db_param {
	char type;
	long long number;
	const void *text;
	size_t length;
};
/* db_run with the parameters in an array, for statements composed from fragments. sql must be
 * a string literal or come from db_shape() (the statement cache keys on its address). */
enum db_status db_run_params(struct arena *arena, struct db_result *out, const char *sql,
			     const struct db_param *params, size_t count);
/* db_run_params with a statement prepared for this run alone, as db_run_fresh. */
enum db_status db_run_params_fresh(struct arena *arena, struct db_result *out, const char *sql,
				   const struct db_param *params, size_t count);
/* The one lasting copy of a composed statement's text (NULL when out of memory). */
const char *db_shape(const char *sql);

const char *db_value(const struct db_result *result, size_t row, unsigned column);
/* The array a list read by a statement fills: one zeroed item of size bytes per row of result
 * and one more (so an empty list is never NULL), *count the rows; NULL and 0 when status says
 * the statement failed. */
void *db_items(struct arena *arena, enum db_status status, const struct db_result *result,
	       size_t size, size_t *count);
long long db_int(const struct db_result *result, size_t row, unsigned column, long long fallback);

/* How many statements were executed since the last call (the request log's sql=N). */
unsigned long db_statements_take(void);

typedef enum db_status (*db_work)(struct arena *arena, void *context);
/* Runs work inside a transaction, retried whole (a few times) on deadlock. */
enum db_status db_transaction(struct arena *arena, db_work work, void *context);

/* Applies the migrations in config->sql_dir not yet recorded; returns 0 on success. */
int db_migrate(const struct config *config);

#endif
