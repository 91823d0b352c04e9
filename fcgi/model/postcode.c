/* SQL for postcodes, and the ONSPD import: CSV records (fcgi/csv.c) → checked rows → batches
 * written by one upsert each (the batch bound as one JSON value), one transaction each, with
 * counts by outcome and the first refused lines. */
#include "postcode.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../config.h"
#include "../csv.h"
#include "../request.h"
#include "../validate.h"
#include "audit.h"

/* ---- lookup and counts ---- */

enum db_status postcode_lookup(struct arena *arena, const char *key, struct postcode_lookup *out,
			       bool *found)
{
	struct db_result rows;
	enum db_status status = db_run(
		arena, &rows,
		"SELECT p.postcode, la.id, la.name, la.code, la.active, p.town, p.is_terminated"
		" FROM postcodes p JOIN local_authorities la ON la.id = p.local_authority_id"
		" WHERE p.postcode = ?",
		"s", key);
	*found = status == DB_OK && rows.rows == 1;
	if (!*found)
		return status;
	char *shown = arena_alloc(arena, VALID_POSTCODE_SIZE);
	if (valid_postcode(db_value(&rows, 0, 0), shown) != NULL)
		shown = (char *)db_value(&rows, 0,
					 0); /* stored before the rules changed: as it is */
	*out = (struct postcode_lookup){ .postcode = shown,
					 .local_authority_id = db_int(&rows, 0, 1, 0),
					 .local_authority = db_value(&rows, 0, 2),
					 .local_authority_code = db_value(&rows, 0, 3),
					 .local_authority_active = db_int(&rows, 0, 4, 0) == 1,
					 .town = db_value(&rows, 0, 5),
					 .terminated = db_int(&rows, 0, 6, 0) == 1 };
	return DB_OK;
}

enum db_status postcode_counts(struct arena *arena, long long page, struct postcode_counts *out)
{
	memset(out, 0, sizeof *out);
	if (page < 1)
		page = 1;
	if (page > POSTCODE_COUNT_PAGE_MAX)
		page = POSTCODE_COUNT_PAGE_MAX;
	/* both read only the local authority index, never the rows themselves */
	struct db_result totals;
	enum db_status status =
		db_run(arena, &totals,
		       "SELECT COUNT(*), COUNT(DISTINCT local_authority_id) FROM postcodes", "");
	if (status != DB_OK)
		return status;
	out->postcodes = db_int(&totals, 0, 0, 0);
	out->local_authorities = db_int(&totals, 0, 1, 0);
	struct db_result rows;
	status = db_run(arena, &rows,
			"SELECT la.id, la.name, la.code, la.active, g.n FROM"
			" (SELECT local_authority_id, COUNT(*) AS n FROM postcodes GROUP BY "
			"local_authority_id) g"
			" JOIN local_authorities la ON la.id = g.local_authority_id"
			" ORDER BY g.n DESC, la.name, la.id LIMIT ? OFFSET ?",
			"ii", (long long)POSTCODE_COUNT_PAGE_SIZE,
			(page - 1) * POSTCODE_COUNT_PAGE_SIZE);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (rows.rows + 1) * sizeof *out->items);
	for (size_t r = 0; r < rows.rows; r++)
		out->items[r] =
			(struct postcode_count){ db_int(&rows, r, 0, 0), db_value(&rows, r, 1),
						 db_value(&rows, r, 2), db_int(&rows, r, 3, 0) == 1,
						 db_int(&rows, r, 4, 0) };
	out->count = rows.rows;
	return DB_OK;
}

/* ---- import ---- */

const char *const postcode_refusal_names[POSTCODE_REFUSED__MAX] = {
	[POSTCODE_REFUSED_CSV] = "Not valid CSV (a stray quote, or a line too long)",
	[POSTCODE_REFUSED_COLUMNS] = "Wrong number of columns",
	[POSTCODE_REFUSED_POSTCODE] = "Not a valid postcode",
	[POSTCODE_REFUSED_LOCAL_AUTHORITY] = "Unknown local authority code",
	[POSTCODE_REFUSED_TOWN] = "Town is not one line of text of 100 characters or fewer",
};

