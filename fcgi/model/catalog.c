/* The worker's copy of the reference data, reloaded when the database's cache generation moves
 * (see catalog.h for the rules, sql/016_cache_generation.sql for the triggers). */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../log.h"
#include "settings.h"

/* A copy and the arena that holds everything in it. */
struct catalog_copy {
	struct catalog catalog;
	struct arena *arena;
	struct catalog_copy *replaced; /* older copies, freed when the next request begins */
};

static struct catalog_copy *current;
static struct catalog_copy *replaced;
/* The copy was compared with the database's generation during this request. */
static bool checked;

static void free_copies(struct catalog_copy *copy)
{
	while (copy != NULL) {
		struct catalog_copy *next = copy->replaced;
		arena_free(copy->arena);
		free(copy);
		copy = next;
	}
}

void catalog_begin_request(void)
{
	checked = false;
	free_copies(replaced);
	replaced = NULL;
}

void catalog_free(void)
{
	free_copies(replaced);
	replaced = NULL;
	free_copies(current);
	current = NULL;
	checked = false;
}

static const char *copy_text(struct arena *arena, const char *text)
{
	return arena_strdup(arena, text ? text : "");
}

/* Runs a loader's statement (its rows into *rows, *status set); room for as many items of
 * size bytes, zeroed, one more as an end, in the copy's arena (NULL when it failed). */
static void *load_rows(struct arena *request, struct arena *keep, const char *sql,
		       struct db_result *rows, size_t size, size_t *count, enum db_status *status)
{
	*status = db_run(request, rows, sql, "");
	*count = *status == DB_OK ? rows->rows : 0;
	return *status == DB_OK ? arena_zalloc(keep, (rows->rows + 1) * size) : NULL;
}

static int compare_org_ids(const void *a, const void *b)
{
	long long x = (*(const struct catalog_org *const *)a)->id;
	long long y = (*(const struct catalog_org *const *)b)->id;
	return (x > y) - (x < y);
}

static enum db_status load_orgs(struct arena *request, struct arena *keep, struct catalog *c)
{
	struct db_result rows;
	enum db_status status;
	c->orgs = load_rows(request, keep,
			    "SELECT id, name, active, accepting FROM organisations"
			    " ORDER BY name, id",
			    &rows, sizeof *c->orgs, &c->org_count, &status);
	for (size_t r = 0; status == DB_OK && r < rows.rows; r++)
		c->orgs[r] = (struct catalog_org){ db_int(&rows, r, 0, 0),
						   copy_text(keep, db_value(&rows, r, 1)),
						   db_int(&rows, r, 2, 0) == 1,
						   db_int(&rows, r, 3, 0) == 1 };
	if (status != DB_OK)
		return status;
	/* a list page names 50 organisations of 500 at the design scale */
	c->orgs_by_id = arena_zalloc(keep, (c->org_count + 1) * sizeof *c->orgs_by_id);
	for (size_t r = 0; r < c->org_count; r++)
		c->orgs_by_id[r] = &c->orgs[r];
	qsort(c->orgs_by_id, c->org_count, sizeof *c->orgs_by_id, compare_org_ids);
	return DB_OK;
}

static enum db_status load_issues(struct arena *request, struct arena *keep, struct catalog *c)
{
	struct db_result rows;
	enum db_status status;
	c->issues = load_rows(
		request, keep,
		"SELECT i.id, i.name, i.description, i.active,"
		" (SELECT COUNT(*) FROM questions q WHERE q.issue_id = i.id AND q.retired = 0),"
		" (SELECT COUNT(*) FROM questions q WHERE q.issue_id = i.id AND q.retired = 1),"
		" (SELECT COUNT(*) FROM organisation_issues oi WHERE oi.issue_id = i.id)"
		" FROM issues i ORDER BY i.active DESC, i.position, i.id LIMIT 500",
		&rows, sizeof *c->issues, &c->issue_count, &status);
	for (size_t r = 0; status == DB_OK && r < rows.rows; r++)
		c->issues[r] = (struct issue){
			.id = db_int(&rows, r, 0, 0),
			.name = copy_text(keep, db_value(&rows, r, 1)),
			.description = copy_text(keep, db_value(&rows, r, 2)),
			.active = db_int(&rows, r, 3, 0) == 1,
			.live_questions = db_int(&rows, r, 4, 0),
			.retired_questions = db_int(&rows, r, 5, 0),
			.organisations = db_int(&rows, r, 6, 0),
		};
	return status;
}

