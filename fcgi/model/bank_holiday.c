/* Bank holidays: list, add, remove, import. Each change runs in one transaction with its
 * audit rows. */
#include "bank_holiday.h"

#include <string.h>

#include "../arena.h"
#include "../validate.h"
#include "audit.h"
#include "catalog.h"

/* Lists are bounded: a year has about eight holidays, and the page shows a few years. */
#define LIST_LIMIT 1000

static enum db_status fill_list(struct arena *arena, enum db_status status,
				const struct db_result *result, struct bank_holiday_list *out)
{
	out->count = 0;
	out->items = NULL;
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (result->rows + 1) * sizeof *out->items);
	for (size_t r = 0; r < result->rows; r++)
		out->items[r] =
			(struct bank_holiday){ db_value(result, r, 0), db_value(result, r, 1),
					       db_value(result, r, 2),
					       (int)db_int(result, r, 3, 0) };
	out->count = result->rows;
	return DB_OK;
}

enum db_status bank_holiday_list_years(struct arena *arena, int from_year, int to_year,
				       struct bank_holiday_list *out)
{
	struct db_result result;
	/* DATE_FORMAT's day and month names follow lc_time_names, English unless set otherwise */
	enum db_status status =
		db_run(arena, &result,
		       "SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d'), name,"
		       " DATE_FORMAT(holiday_date, '%W %e %M %Y'), YEAR(holiday_date)"
		       " FROM bank_holidays WHERE holiday_date >= ? AND holiday_date < ?"
		       " ORDER BY holiday_date LIMIT 1000",
		       "ss", arena_printf(arena, "%04d-01-01", from_year),
		       arena_printf(arena, "%04d-01-01", to_year + 1));
	return fill_list(arena, status, &result, out);
}

enum db_status bank_holiday_between(struct arena *arena, const char *from, const char *to,
				    struct bank_holiday_list *out)
{
	const struct catalog *catalog;
	enum db_status status = catalog_get(arena, &catalog);
	/* "YYYY-MM-DD" compares as text in date order */
	size_t first = 0, end = status == DB_OK ? catalog->holiday_count : 0;
	while (first < end && strcmp(catalog->holidays[first].date, from) < 0)
		first++;
	while (end > first && strcmp(catalog->holidays[end - 1].date, to) > 0)
		end--;
	out->count = end - first;
	out->items = catalog_copy_items(arena, out->count ? catalog->holidays + first : NULL,
					out->count, sizeof *out->items);
	return status;
}

enum db_status bank_holiday_years(struct arena *arena, int **years, size_t *count)
{
	struct db_result result;
	enum db_status status = db_run(arena, &result,
				       "SELECT DISTINCT YEAR(holiday_date) FROM bank_holidays"
				       " ORDER BY 1 DESC LIMIT 200",
				       "");
	*years = db_items(arena, status, &result, sizeof **years, count);
	for (size_t r = 0; r < *count; r++)
		(*years)[r] = (int)db_int(&result, r, 0, 0);
	return status;
}

/* The date "2026-12-25" as the audit subject id 20261225: events.subject_id is a number, and
 * this one still reads as the date. */
static long long date_subject(const char *date)
{
	long long n = 0;
	for (const char *p = date; *p; p++)
		if (*p >= '0' && *p <= '9')
			n = n * 10 + (*p - '0');
	return n;
}

static enum db_status record(struct arena *arena, const struct bank_holiday_actor *actor,
			     const char *action, const char *date, const char *old_value,
			     const char *new_value, const char *detail)
{
	struct audit_entry entry = { .staff_id = actor->staff_id,
				     .action = action,
				     .subject_type = "bank_holiday",
				     .subject_id = date_subject(date),
				     .old_value = old_value,
				     .new_value = new_value,
				     .detail = detail,
				     .remote_addr = actor->remote_addr };
	return audit_record(arena, &entry);
}

struct change {
	const struct bank_holiday_actor *actor;
	const char *date;
	const char *name;
	enum bank_holiday_change *result;
	const char **other_name;
};

/* The holiday on date, locked for the rest of the transaction; *name NULL when none. */
static enum db_status find_locked(struct arena *arena, const char *date, const char **name)
{
	struct db_result result;
	enum db_status status = db_run(
		arena, &result, "SELECT name FROM bank_holidays WHERE holiday_date = ? FOR UPDATE",
		"s", date);
	*name = status == DB_OK && result.rows == 1 ? db_value(&result, 0, 0) : NULL;
	return status;
}

static enum db_status add_work(struct arena *arena, void *context)
{
	struct change *c = context;
	const char *existing;
	enum db_status status = find_locked(arena, c->date, &existing);
	if (status != DB_OK)
		return status;
	if (existing != NULL) {
		*c->result = BANK_HOLIDAY_DUPLICATE;
		*c->other_name = existing;
		return DB_OK;
	}
	status = db_run(arena, NULL, "INSERT INTO bank_holidays (holiday_date, name) VALUES (?, ?)",
			"ss", c->date, c->name);
	if (status == DB_OK)
		status = record(arena, c->actor, "admin.bank_holiday.add", c->date, NULL,
				arena_printf(arena, "%s %s", c->date, c->name), NULL);
	*c->result = BANK_HOLIDAY_DONE;
	return status;
}