/* Far beyond an ONSPD row (about 60 columns, 300 bytes), and small enough to be no burden. */
static const struct csv_limits import_limits = { .fields = 512,
						 .field_bytes = 4096,
						 .record_bytes = 65536 };

#define PROGRESS_EVERY 10000
#define LA_CACHE_SLOTS 1024
#define LA_CACHE_MOST 700 /* then look codes up one by one: the table is never read whole */

/* Where each column we use is in a row; -1 when the file has none. */
struct import_columns {
	long postcode;
	long local_authority;
	long terminated;
	long town;
	size_t count;
};

struct la_slot {
	char code[VALID_LA_CODE_SIZE];
	long long id; /* 0: no such local authority */
};

/* A row checked and waiting for its batch. It holds its own copies, so the batch arena can
 * be emptied after every row whatever the mix of rows taken and refused. */
struct pending_row {
	char key[VALID_POSTCODE_KEY_SIZE];
	long long local_authority_id;
	char town[POSTCODE_TOWN_MAX * 4 + 1]; /* "" when none */
	bool terminated;
};

struct batch {
	struct pending_row rows[POSTCODE_IMPORT_BATCH];
	size_t count;
	unsigned long long added, updated, unchanged;
};

struct import {
	struct arena *arena;	   /* the result's: lives after the import */
	struct arena *batch_arena; /* reset after each batch */
	struct postcode_import *result;
	struct import_columns columns;
	struct la_slot *cache;
	size_t cached;
	struct batch *batch;
	FILE *progress;
};

static bool name_is(const char *field, const char *name)
{
	return strcmp(field, name) == 0;
}

/* "lad25cd"-style names: prefix, two digits, suffix; the digits (the year) or -1. */
static int year_column(const char *field, const char *prefix, const char *suffix)
{
	size_t p = strlen(prefix);
	if (strncmp(field, prefix, p) != 0 || !isdigit((unsigned char)field[p]) ||
	    !isdigit((unsigned char)field[p + 1]) || strcmp(field + p + 2, suffix) != 0)
		return -1;
	return (field[p] - '0') * 10 + (field[p + 1] - '0');
}

/* The column named first in names (in order of preference), or -1. */
static long column_of(char *const *header, size_t count, const char *const *names, size_t n_names)
{
	for (size_t n = 0; n < n_names; n++)
		for (size_t i = 0; i < count; i++)
			if (name_is(header[i], names[n]))
				return (long)i;
	return -1;
}

/* The ladNNcd-style column of the latest year, or -1. */
static long latest_year_column(char *const *header, size_t count, const char *prefix,
			       const char *suffix)
{
	long best = -1;
	int best_year = -1;
	for (size_t i = 0; i < count; i++) {
		int year = year_column(header[i], prefix, suffix);
		if (year > best_year) {
			best_year = year;
			best = (long)i;
		}
	}
	return best;
}

/* Finds the columns by their names, whatever their case and order. The ONS has renamed them
 * over the years: pcd/pcd7, oslaua/ladNNcd. The ONSPD has no town: files from elsewhere may
 * add a post town column. */