static enum db_status load_settings(struct arena *request, struct arena *keep, struct catalog *c)
{
	struct db_result rows;
	enum db_status status;
	c->settings = load_rows(request, keep,
				"SELECT name, value FROM settings ORDER BY name LIMIT 1000", &rows,
				sizeof *c->settings, &c->setting_count, &status);
	for (size_t r = 0; status == DB_OK && r < rows.rows; r++)
		c->settings[r] = (struct catalog_setting){ copy_text(keep, db_value(&rows, r, 0)),
							   copy_text(keep, db_value(&rows, r, 1)) };
	return status;
}

/* After the settings: which reason automatic closing uses. */
static enum db_status load_reasons(struct arena *request, struct arena *keep, struct catalog *c)
{
	struct db_result rows;
	enum db_status status;
	c->reasons = load_rows(request, keep,
			       "SELECT id, name, retired FROM closure_reasons"
			       " ORDER BY retired, position, id LIMIT 500",
			       &rows, sizeof *c->reasons, &c->reason_count, &status);
	const char *auto_close =
		catalog_setting(c, settings_defs[SETTING_AUTO_CLOSE_REASON_ID].name);
	long long auto_close_id = auto_close ? strtoll(auto_close, NULL, 10) : 0;
	for (size_t r = 0; status == DB_OK && r < rows.rows; r++) {
		long long id = db_int(&rows, r, 0, 0);
		c->reasons[r] =
			(struct closure_reason){ id, copy_text(keep, db_value(&rows, r, 1)),
						 db_int(&rows, r, 2, 0) == 1, id == auto_close_id };
	}
	return status;
}

static enum db_status load_values(struct arena *request, struct arena *keep, struct catalog *c)
{
	struct db_result rows;
	enum db_status status = db_run(request, &rows,
				       "SELECT list, id, name, retired FROM reference_values"
				       " ORDER BY list, retired, position, id LIMIT 3000",
				       "");
	if (status != DB_OK)
		return status;
	for (int l = 0; l < REFERENCE_LIST__MAX; l++) {
		c->values[l] = arena_zalloc(keep, (rows.rows + 1) * sizeof *c->values[l]);
		c->value_count[l] = 0;
	}
	for (size_t r = 0; r < rows.rows; r++) {
		enum reference_list list;
		if (!reference_list_parse(db_value(&rows, r, 0), &list))
			continue;
		c->values[list][c->value_count[list]++] =
			(struct reference_value){ db_int(&rows, r, 1, 0),
						  copy_text(keep, db_value(&rows, r, 2)),
						  db_int(&rows, r, 3, 0) == 1, false };
	}
	return DB_OK;
}

static enum db_status load_las(struct arena *request, struct arena *keep, struct catalog *c)
{
	struct db_result rows;
	enum db_status status;
	c->las = load_rows(request, keep,
			   "SELECT id, name, code, active FROM local_authorities"
			   " ORDER BY name, id LIMIT 5000",
			   &rows, sizeof *c->las, &c->la_count, &status);
	for (size_t r = 0; status == DB_OK && r < rows.rows; r++)
		c->las[r] = (struct catalog_la){ db_int(&rows, r, 0, 0),
						 copy_text(keep, db_value(&rows, r, 1)),
						 copy_text(keep, db_value(&rows, r, 2)),
						 db_int(&rows, r, 3, 0) == 1 };
	return status;
}

static enum db_status load_holidays(struct arena *request, struct arena *keep, struct catalog *c)
{
	struct db_result rows;
	/* DATE_FORMAT's day and month names follow lc_time_names, English unless set otherwise */
	enum db_status status;
	c->holidays = load_rows(request, keep,
				"SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d'), name,"
				" DATE_FORMAT(holiday_date, '%W %e %M %Y'), YEAR(holiday_date)"
				" FROM bank_holidays ORDER BY holiday_date LIMIT 10000",
				&rows, sizeof *c->holidays, &c->holiday_count, &status);
	for (size_t r = 0; status == DB_OK && r < rows.rows; r++)
		c->holidays[r] = (struct bank_holiday){ copy_text(keep, db_value(&rows, r, 0)),
							copy_text(keep, db_value(&rows, r, 1)),
							copy_text(keep, db_value(&rows, r, 2)),
							(int)db_int(&rows, r, 3, 0) };
	return status;
}

