/* Bank holidays: the days besides weekends that are not working days. List by year, add,
 * remove, import a pasted list; and the dates in a range, for working-day arithmetic. */
#ifndef REFERRALS_MODEL_BANK_HOLIDAY_H
#define REFERRALS_MODEL_BANK_HOLIDAY_H

#include <stdbool.h>
#include <stddef.h>

#include "../db.h"

#define BANK_HOLIDAY_NAME_MAX 200 /* characters */
#define BANK_HOLIDAY_DATE_SIZE 11 /* "2026-12-25" */

struct bank_holiday {
	const char *date;    /* "2026-12-25" */
	const char *name;    /* "Christmas Day" */
	const char *display; /* "Friday 25 December 2026" (lists only) */
	int year;
};

struct bank_holiday_list {
	struct bank_holiday *items;
	size_t count;
};

/* The holidays from 1 January of from_year to 31 December of to_year, in date order. */
enum db_status bank_holiday_list_years(struct arena *arena, int from_year, int to_year,
				       struct bank_holiday_list *out);
/* The holidays from from to to inclusive ("YYYY-MM-DD"), in date order: the bank holidays
 * working-day arithmetic skips. */
enum db_status bank_holiday_between(struct arena *arena, const char *from, const char *to,
				    struct bank_holiday_list *out);
/* The years that have holidays, newest first (at most 200). */
enum db_status bank_holiday_years(struct arena *arena, int **years, size_t *count);

enum bank_holiday_change {
	BANK_HOLIDAY_DONE,
	BANK_HOLIDAY_DUPLICATE, /* that date is already a holiday (*existing names it) */
	BANK_HOLIDAY_NOT_FOUND,
};

/* Who makes a change, for the audit log. */
struct bank_holiday_actor {
	long long staff_id;
	const char *remote_addr;
};

/* The changes record themselves in the audit log, in the same transaction: actions
 * "admin.bank_holiday.add" / ".remove", subject "bank_holiday" with the date as the number
 * YYYYMMDD, values "2026-12-25 Christmas Day". */
enum db_status bank_holiday_add(struct arena *arena, const struct bank_holiday_actor *actor,
				const char *date, const char *name,
				enum bank_holiday_change *result, const char **existing);
enum db_status bank_holiday_remove(struct arena *arena, const struct bank_holiday_actor *actor,
				   const char *date, enum bank_holiday_change *result,
				   const char **removed_name);
/* Adds every holiday whose date is not one already, in one transaction (an audit row for each
 * added, with detail "import"). *added + *existing = count. */
enum db_status bank_holiday_import(struct arena *arena, const struct bank_holiday_actor *actor,
				   const struct bank_holiday *items, size_t count, size_t *added,
				   size_t *existing);

/* One line of an import: "YYYY-MM-DD,Name", "YYYY-MM-DD Name" or with a tab between (as
 * copied from a spreadsheet or GOV.UK's list). Returns NULL and fills date and *name (trimmed,
 * allocated from arena), or a reason the line is refused. A blank line gives *name = NULL
 * and NULL: skip it. */
const char *bank_holiday_parse_line(struct arena *arena, const char *line,
				    char date[BANK_HOLIDAY_DATE_SIZE], const char **name);

#endif