static bool find_columns(struct import *im, const struct csv_record *header)
{
	char **names = arena_alloc(im->batch_arena, (header->count + 1) * sizeof *names);
	for (size_t i = 0; i < header->count; i++) {
		size_t len = header->lengths[i];
		const char *s = header->fields[i];
		while (len > 0 && isspace((unsigned char)*s)) {
			s++;
			len--;
		}
		while (len > 0 && isspace((unsigned char)s[len - 1]))
			len--;
		char *name = arena_strndup(im->batch_arena, s, len);
		for (char *c = name; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		names[i] = name;
	}
	static const char *const postcode_names[] = { "pcds", "pcd",  "pcd7",
						      "pcd8", "pcd2", "postcode" };
	static const char *const la_names[] = { "oslaua", "laua", "ladcd", "lad_code" };
	static const char *const terminated_names[] = { "doterm" };
	static const char *const town_names[] = { "town", "post_town", "posttown", "postal_town",
						  "town_name" };
	struct import_columns *c = &im->columns;
	c->count = header->count;
	c->postcode = column_of(names, header->count, postcode_names, 6);
	c->local_authority = latest_year_column(names, header->count, "lad", "cd");
	if (c->local_authority < 0)
		c->local_authority = column_of(names, header->count, la_names, 4);
	c->terminated = column_of(names, header->count, terminated_names, 1);
	c->town = column_of(names, header->count, town_names, 5);
	if (c->town < 0) /* a built-up area's name is the nearest thing to a town the ONS has */
		c->town = latest_year_column(names, header->count, "bua", "nm");

	struct postcode_import *r = im->result;
	if (c->postcode < 0) {
		r->outcome = POSTCODE_IMPORT_NO_POSTCODE_COLUMN;
		return false;
	}
	if (c->local_authority < 0) {
		r->outcome = POSTCODE_IMPORT_NO_LOCAL_AUTHORITY_COLUMN;
		return false;
	}
	r->postcode_column = arena_strdup(im->arena, names[c->postcode]);
	r->local_authority_column = arena_strdup(im->arena, names[c->local_authority]);
	r->terminated_column =
		c->terminated < 0 ? NULL : arena_strdup(im->arena, names[c->terminated]);
	r->town_column = c->town < 0 ? NULL : arena_strdup(im->arena, names[c->town]);
	return true;
}

static size_t cache_slot(const char *code)
{
	uint32_t hash = 2166136261u;
	for (const char *p = code; *p; p++)
		hash = (hash ^ (unsigned char)*p) * 16777619u;
	return hash % LA_CACHE_SLOTS;
}

/* The id of the local authority with code (0: none), asking the database once per code. */
static enum db_status local_authority_id(struct import *im, const char *code, long long *id)
{
	size_t slot = cache_slot(code);
	while (im->cache[slot].code[0] != '\0') {
		if (strcmp(im->cache[slot].code, code) == 0) {
			*id = im->cache[slot].id;
			return DB_OK;
		}
		slot = (slot + 1) % LA_CACHE_SLOTS;
	}
	struct db_result rows;
	enum db_status status =
		db_run(im->batch_arena, &rows, "SELECT id FROM local_authorities WHERE code = ?",
		       "s", code);
	if (status != DB_OK)
		return status;
	*id = rows.rows == 1 ? db_int(&rows, 0, 0, 0) : 0;
	if (im->cached < LA_CACHE_MOST) {
		memcpy(im->cache[slot].code, code, VALID_LA_CODE_SIZE);
		im->cache[slot].id = *id;
		im->cached++;
	}
	return DB_OK;
}

/* The span of text without the spaces and tabs at either end. */
static const char *trimmed(const char *text, size_t *len)
{
	while (*len > 0 && (*text == ' ' || *text == '\t')) {
		text++;
		(*len)--;
	}
	while (*len > 0 && (text[*len - 1] == ' ' || text[*len - 1] == '\t'))
		(*len)--;
	return text;
}

/* Checks one data row into row; -1 when it is taken, else the reason it is refused. */
static enum db_status check_row(struct import *im, const struct csv_record *record,
				struct pending_row *row, int *refusal)
{
	const struct import_columns *c = &im->columns;
	*refusal = -1;
	if (record->count != c->count) {
		*refusal = POSTCODE_REFUSED_COLUMNS;
		return DB_OK;
	}
	if (valid_postcode_key(record->fields[c->postcode], row->key) != NULL) {
		*refusal = POSTCODE_REFUSED_POSTCODE;
		return DB_OK;
	}
	char code[VALID_LA_CODE_SIZE];
	if (valid_la_code(record->fields[c->local_authority], code) != NULL) {
		*refusal = POSTCODE_REFUSED_LOCAL_AUTHORITY;
		return DB_OK;
	}
	enum db_status status = local_authority_id(im, code, &row->local_authority_id);
	if (status != DB_OK)
		return status;
	if (row->local_authority_id == 0) {
		*refusal = POSTCODE_REFUSED_LOCAL_AUTHORITY;
		return DB_OK;
	}
	row->town[0] = '\0';
	if (c->town >= 0) {
		size_t len = record->lengths[c->town];
		const char *town = trimmed(record->fields[c->town], &len);
		if (len > 0) {
			/* over 4 bytes a character is over the limit whatever the characters */
			if (len >= sizeof row->town) {
				*refusal = POSTCODE_REFUSED_TOWN;
				return DB_OK;
			}
			memcpy(row->town, town, len);
			row->town[len] = '\0';
			if (!req_valid_utf8(row->town, len) ||
			    valid_single_line(row->town) != NULL ||
			    valid_text_length(row->town, 1, POSTCODE_TOWN_MAX) != VALID_LENGTH_OK) {
				*refusal = POSTCODE_REFUSED_TOWN;
				return DB_OK;
			}
		}
	}
	row->terminated = false;
	if (c->terminated >= 0) {
		size_t len = record->lengths[c->terminated];
		trimmed(record->fields[c->terminated], &len);
		row->terminated = len > 0;
	}
	return DB_OK;
}

/* The start of a refused line, safe to show: invalid UTF-8 bytes become '?'. */
static const char *shown_text(struct arena *arena, const struct csv_record *record)
{
	size_t len = strlen(record->excerpt);
	char *text = arena_alloc(arena, len + 4);
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		size_t step = 1;
		unsigned char c = (unsigned char)record->excerpt[i];
		if (c >= 0x80) {
			step = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (i + step > len || !req_valid_utf8(record->excerpt + i, step)) {
				text[o++] = '?';
				i++;
				continue;
			}
		}
		memcpy(text + o, record->excerpt + i, step);
		o += step;
		i += step;
	}
	if (record->excerpt_truncated) {
		memcpy(text + o, "\xE2\x80\xA6", 3); /* … */
		o += 3;
	}
	text[o] = '\0';
	return text;
}

