/* Statements composed from whitelisted fragments: lists whose filters are each an index range
 * only when they are written for the filters in use (sql/014_list_indexes.sql). */
#include "composed_sql.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../log.h"
#include "../matching.h"

void composed_add(struct composed_sql *q, const char *fragment)
{
	size_t n = strlen(fragment);
	if (q->len + n + 1 > sizeof q->text) {
		q->overflow = true;
		return;
	}
	memcpy(q->text + q->len, fragment, n + 1);
	q->len += n;
}

void composed_int(struct composed_sql *q, const char *fragment, long long value)
{
	composed_add(q, fragment);
	if (q->count == COMPOSED_SQL_PARAMS) {
		q->overflow = true;
		return;
	}
	q->params[q->count++] = (struct db_param){ .type = 'i', .number = value };
}

void composed_text(struct composed_sql *q, const char *fragment, const char *value)
{
	composed_add(q, fragment);
	if (q->count == COMPOSED_SQL_PARAMS) {
		q->overflow = true;
		return;
	}
	q->params[q->count++] = (struct db_param){ .type = 's', .text = value };
}

static enum db_status run_composed(struct arena *arena, struct composed_sql *q,
				   struct db_result *out, bool fresh)
{
	if (q->overflow) {
		log_error("composed statement too long: %.200s", q->text);
		return DB_ERROR;
	}
	const char *shape = db_shape(q->text);
	if (shape == NULL)
		return DB_ERROR;
	return fresh ? db_run_params_fresh(arena, out, shape, q->params, q->count)
		     : db_run_params(arena, out, shape, q->params, q->count);
}

enum db_status composed_run(struct arena *arena, struct composed_sql *q, struct db_result *out)
{
	return run_composed(arena, q, out, false);
}

enum db_status composed_run_fresh(struct arena *arena, struct composed_sql *q,
				  struct db_result *out)
{
	return run_composed(arena, q, out, true);
}

/* A LIKE pattern matching text at the start, its wildcards and escape character taken
 * literally. */
