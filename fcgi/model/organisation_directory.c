/* SQL of the directory of organisations: one statement counts, one reads the page; both read
 * only the organisations table and its links (issues, local authorities). */
#include "organisation_directory.h"

#include <string.h>

#include "../arena.h"

/* The filters, bound in this order: name pattern, issue (twice), local authority (twice),
 * accepting only. */
/* clang-format off */
#define DIRECTORY_WHERE                                                                     \
	" FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id"            \
	" WHERE o.active = 1 AND o.name LIKE ?"                                              \
	" AND (? = 0 OR EXISTS (SELECT 1 FROM organisation_issues i"                        \
	"   WHERE i.organisation_id = o.id AND i.issue_id = ?))"                            \
	" AND (? = 0 OR o.all_local_authorities = 1 OR EXISTS (SELECT 1"                    \
	"   FROM organisation_local_authorities l WHERE l.organisation_id = o.id"           \
	"   AND l.local_authority_id = ?))"                                                  \
	" AND (? = 0 OR o.accepting = 1)"
/* clang-format on */

/* text as a LIKE pattern matching names that contain it. */
static const char *contains(struct arena *arena, const char *text)
{
	size_t len = strlen(text);
	char *pattern = arena_alloc(arena, len * 2 + 3);
	size_t o = 0;
	pattern[o++] = '%';
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			pattern[o++] = '\\';
		pattern[o++] = text[i];
	}
	pattern[o++] = '%';
	pattern[o] = '\0';
	return pattern;
}

static void read_entry(const struct db_result *rows, size_t r, struct directory_entry *e)
{
	*e = (struct directory_entry){
		.id = db_int(rows, r, 0, 0),
		.name = db_value(rows, r, 1),
		.description = db_value(rows, r, 2),
		.parent_name = db_value(rows, r, 3),
		.accepting = db_int(rows, r, 4, 0) == 1,
		.paused_reason = db_value(rows, r, 5),
		.paused_until = db_value(rows, r, 6),
		.contact_phone = db_value(rows, r, 7),
		.contact_email = db_value(rows, r, 8),
		.website = db_value(rows, r, 9),
	};
}

enum db_status directory_search(struct arena *arena, const struct directory_search *q,
				struct directory_page *out)
{
	memset(out, 0, sizeof *out);
	const char *pattern = contains(arena, q->name);
	long long accepting = q->accepting_only;
	struct db_result counted;
	enum db_status s = db_run(arena, &counted, "SELECT COUNT(*)" DIRECTORY_WHERE, "siiiii",
				  pattern, q->issue_id, q->issue_id, q->local_authority_id,
				  q->local_authority_id, accepting);
	if (s != DB_OK)
		return s;
	out->total = db_int(&counted, 0, 0, 0);
	out->pages =
		out->total == 0 ? 1 : (out->total + DIRECTORY_PAGE_SIZE - 1) / DIRECTORY_PAGE_SIZE;
	out->page = q->page < 1 ? 1 : q->page > out->pages ? out->pages : q->page;
	struct db_result rows;
	s = db_run(arena, &rows,
		   "SELECT o.id, o.name, o.description, p.name, o.accepting, o.paused_reason,"
		   " o.paused_until, o.contact_phone, o.contact_email, o.website" DIRECTORY_WHERE
		   " ORDER BY o.name, o.id LIMIT ? OFFSET ?",
		   "siiiiiii", pattern, q->issue_id, q->issue_id, q->local_authority_id,
		   q->local_authority_id, accepting, (long long)DIRECTORY_PAGE_SIZE,
		   (out->page - 1) * DIRECTORY_PAGE_SIZE);
	if (s != DB_OK)
		return s;
	out->items = arena_zalloc(arena, (rows.rows + 1) * sizeof *out->items);
	for (size_t r = 0; r < rows.rows; r++)
		read_entry(&rows, r, &out->items[r]);
	out->count = rows.rows;
	return DB_OK;
}

enum db_status directory_relations(struct arena *arena, long long org_id,
				   struct directory_relations *out)
{
	memset(out, 0, sizeof *out);
	struct db_result rows;
	/* the parent (kind 0) and the teams (kind 1), active ones, in one statement */
	enum db_status s =
		db_run(arena, &rows,
		       "SELECT 0, p.id, p.name FROM organisations o JOIN organisations p ON p.id = "
		       "o.parent_id WHERE o.id = ?"
		       " UNION ALL SELECT 1, t.id, t.name FROM organisations t"
		       " WHERE t.parent_id = ? AND t.active = 1 ORDER BY 1, 3 LIMIT 500",
		       "ii", org_id, org_id);
	if (s != DB_OK)
		return s;
	out->teams = arena_zalloc(arena, (rows.rows + 1) * sizeof *out->teams);
	for (size_t r = 0; r < rows.rows; r++) {
		if (db_int(&rows, r, 0, 0) == 0) {
			out->parent_id = db_int(&rows, r, 1, 0);
			out->parent_name = db_value(&rows, r, 2);
		} else {
			out->teams[out->team_count++] =
				(struct directory_team){ db_int(&rows, r, 1, 0),
							 db_value(&rows, r, 2) };
		}
	}
	return DB_OK;
}
