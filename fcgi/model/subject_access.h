/* Subject access (issue 15, point 5): every row the database holds about one client, table by
 * table, and its files one at a time. The tables: the client, its organisations, consents,
 * referral groups, referrals, answers, notes, files (without their bytes: those come one by
 * one), the events of the client and of its referrals (its edit history and timelines),
 * the access log, drafts and their values, inbox messages about its referrals, notices,
 * subscriptions, gaps in service of its drafts, and any other table with a client_id
 * column (so a table added later is not forgotten). Columns are read from the schema. */
#ifndef REFERRALS_MODEL_SUBJECT_ACCESS_H
#define REFERRALS_MODEL_SUBJECT_ACCESS_H

#include <stddef.h>

#include "../db.h"

struct subject_table {
	const char *name;
	const char **columns;
	unsigned column_count;
	struct db_result rows; /* text cells, NULL for SQL NULL */
};
struct subject_tables {
	struct subject_table *items;
	size_t count;
};
enum db_status subject_access_tables(struct arena *arena, long long client_id,
				     struct subject_tables *out);

/* The client's files in referral order (metadata only). */
struct subject_file {
	long long id, referral_id, size;
	const char *name;
};
struct subject_files {
	struct subject_file *items;
	size_t count;
};
enum db_status subject_access_files(struct arena *arena, long long client_id,
				    struct subject_files *out);
/* One file's bytes (of client_id's referrals only), into arena. */
enum db_status subject_access_file_data(struct arena *arena, long long client_id, long long file_id,
					const void **data, size_t *len);

#endif