static void refuse(struct import *im, const struct csv_record *record, enum postcode_refusal reason)
{
	struct postcode_import *r = im->result;
	r->refused++;
	r->refused_by[reason]++;
	if (r->sample_count < POSTCODE_IMPORT_SAMPLES)
		r->samples[r->sample_count++] =
			(struct postcode_refused_line){ record->line, reason,
							shown_text(im->arena, record) };
}

/* The batch as one JSON array of [key, local authority id, town or null, terminated] rows: a
 * batch is then one bound value, whatever its size, for the two statements below, where
 * JSON_TABLE (MariaDB 10.6 or later; Debian 12 has 10.11) reads it back as rows. One statement
 * per row cost a round trip per postcode, most of the time of a full directory; a VALUES list
 * of a thousand rows would need four thousand bound parameters and a statement text per batch
 * size. Keys are letters and digits; towns are checked single-line UTF-8, so only quotes and
 * backslashes need escaping. */
static const char *batch_json(struct arena *arena, const struct batch *b)
{
	size_t size = 3;
	for (size_t i = 0; i < b->count; i++)
		size += 2 * strlen(b->rows[i].town) + VALID_POSTCODE_KEY_SIZE + 48;
	char *json = arena_alloc(arena, size);
	char *o = json;
	*o++ = '[';
	for (size_t i = 0; i < b->count; i++) {
		const struct pending_row *row = &b->rows[i];
		o += sprintf(o, "%s[\"%s\",%lld,", i ? "," : "", row->key, row->local_authority_id);
		if (row->town[0] == '\0') {
			o += sprintf(o, "null");
		} else {
			*o++ = '"';
			for (const char *c = row->town; *c; c++) {
				if (*c == '"' || *c == '\\')
					*o++ = '\\';
				*o++ = *c;
			}
			*o++ = '"';
		}
		o += sprintf(o, ",%d]", row->terminated ? 1 : 0);
	}
	*o++ = ']';
	*o = '\0';
	return json;
}

