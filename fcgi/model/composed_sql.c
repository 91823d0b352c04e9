/* Statements composed from whitelisted fragments: lists whose filters are each an index range
 * only when they are written for the filters in use (sql/014_list_indexes.sql). */
#include "composed_sql.h"

#include <string.h>

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

enum db_status composed_run(struct arena *arena, struct composed_sql *q, struct db_result *out)
{
	if (q->overflow) {
		log_error("composed statement too long: %.200s", q->text);
		return DB_ERROR;
	}
	const char *shape = db_shape(q->text);
	if (shape == NULL)
		return DB_ERROR;
	return db_run_params(arena, out, shape, q->params, q->count);
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
	if (strchr(query, '@') != NULL) {
		if (query[0] == '@')
			composed_text(q, " AND c.email_domain LIKE ?",
				      composed_like_prefix(arena, query + 1));
		else
			composed_text(q, " AND c.email LIKE ?", composed_like_prefix(arena, query));
		return true;
	}
	const char *email = composed_like_prefix(arena, query);
	char key[MATCH_KEY_SIZE];
	match_name_key(query, key, sizeof key);
	if (key[0] == '\0') {
		composed_text(q, " AND c.email LIKE ?", email);
		return true;
	}
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
	composed_text(q, " AND (c.email LIKE ?", email);
	composed_text(q, " OR c.first_name_key LIKE ?", whole);
	composed_text(q, " OR c.last_name_key LIKE ?", whole);
	for (size_t i = 0; i < splits; i++) {
		const char *left =
			composed_like_prefix(arena, arena_strndup(arena, key, spaces[i]));
		const char *right = composed_like_prefix(arena, key + spaces[i] + 1);
		composed_text(q, " OR (c.first_name_key LIKE ?", left);
		composed_text(q, " AND c.last_name_key LIKE ?)", right);
		composed_text(q, " OR (c.last_name_key LIKE ?", left);
		composed_text(q, " AND c.first_name_key LIKE ?)", right);
	}
	composed_add(q, ")");
	return true;
}

enum db_status composed_search_matches(struct arena *arena, const char *query, long long *matching)
{
	struct composed_sql *q = arena_zalloc(arena, sizeof *q);
	composed_add(q, "SELECT COUNT(*) FROM (SELECT 1 FROM clients c WHERE 1 = 1");
	*matching = 0;
	if (!composed_client_search(arena, q, query))
		return DB_OK;
	composed_int(q, " LIMIT ?) probe", COMPOSED_SEARCH_FEW_MAX + 1);
	struct db_result r;
	enum db_status st = composed_run(arena, q, &r);
	if (st == DB_OK)
		*matching = db_int(&r, 0, 0, 0);
	return st;
}