/* A new copy as of generation (read before the tables: a change committed in between makes
 * the copy newer than its number, and the next request loads it again; never older). */
static enum db_status reload(struct arena *request, unsigned long long generation)
{
	struct catalog_copy *copy = calloc(1, sizeof *copy);
	if (copy == NULL)
		return DB_ERROR;
	copy->arena = arena_new(16384);
	struct catalog *c = &copy->catalog;
	c->generation = generation;
	typedef enum db_status (*loader)(struct arena *, struct arena *, struct catalog *);
	static const loader loaders[] = { load_orgs,   load_issues, load_settings, load_reasons,
					  load_values, load_las,    load_holidays };
	enum db_status status = DB_OK;
	for (size_t i = 0; status == DB_OK && i < sizeof loaders / sizeof loaders[0]; i++)
		status = loaders[i](request, copy->arena, c);
	if (status != DB_OK) {
		log_error("catalog reload: database status %d", (int)status);
		free_copies(copy);
		return status;
	}
	if (current != NULL) {
		current->replaced = replaced;
		replaced = current;
	}
	current = copy;
	return DB_OK;
}

enum db_status catalog_sync(struct arena *arena, unsigned long long generation)
{
	if (current == NULL || current->catalog.generation != generation) {
		enum db_status status = reload(arena, generation);
		if (status != DB_OK)
			return status;
	}
	checked = true;
	return DB_OK;
}

enum db_status catalog_get(struct arena *arena, const struct catalog **out)
{
	*out = NULL;
	if (!checked || current == NULL) {
		struct db_result row;
		enum db_status status = db_run(
			arena, &row, "SELECT generation FROM cache_generation WHERE id = 1", "");
		if (status != DB_OK)
			return status;
		unsigned long long generation =
			row.rows == 1 ? strtoull(db_value(&row, 0, 0), NULL, 10) : 0;
		status = catalog_sync(arena, generation);
		if (status != DB_OK)
			return status;
	}
	*out = &current->catalog;
	return DB_OK;
}

const struct catalog_org *catalog_org(const struct catalog *catalog, long long id)
{
	size_t low = 0, high = catalog->org_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		const struct catalog_org *org = catalog->orgs_by_id[middle];
		if (org->id == id)
			return org;
		if (org->id < id)
			low = middle + 1;
		else
			high = middle;
	}
	return NULL;
}

const struct issue *catalog_issue(const struct catalog *catalog, long long id)
{
	for (size_t i = 0; i < catalog->issue_count; i++)
		if (catalog->issues[i].id == id)
			return &catalog->issues[i];
	return NULL;
}

const struct closure_reason *catalog_reason(const struct catalog *catalog, long long id)
{
	for (size_t i = 0; i < catalog->reason_count; i++)
		if (catalog->reasons[i].id == id)
			return &catalog->reasons[i];
	return NULL;
}

const char *catalog_setting(const struct catalog *catalog, const char *name)
{
	for (size_t i = 0; i < catalog->setting_count; i++)
		if (strcmp(catalog->settings[i].name, name) == 0)
			return catalog->settings[i].value;
	return NULL;
}

enum db_status catalog_organisations(struct arena *arena, bool active_only,
				     struct catalog_org **items, size_t *count)
{
	*items = NULL;
	*count = 0;
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	if (status != DB_OK)
		return status;
	*items = arena_alloc(arena, (catalog->org_count + 1) * sizeof **items);
	for (size_t i = 0; i < catalog->org_count; i++)
		if (!active_only || catalog->orgs[i].active)
			(*items)[(*count)++] = catalog->orgs[i];
	return DB_OK;
}

void *catalog_copy_items(struct arena *arena, const void *items, size_t count, size_t size)
{
	void *copy = arena_zalloc(arena, (count + 1) * size);
	if (count > 0)
		memcpy(copy, items, count * size);
	return copy;
}