static enum db_status batch_work(struct arena *arena, void *context)
{
	struct batch *b = context;
	b->added = b->updated = b->unchanged = 0;
	const char *json = batch_json(arena, b);
	/* the postcodes not there yet, locked (their gaps) so that the count stays true until
	 * the rows are written */
	struct db_result missing;
	enum db_status status = db_run(
		arena, &missing,
		"SELECT COUNT(DISTINCT j.code) FROM JSON_TABLE(?, '$[*]' COLUMNS ("
		" code VARCHAR(8) CHARACTER SET ascii PATH '$[0]')) j"
		" LEFT JOIN postcodes p ON p.postcode = j.code WHERE p.postcode IS NULL FOR UPDATE",
		"s", json);
	if (status != DB_OK)
		return status;
	struct db_result result;
	/* a file without towns keeps the towns already known */
	status = db_run(
		arena, &result,
		"INSERT INTO postcodes (postcode, local_authority_id, town, is_terminated)"
		" SELECT j.code, j.la, j.place, j.term FROM JSON_TABLE(?, '$[*]' COLUMNS ("
		"  code VARCHAR(8) CHARACTER SET ascii PATH '$[0]', la BIGINT UNSIGNED PATH '$[1]',"
		"  place VARCHAR(100) CHARACTER SET utf8mb4 PATH '$[2]', term TINYINT PATH "
		"'$[3]')) j"
		" ON DUPLICATE KEY UPDATE local_authority_id = VALUES(local_authority_id),"
		" town = COALESCE(VALUES(town), town), is_terminated = VALUES(is_terminated)",
		"s", json);
	if (status != DB_OK)
		return status;
	/* MariaDB counts 1 for a new row, 2 for a changed one, 0 for one left as it was; a
	 * postcode twice in a batch is new once, then changed or left as it was */
	unsigned long long added = (unsigned long long)db_int(&missing, 0, 0, 0);
	if (added > b->count)
		added = b->count;
	unsigned long long updated = result.affected > added ? (result.affected - added) / 2 : 0;
	if (updated > b->count - added)
		updated = b->count - added;
	b->added = added;
	b->updated = updated;
	b->unchanged = b->count - added - updated;
	return DB_OK;
}

static enum db_status flush(struct import *im)
{
	struct batch *b = im->batch;
	if (b->count == 0)
		return DB_OK;
	enum db_status status = db_transaction(im->batch_arena, batch_work, b);
	if (status == DB_OK) {
		im->result->added += b->added;
		im->result->updated += b->updated;
		im->result->unchanged += b->unchanged;
	}
	b->count = 0;
	arena_reset(im->batch_arena);
	return status;
}

static void report_progress(const struct import *im)
{
	const struct postcode_import *r = im->result;
	fprintf(im->progress,
		"%llu rows read: %llu taken (%llu new, %llu updated, %llu unchanged), %llu "
		"refused\n",
		r->read, r->added + r->updated + r->unchanged, r->added, r->updated, r->unchanged,
		r->refused);
	fflush(im->progress);
}