const char *composed_like_prefix(struct arena *arena, const char *text)
{
	char *pattern = arena_alloc(arena, strlen(text) * 2 + 2), *o = pattern;
	for (const char *p = text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '%';
	*o = '\0';
	return pattern;
}

const char *composed_like_contains(struct arena *arena, const char *text)
{
	return arena_printf(arena, "%%%s", composed_like_prefix(arena, text));
}

enum db_status composed_search_total(struct arena *arena, const char *count_sql, const char *search,
				     long long *page, long long max, const char **pattern,
				     long long *total)
{
	if (*page < 1)
		*page = 1;
	if (*page > max)
		*page = max;
	*pattern = composed_like_contains(arena, search);
	struct db_result counted;
	enum db_status status =
		db_run(arena, &counted, count_sql, "sss", search, *pattern, *pattern);
	*total = status == DB_OK ? db_int(&counted, 0, 0, 0) : 0;
	return status;
}

#define SEARCH_WORDS_MAX 4 /* "mary ann de la cruz" is searched by its first four words */

/* One alternative of a search: a condition on the client c with one or two bound texts,
 * each a range of one index of clients. */
struct search_term {
	const char *sql, *value;	 /* "c.email LIKE ?" and its value */
	const char *and_sql, *and_value; /* " AND c.last_name_key LIKE ?" and its, or NULL */
};
#define SEARCH_TERMS_MAX (3 + 2 * (SEARCH_WORDS_MAX - 1))

/* The search's alternatives (see composed_client_search): at least the email's. */
static size_t search_terms(struct arena *arena, const char *query,
			   struct search_term terms[SEARCH_TERMS_MAX])
{
	size_t n = 0;
	if (strchr(query, '@') != NULL) {
		if (query[0] == '@')
			terms[n++] = (struct search_term){ .sql = "c.email_domain LIKE ?",
							   .value = composed_like_prefix(
								   arena, query + 1) };
		else
			terms[n++] =
				(struct search_term){ .sql = "c.email LIKE ?",
						      .value = composed_like_prefix(arena, query) };
		return n;
	}
	terms[n++] = (struct search_term){ .sql = "c.email LIKE ?",
					   .value = composed_like_prefix(arena, query) };
	char key[MATCH_KEY_SIZE];
	match_name_key(query, key, sizeof key);
	if (key[0] == '\0')
		return n;
	/* the first SEARCH_WORDS_MAX words; the rest is dropped */
	size_t spaces[SEARCH_WORDS_MAX];
	size_t splits = 0, len = 0;
	for (; key[len] != '\0'; len++) {
		if (key[len] != ' ')
			continue;
		if (splits == SEARCH_WORDS_MAX - 1)
			break;
		spaces[splits++] = len;
	}
	key[len] = '\0';
	const char *whole = composed_like_prefix(arena, key);
	terms[n++] = (struct search_term){ .sql = "c.first_name_key LIKE ?", .value = whole };
	terms[n++] = (struct search_term){ .sql = "c.last_name_key LIKE ?", .value = whole };
	for (size_t i = 0; i < splits; i++) {
		const char *left =
			composed_like_prefix(arena, arena_strndup(arena, key, spaces[i]));
		const char *right = composed_like_prefix(arena, key + spaces[i] + 1);
		terms[n++] = (struct search_term){ .sql = "c.first_name_key LIKE ?",
						   .value = left,
						   .and_sql = " AND c.last_name_key LIKE ?",
						   .and_value = right };
		terms[n++] = (struct search_term){ .sql = "c.last_name_key LIKE ?",
						   .value = left,
						   .and_sql = " AND c.first_name_key LIKE ?",
						   .and_value = right };
	}
	return n;
}

/* The term's text with its values bound. */
static void add_term(struct composed_sql *q, const struct search_term *term)
{
	composed_text(q, term->sql, term->value);
	if (term->and_sql != NULL)
		composed_text(q, term->and_sql, term->and_value);
}

/* The search as a condition on the client (alias c), driven by an index of clients:
 * - with an "@": a prefix of the email address, or after a leading "@" of its domain;
 * - otherwise a prefix of the email ("jo.smith" finds jo.smith@...), or the name's match key
 *   (case, accents and punctuation ignored, as the find step does): every split of its words
 *   into a first part and a last part, in either order, each part a prefix of the first or
 *   the last name key, so "alice zephyr", "Zéphyr Alice", "al zep" and "zephyr" find Alice
 *   Zephyr. Each alternative is a range of clients_email, clients_exact (last name key
 *   first) or clients_first_key, which the optimizer unites (index merge). */
bool composed_client_search(struct arena *arena, struct composed_sql *q, const char *query)
{
	struct search_term terms[SEARCH_TERMS_MAX];
	size_t n = search_terms(arena, query, terms);
	composed_add(q, n > 1 ? " AND (" : " AND ");
	for (size_t i = 0; i < n; i++) {
		bool pair = terms[i].and_sql != NULL;
		composed_add(q, i == 0 ? "" : " OR ");
		composed_add(q, pair ? "(" : "");
		add_term(q, &terms[i]);
		composed_add(q, pair ? ")" : "");
	}
	composed_add(q, n > 1 ? ")" : "");
	return true;
}

size_t composed_client_search_alternatives(struct arena *arena, const char *query)
{
	struct search_term terms[SEARCH_TERMS_MAX];
	return search_terms(arena, query, terms);
}

void composed_client_search_one(struct arena *arena, struct composed_sql *q, const char *query,
				size_t which)
{
	struct search_term terms[SEARCH_TERMS_MAX];
	size_t n = search_terms(arena, query, terms);
	composed_add(q, " AND (");
	add_term(q, &terms[which < n ? which : 0]);
	composed_add(q, ")");
}

/* This worker's recent probes. The number only chooses how a list reads its rows, both ways
 * give the same rows, so one some minutes old does: a search paged through, sorted or
 * filtered again, or made again by a colleague, skips up to 20,000 index entries (4 to 7 ms
 * for "brown" at the design scale). A probe lives in the slot its query's hash names. */
enum { PROBE_COPIES = 64, PROBE_QUERY_MAX = 96, PROBE_KEEP_SECONDS = 600 };
struct probe_copy {
	char query[PROBE_QUERY_MAX]; /* "": an empty slot */
	long long matching;
	time_t taken_at; /* CLOCK_MONOTONIC seconds */
};
static struct probe_copy probe_copies[PROBE_COPIES];

static struct probe_copy *probe_slot(const char *query)
{
	uint32_t hash = 2166136261u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)query; *p; p++)
		hash = (hash ^ *p) * 16777619u;
	return &probe_copies[hash % PROBE_COPIES];
}

static time_t monotonic_seconds(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec;
}

/* Each alternative counted on its own index, capped, and the counts added: an index merge of
 * them all (the list's own condition) gathers every match of every range before counting
 * (50 ms for "Smith" at the design scale; this, 2.4 ms). A client matching two alternatives
 * counts twice, which only errs towards "common": both plans give the same rows. */
enum db_status composed_search_matches(struct arena *arena, const char *query, long long *matching)
{
	*matching = 0;
	struct probe_copy *copy = strlen(query) < PROBE_QUERY_MAX ? probe_slot(query) : NULL;
	time_t now = monotonic_seconds();
	if (copy != NULL && strcmp(copy->query, query) == 0 &&
	    now - copy->taken_at < PROBE_KEEP_SECONDS) {
		*matching = copy->matching;
		return DB_OK;
	}
	struct search_term terms[SEARCH_TERMS_MAX];
	size_t n = search_terms(arena, query, terms);
	struct composed_sql *q = arena_zalloc(arena, sizeof *q);
	composed_add(q, "SELECT 0");
	for (size_t i = 0; i < n; i++) {
		composed_add(q, " + (SELECT COUNT(*) FROM (SELECT 1 FROM clients c WHERE ");
		add_term(q, &terms[i]);
		composed_int(q, " LIMIT ?) probe)", COMPOSED_SEARCH_FEW_MAX + 1);
	}
	struct db_result r;
	enum db_status st = composed_run(arena, q, &r);
	if (st != DB_OK)
		return st;
	*matching = db_int(&r, 0, 0, 0);
	if (copy != NULL) {
		memcpy(copy->query, query, strlen(query) + 1);
		copy->matching = *matching;
		copy->taken_at = now;
	}
	return DB_OK;
}