enum db_status bank_holiday_add(struct arena *arena, const struct bank_holiday_actor *actor,
				const char *date, const char *name,
				enum bank_holiday_change *result, const char **existing)
{
	*existing = NULL;
	struct change c = { actor, date, name, result, existing };
	enum db_status status = db_transaction(arena, add_work, &c);
	/* two administrators adding the same date at once: the primary key decides */
	if (status == DB_DUPLICATE) {
		*result = BANK_HOLIDAY_DUPLICATE;
		return DB_OK;
	}
	return status;
}

static enum db_status remove_work(struct arena *arena, void *context)
{
	struct change *c = context;
	const char *name;
	enum db_status status = find_locked(arena, c->date, &name);
	if (status != DB_OK)
		return status;
	if (name == NULL) {
		*c->result = BANK_HOLIDAY_NOT_FOUND;
		return DB_OK;
	}
	*c->other_name = name;
	status = db_run(arena, NULL, "DELETE FROM bank_holidays WHERE holiday_date = ?", "s",
			c->date);
	if (status == DB_OK)
		status = record(arena, c->actor, "admin.bank_holiday.remove", c->date,
				arena_printf(arena, "%s %s", c->date, name), NULL, NULL);
	*c->result = BANK_HOLIDAY_DONE;
	return status;
}

enum db_status bank_holiday_remove(struct arena *arena, const struct bank_holiday_actor *actor,
				   const char *date, enum bank_holiday_change *result,
				   const char **removed_name)
{
	*removed_name = NULL;
	struct change c = { actor, date, NULL, result, removed_name };
	return db_transaction(arena, remove_work, &c);
}

struct import {
	const struct bank_holiday_actor *actor;
	const struct bank_holiday *items;
	size_t count;
	size_t *added, *existing;
};

static enum db_status import_work(struct arena *arena, void *context)
{
	struct import *im = context;
	*im->added = *im->existing = 0;
	enum db_status status = DB_OK;
	for (size_t i = 0; i < im->count && status == DB_OK; i++) {
		/* IGNORE: a date already there (or twice in the list) is counted, not an error */
		struct db_result inserted;
		status = db_run(
			arena, &inserted,
			"INSERT IGNORE INTO bank_holidays (holiday_date, name) VALUES (?, ?)", "ss",
			im->items[i].date, im->items[i].name);
		if (status != DB_OK)
			break;
		if (inserted.affected == 0) {
			(*im->existing)++;
			continue;
		}
		(*im->added)++;
		status = record(arena, im->actor, "admin.bank_holiday.add", im->items[i].date, NULL,
				arena_printf(arena, "%s %s", im->items[i].date, im->items[i].name),
				"import");
	}
	return status;
}

enum db_status bank_holiday_import(struct arena *arena, const struct bank_holiday_actor *actor,
				   const struct bank_holiday *items, size_t count, size_t *added,
				   size_t *existing)
{
	struct import im = { actor, items, count, added, existing };
	*added = *existing = 0;
	return db_transaction(arena, import_work, &im);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static const char not_a_date[] =
	"It does not start with a date in the format YYYY-MM-DD, like 2026-12-25";

const char *bank_holiday_parse_line(struct arena *arena, const char *line,
				    char date[BANK_HOLIDAY_DATE_SIZE], const char **name)
{
	*name = NULL;
	while (is_space(*line))
		line++;
	size_t len = strlen(line);
	while (len > 0 && is_space(line[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	/* the date: the first ten characters, then a comma, tab or space */
	if (len < 10 || (len > 10 && line[10] != ',' && !is_space(line[10])))
		return not_a_date;
	static const char shape[] = "dddd-dd-dd";
	for (int i = 0; i < 10; i++)
		if (shape[i] == 'd' ? !(line[i] >= '0' && line[i] <= '9') : line[i] != '-')
			return not_a_date;
	struct valid_date parsed = {
		.year = (line[0] - '0') * 1000 + (line[1] - '0') * 100 + (line[2] - '0') * 10 +
			(line[3] - '0'),
		.month = (line[5] - '0') * 10 + (line[6] - '0'),
		.day = (line[8] - '0') * 10 + (line[9] - '0'),
	};
	if (parsed.year < 1900 || parsed.year > 2100)
		return "The year must be between 1900 and 2100";
	if (!valid_date_is_real(parsed))
		return arena_printf(arena, "%.10s is not a real date", line);
	const char *rest = line + 10;
	size_t rest_len = len - 10;
	while (rest_len > 0 && (is_space(*rest) || *rest == ',')) {
		rest++;
		rest_len--;
	}
	if (rest_len == 0)
		return "It has no name after the date";
	char *text = arena_strndup(arena, rest, rest_len);
	if (valid_single_line(text) != NULL)
		return "The name has special characters in it";
	if (valid_text_length(text, 1, BANK_HOLIDAY_NAME_MAX) != VALID_LENGTH_OK)
		return "The name is longer than 200 characters";
	valid_date_to_iso(parsed, date);
	*name = text;
	return NULL;
}