/* The import proper: the header row, then every data row. */
static enum db_status run_import(struct arena *arena, struct csv_reader *reader, FILE *progress,
				 struct postcode_import *result)
{
	memset(result, 0, sizeof *result);
	struct import im = { .arena = arena, .result = result, .progress = progress };
	im.batch_arena = arena_new(64 * 1024);
	im.cache = calloc(LA_CACHE_SLOTS, sizeof *im.cache);
	im.batch = calloc(1, sizeof *im.batch);
	enum db_status status = DB_OK;
	if (im.cache == NULL || im.batch == NULL) {
		status = DB_ERROR;
		goto done;
	}
	struct csv_record record;
	enum csv_status read = csv_next(reader, &record);
	if (read == CSV_END) {
		result->outcome = POSTCODE_IMPORT_EMPTY;
		goto done;
	}
	if (read == CSV_READ_ERROR) {
		result->outcome = POSTCODE_IMPORT_READ_ERROR;
		goto done;
	}
	if (read != CSV_RECORD) {
		result->outcome = POSTCODE_IMPORT_BAD_HEADER;
		goto done;
	}
	if (!find_columns(&im, &record))
		goto done;
	arena_reset(im.batch_arena);

	while (status == DB_OK) {
		read = csv_next(reader, &record);
		if (read == CSV_END)
			break;
		if (read == CSV_READ_ERROR) {
			result->outcome = POSTCODE_IMPORT_READ_ERROR;
			break;
		}
		result->read++;
		arena_reset(im.batch_arena); /* pending rows hold their own copies */
		if (read != CSV_RECORD) {
			refuse(&im, &record, POSTCODE_REFUSED_CSV);
		} else {
			int refusal;
			struct pending_row *row = &im.batch->rows[im.batch->count];
			status = check_row(&im, &record, row, &refusal);
			if (status != DB_OK)
				break;
			if (refusal >= 0)
				refuse(&im, &record, (enum postcode_refusal)refusal);
			else if (++im.batch->count == POSTCODE_IMPORT_BATCH)
				status = flush(&im);
		}
		if (progress != NULL && result->read % PROGRESS_EVERY == 0 && status == DB_OK) {
			status = flush(&im); /* so that the counts add up to the rows read */
			report_progress(&im);
		}
	}
	if (status == DB_OK)
		status = flush(&im);
done:
	free(im.cache);
	free(im.batch);
	arena_free(im.batch_arena);
	return status;
}

static const char *summary(struct arena *arena, const struct postcode_import *r)
{
	return arena_printf(
		arena,
		"%llu rows read: %llu taken (%llu new, %llu updated, %llu unchanged), %llu refused",
		r->read, r->added + r->updated + r->unchanged, r->added, r->updated, r->unchanged,
		r->refused);
}

/* One audit row for the whole import, when it wrote anything or read the file through. */
static enum db_status record_import(struct arena *arena, const struct reference_actor *actor,
				    const char *detail, const struct postcode_import *r)
{
	if (r->outcome != POSTCODE_IMPORT_DONE && r->added + r->updated == 0)
		return DB_OK;
	struct audit_entry entry = { .staff_id = actor->staff_id,
				     .action = "admin.postcode.import",
				     .subject_type = "postcode",
				     .new_value = summary(arena, r),
				     .detail = detail,
				     .remote_addr = actor->remote_addr };
	return audit_record(arena, &entry);
}

enum db_status postcode_import_csv(struct arena *arena, const struct reference_actor *actor,
				   const char *filename, const char *data, size_t len,
				   struct postcode_import *result)
{
	struct csv_reader *reader = csv_reader_memory(data, len, &import_limits);
	if (reader == NULL)
		return DB_ERROR;
	enum db_status status = run_import(arena, reader, NULL, result);
	csv_reader_free(reader);
	enum db_status recorded =
		record_import(arena, actor, arena_printf(arena, "file: %s", filename), result);
	return status != DB_OK ? status : recorded;
}

/* ---- the command line ---- */

