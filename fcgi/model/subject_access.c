/* Every row held about one client, for the subject access download. */
#include "subject_access.h"

#include <string.h>

#include "../arena.h"
#include "redaction.h"

/* The client's drafts as redaction finds them (CLIENT_DRAFTS): those for the client and those
 * for a new client typed with its names, NHS number or email. */
#define CLIENT_FIELD(F) "(SELECT " F " FROM clients WHERE id = ?)"
#define DRAFT_IDS                                                                                  \
	"(SELECT d.id" CLIENT_DRAFTS("?", CLIENT_FIELD("first_name"), CLIENT_FIELD("last_name"),   \
				     CLIENT_FIELD("nhs_number"), CLIENT_FIELD("nhs_number"),       \
				     CLIENT_FIELD("email"), CLIENT_FIELD("email")) ")"

/* The tables and how their rows belong to the client: each "?" is the client's id. */
static const struct {
	const char *table, *where;
} known[] = {
	{ "clients", "id = ?" },
	{ "client_orgs", "client_id = ?" },
	{ "consents", "client_id = ?" },
	{ "referral_groups", "client_id = ?" },
	{ "referrals", "client_id = ?" },
	{ "answers", "group_id IN (SELECT id FROM referral_groups WHERE client_id = ?)" },
	{ "notes",
	  "client_id = ? OR referral_id IN (SELECT id FROM referrals WHERE client_id = ?)" },
	{ "files", "referral_id IN (SELECT id FROM referrals WHERE client_id = ?)" },
	{ "events", "(subject_type = 'client' AND subject_id = ?) OR (subject_type = 'referral'"
		    " AND subject_id IN (SELECT id FROM referrals WHERE client_id = ?))" },
	{ "access_log", "client_id = ?" },
	{ "drafts", "id IN " DRAFT_IDS },
	{ "draft_values", "draft_id IN " DRAFT_IDS },
	{ "inbox_messages", "link = CONCAT('/clients/', ?) OR link IN (SELECT CONCAT('/referrals/',"
			    " id) FROM referrals WHERE client_id = ?)" },
	{ "overdue_notices", "referral_id IN (SELECT id FROM referrals WHERE client_id = ?)" },
	{ "consent_expiry_notices",
	  "group_id IN (SELECT id FROM referral_groups WHERE client_id = ?)" },
	{ "referral_subscriptions",
	  "group_id IN (SELECT id FROM referral_groups WHERE client_id = ?)" },
	{ "gaps_in_service", "draft_id IN " DRAFT_IDS },
};
#define KNOWN (sizeof known / sizeof known[0])
#define TABLES_MAX 64

static bool plain_name(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* The columns of every table of the schema that is known or has a client_id, in order. */
static enum db_status schema(struct arena *arena, struct db_result *out)
{
	return db_run(arena, out,
		      "SELECT c.table_name, c.column_name FROM information_schema.columns c"
		      " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
		      "  AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'"
		      " WHERE c.table_schema = DATABASE() AND c.table_name IN (SELECT table_name"
		      "  FROM information_schema.columns WHERE table_schema = DATABASE()"
		      "  AND column_name = 'client_id')"
		      " OR (c.table_schema = DATABASE() AND c.table_name IN ('clients', 'answers',"
		      "  'files', 'events', 'draft_values', 'inbox_messages', 'overdue_notices',"
		      "  'consent_expiry_notices', 'referral_subscriptions', 'gaps_in_service'))"
		      " ORDER BY c.table_name, c.ordinal_position",
		      "");
}

static const char *where_of(const char *table)
{
	for (size_t i = 0; i < KNOWN; i++)
		if (strcmp(known[i].table, table) == 0)
			return known[i].where;
	return "client_id = ?";
}

/* Reads one table's rows: its columns (files without its bytes), bound to the client. */
static enum db_status read_table(struct arena *arena, long long client_id, struct subject_table *t)
{
	const char *list = "";
	for (unsigned c = 0; c < t->column_count; c++)
		list = arena_printf(arena, "%s%s`%s`", list, c ? ", " : "", t->columns[c]);
	const char *where = where_of(t->name);
	/* Identifiers cannot be bound: the table and column names come from the schema
	 * (information_schema), never from the request, and are
	 * quoted; the client's id is bound below. */
	const char *sql = db_shape(arena_printf(arena, "SELECT %s FROM `%s` WHERE %s LIMIT 100000",
						list, t->name, where));
	if (sql == NULL)
		return DB_ERROR;
	struct db_param params[8]; /* the drafts' statement binds the id 7 times */
	size_t count = 0;
	for (const char *q = where; *q && count < 8; q++)
		if (*q == '?')
			params[count++] = (struct db_param){ .type = 'i', .number = client_id };
	return db_run_params(arena, &t->rows, sql, params, count);
}

enum db_status subject_access_tables(struct arena *arena, long long client_id,
				     struct subject_tables *out)
{
	out->items = arena_zalloc(arena, TABLES_MAX * sizeof *out->items);
	out->count = 0;
	struct db_result cols;
	enum db_status status = schema(arena, &cols);
	for (size_t r = 0; status == DB_OK && r < cols.rows; r++) {
		const char *table = db_value(&cols, r, 0), *column = db_value(&cols, r, 1);
		if (!plain_name(table) || !plain_name(column) ||
		    (strcmp(table, "files") == 0 && strcmp(column, "data") == 0))
			continue;
		struct subject_table *t = out->count ? &out->items[out->count - 1] : NULL;
		if (t == NULL || strcmp(t->name, table) != 0) {
			if (out->count == TABLES_MAX)
				break;
			t = &out->items[out->count++];
			t->name = table;
			t->columns = arena_zalloc(arena, cols.rows * sizeof *t->columns);
		}
		t->columns[t->column_count++] = column;
	}
	for (size_t i = 0; status == DB_OK && i < out->count; i++)
		status = read_table(arena, client_id, &out->items[i]);
	return status;
}

enum db_status subject_access_files(struct arena *arena, long long client_id,
				    struct subject_files *out)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT f.id, f.referral_id, f.size, f.name FROM files f"
		       " JOIN referrals r ON r.id = f.referral_id WHERE r.client_id = ?"
		       " ORDER BY f.referral_id, f.id",
		       "i", client_id);
	out->items = db_items(arena, status, &r, sizeof *out->items, &out->count);
	for (size_t i = 0; i < out->count; i++)
		out->items[i] = (struct subject_file){ db_int(&r, i, 0, 0), db_int(&r, i, 1, 0),
						       db_int(&r, i, 2, 0), db_value(&r, i, 3) };
	return status;
}

enum db_status subject_access_file_data(struct arena *arena, long long client_id, long long file_id,
					const void **data, size_t *len)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "SELECT f.data FROM files f JOIN referrals r ON r.id = f.referral_id"
		       " WHERE f.id = ? AND r.client_id = ?",
		       "ii", file_id, client_id);
	*data = NULL;
	*len = 0;
	if (status == DB_OK && r.rows == 1) {
		*data = db_value(&r, 0, 0);
		*len = r.lengths[0];
	}
	return status;
}
