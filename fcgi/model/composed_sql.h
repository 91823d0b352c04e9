/* Statements composed from whitelisted fragments for the filters in use, every value still a
 * bound parameter, each distinct text prepared once per connection (db_shape). A catch-all
 * statement with "? IN (0, column)" for every optional filter cannot use an index for any of
 * them; these can. Fragments are string literals of the model, never user input. */
#ifndef REFERRALS_MODEL_COMPOSED_SQL_H
#define REFERRALS_MODEL_COMPOSED_SQL_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

/* Room for the longest, with a margin: a search's count with every filter, repeated for each
 * of the search's nine alternatives (referral_list.c, add_count_by_alternatives), about 5,600
 * bytes and 142 values. */
#define COMPOSED_SQL_BYTES 12288
#define COMPOSED_SQL_PARAMS DB_PARAMS_MAX

struct composed_sql {
	char text[COMPOSED_SQL_BYTES];
	size_t len;
	struct db_param params[COMPOSED_SQL_PARAMS];
	size_t count;
	bool overflow; /* too long: composed_run fails rather than run half a statement */
};

/* Appends a fragment; with a value, the fragment holds its one "?". */
void composed_add(struct composed_sql *q, const char *fragment);
void composed_int(struct composed_sql *q, const char *fragment, long long value);
void composed_text(struct composed_sql *q, const char *fragment, const char *value);
enum db_status composed_run(struct arena *arena, struct composed_sql *q, struct db_result *out);
/* composed_run with the statement prepared for this run alone (db_run_fresh): for plans that
 * MariaDB 10.11 executes worse the second time (referral_list.c, list_plan.fresh). */
enum db_status composed_run_fresh(struct arena *arena, struct composed_sql *q,
				  struct db_result *out);

/* A LIKE pattern matching text at the start, its wildcards taken literally. */
const char *composed_like_prefix(struct arena *arena, const char *text);
/* A LIKE pattern matching text anywhere ("%text%"), likewise. */
const char *composed_like_contains(struct arena *arena, const char *text);
/* The start of a search shown a page at a time (local authorities, staff): *page kept within 1
 * and max, *pattern what matches the search anywhere, and *total the rows count_sql counts,
 * bound to the search and then the pattern twice. */
enum db_status composed_search_total(struct arena *arena, const char *count_sql, const char *search,
				     long long *page, long long max, const char **pattern,
				     long long *total);

/* The search of the lists (referrals, clients) as conditions on the client c, each served by
 * an index of clients: with an "@", a prefix of the email or, after a leading "@", of its
 * domain; otherwise a prefix of the email or prefixes of the name keys (fcgi/matching.c: case,
 * accents and punctuation ignored), the words split into a first and a last part in either order,
 * so "alice zephyr", "Zéphyr Alice", "al zep" and "zephyr" all find Alice Zephyr. Appends " AND
 * (...)"; false when nothing can match. */
bool composed_client_search(struct arena *arena, struct composed_sql *q, const char *query);

/* The search's alternatives one at a time, for a count that unites capped ranges rather than
 * letting the optimizer merge every match of every index first: how many there are (at least
 * one), and " AND (...)" of alternative which of them (0 up to that count). */
size_t composed_client_search_alternatives(struct arena *arena, const char *query);
void composed_client_search_one(struct arena *arena, struct composed_sql *q, const char *query,
				size_t which);

/* A search matching more clients than this is a common name (tens of thousands of Smiths
 * among a million clients): a list then walks the organisation's own rows newest first and
 * checks each one's client, which finds a page within a few hundred, rather than read every
 * matching client first. */
#define COMPOSED_SEARCH_FEW_MAX 10000
/* How many clients the search matches (composed_client_search), counting no further than
 * COMPOSED_SEARCH_FEW_MAX + 1: one statement, the name and email indexes' ranges, or this
 * worker's answer to the same query in the last ten minutes (it only chooses a plan). */
enum db_status composed_search_matches(struct arena *arena, const char *query, long long *matching);

#endif
