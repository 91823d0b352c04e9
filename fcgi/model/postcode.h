/* Postcodes: the postcode → local authority table, its lookup, its counts per local
 * authority, and its import from the ONS Postcode Directory (ONSPD) CSV format: a header row
 * of column names, then one postcode a row. The import reads a file of any size in constant
 * memory and writes in batches of POSTCODE_IMPORT_BATCH rows, two statements and one
 * transaction each. */
#ifndef REFERRALS_MODEL_POSTCODE_H
#define REFERRALS_MODEL_POSTCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../db.h"
#include "reference.h"

struct config;

/* ---- lookup and counts ---- */

struct postcode_lookup {
	const char *postcode; /* "LS1 1UR" */
	long long local_authority_id;
	const char *local_authority;
	const char *local_authority_code;
	bool local_authority_active;
	const char *town; /* NULL when the directory gave none */
	bool terminated;
};

/* key: valid_postcode_key's form ("LS11UR"). */
enum db_status postcode_lookup(struct arena *arena, const char *key, struct postcode_lookup *out,
			       bool *found);

#define POSTCODE_COUNT_PAGE_SIZE 20
#define POSTCODE_COUNT_PAGE_MAX 100

struct postcode_count {
	long long local_authority_id;
	const char *name;
	const char *code;
	bool active;
	long long postcodes;
};

struct postcode_counts {
	struct postcode_count *items; /* most postcodes first */
	size_t count;
	long long local_authorities; /* how many have postcodes: the pages' total */
	long long postcodes;	     /* in all */
};

/* One page (1-based, at most POSTCODE_COUNT_PAGE_MAX) of the local authorities with the most
 * postcodes. */
enum db_status postcode_counts(struct arena *arena, long long page, struct postcode_counts *out);

/* ---- import ---- */

/* Why a row was not taken. */
enum postcode_refusal {
	POSTCODE_REFUSED_CSV,		  /* not valid CSV: a stray quote, a NUL, over a limit */
	POSTCODE_REFUSED_COLUMNS,	  /* not as many columns as the header */
	POSTCODE_REFUSED_POSTCODE,	  /* not a valid postcode */
	POSTCODE_REFUSED_LOCAL_AUTHORITY, /* a local authority code that is not in the table */
	POSTCODE_REFUSED_TOWN, /* a town that is not one line of UTF-8 text of 100 characters */
	POSTCODE_REFUSED__MAX
};
extern const char *const postcode_refusal_names[POSTCODE_REFUSED__MAX];

/* How the import went as a whole. */
enum postcode_import_outcome {
	POSTCODE_IMPORT_DONE,
	POSTCODE_IMPORT_EMPTY,			   /* no header row */
	POSTCODE_IMPORT_BAD_HEADER,		   /* the header row is not valid CSV */
	POSTCODE_IMPORT_NO_POSTCODE_COLUMN,	   /* no pcds, pcd, pcd7 or pcd8 column */
	POSTCODE_IMPORT_NO_LOCAL_AUTHORITY_COLUMN, /* no oslaua or ladNNcd column */
	POSTCODE_IMPORT_READ_ERROR,		   /* the file could not be read to its end */
};

#define POSTCODE_IMPORT_BATCH 1000 /* rows a transaction (and a divisor of 10,000) */
#define POSTCODE_IMPORT_SAMPLES 20 /* refused lines kept to show */
#define POSTCODE_TOWN_MAX 100	   /* characters, as the column holds */

struct postcode_refused_line {
	unsigned long long line;
	enum postcode_refusal reason;
	const char *text; /* the start of the line as it was in the file (valid UTF-8) */
};

struct postcode_import {
	enum postcode_import_outcome outcome;
	/* the columns used, by name: "pcds", "lad25cd", "doterm" (NULL: none), town (NULL: none) */
	const char *postcode_column;
	const char *local_authority_column;
	const char *terminated_column;
	const char *town_column;
	unsigned long long read; /* data rows, the header not counted */
	unsigned long long added;
	unsigned long long updated;
	unsigned long long unchanged;
	unsigned long long refused;
	unsigned long long refused_by[POSTCODE_REFUSED__MAX];
	struct postcode_refused_line samples[POSTCODE_IMPORT_SAMPLES];
	size_t sample_count;
};

/* Imports len bytes of CSV at data (an uploaded file, filename as sent), recording the import
 * in the audit log as actor. Rows taken before a database failure stay taken. */
enum db_status postcode_import_csv(struct arena *arena, const struct reference_actor *actor,
				   const char *filename, const char *data, size_t len,
				   struct postcode_import *result);

/* The command-line import (`referrals import-postcodes FILE`, for the full directory of over
 * a gigabyte): streams the file at path ("-": standard input) with the configured database,
 * writes progress every 10,000 rows and the final counts to progress, and returns 0 when the
 * file was imported (refused rows included), 1 when it could not be. */
int postcode_import_file(const struct config *config, const char *path, FILE *progress);

#endif