static long file_read(void *context, char *buffer, size_t size)
{
	FILE *file = context;
	size_t got = fread(buffer, 1, size, file);
	if (got == 0 && ferror(file))
		return -1;
	return (long)got;
}

static void print_result(FILE *out, const struct postcode_import *r)
{
	fprintf(out, "columns: postcode %s, local authority %s, terminated %s, town %s\n",
		r->postcode_column, r->local_authority_column,
		r->terminated_column ? r->terminated_column : "(none)",
		r->town_column ? r->town_column : "(none)");
	fprintf(out, "rows read: %llu\n", r->read);
	fprintf(out, "taken: %llu (%llu new, %llu updated, %llu unchanged)\n",
		r->added + r->updated + r->unchanged, r->added, r->updated, r->unchanged);
	fprintf(out, "refused: %llu\n", r->refused);
	for (int i = 0; i < POSTCODE_REFUSED__MAX; i++)
		if (r->refused_by[i] > 0)
			fprintf(out, "  %s: %llu\n", postcode_refusal_names[i], r->refused_by[i]);
	if (r->sample_count > 0)
		fprintf(out, "the first refused lines:\n");
	for (size_t i = 0; i < r->sample_count; i++)
		fprintf(out, "  line %llu: %s: %s\n", r->samples[i].line,
			postcode_refusal_names[r->samples[i].reason], r->samples[i].text);
}

static const char *outcome_message(enum postcode_import_outcome outcome)
{
	switch (outcome) {
	case POSTCODE_IMPORT_EMPTY:
		return "the file is empty";
	case POSTCODE_IMPORT_BAD_HEADER:
		return "the first row is not a valid CSV header row";
	case POSTCODE_IMPORT_NO_POSTCODE_COLUMN:
		return "the header row has no postcode column (pcds, pcd, pcd7 or pcd8)";
	case POSTCODE_IMPORT_NO_LOCAL_AUTHORITY_COLUMN:
		return "the header row has no local authority column (oslaua, or ladNNcd such as "
		       "lad25cd)";
	case POSTCODE_IMPORT_READ_ERROR:
		return "the file could not be read to its end";
	case POSTCODE_IMPORT_DONE:
		break;
	}
	return NULL;
}

int postcode_import_file(const struct config *config, const char *path, FILE *progress)
{
	bool from_stdin = strcmp(path, "-") == 0;
	FILE *file = from_stdin ? stdin : fopen(path, "rb");
	if (file == NULL) {
		fprintf(stderr, "referrals import-postcodes: cannot open %s: %s\n", path,
			strerror(errno));
		return 1;
	}
	int failed = 1;
	struct arena *arena = arena_new(64 * 1024);
	struct csv_reader *reader = csv_reader_stream(file_read, file, &import_limits);
	db_configure(&config->database);
	if (reader == NULL) {
		fprintf(stderr, "referrals import-postcodes: out of memory\n");
	} else if (db_ready() != DB_OK) {
		fprintf(stderr, "referrals import-postcodes: cannot connect to the database\n");
	} else {
		struct postcode_import result;
		enum db_status status = run_import(arena, reader, progress, &result);
		struct reference_actor actor = { 0, NULL };
		enum db_status recorded = record_import(
			arena, &actor, arena_printf(arena, "command line: %s", path), &result);
		const char *problem = outcome_message(result.outcome);
		if (result.postcode_column != NULL)
			print_result(progress, &result);
		if (problem != NULL)
			fprintf(stderr, "referrals import-postcodes: %s: %s\n", path, problem);
		if (status != DB_OK || recorded != DB_OK)
			fprintf(stderr, "referrals import-postcodes: the database failed%s\n",
				result.added + result.updated > 0
					? "; the rows counted as taken were written"
					: "");
		failed = status != DB_OK || recorded != DB_OK || problem != NULL;
	}
	csv_reader_free(reader);
	arena_free(arena);
	db_disconnect();
	if (!from_stdin)
		fclose(file);
	return failed;
}
