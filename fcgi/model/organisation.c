/* SQL for organisations, what they accept and their directory groups. A save runs in one
 * transaction: the row, the link tables and one audit row per changed field. */
#include "organisation.h"

#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "audit.h"
#include "catalog.h"
#include "referral_rules.h"

/* The most entries a list of choices holds: far above the ~400 UK local authorities or any
 * plausible number of issues, so no request ever reads an unbounded table. */
#define OPTIONS_MAX 2000
/* Names listed in one audit value before "and N more". */
#define AUDIT_NAMES_MAX 20
/* Each change is labelled as the form labels its field. */
#define LABEL(field) (organisation_fields[field].label)

static long long nullable_int(const struct db_result *result, size_t row, unsigned column)
{
	return db_value(result, row, column) == NULL
		       ? ORGANISATION_NO_LIMIT
		       : db_int(result, row, column, ORGANISATION_NO_LIMIT);
}

static void read_ids(struct arena *arena, const struct db_result *result,
		     struct organisation_ids *out)
{
	out->ids = arena_alloc(arena, (result->rows + 1) * sizeof *out->ids);
	for (size_t r = 0; r < result->rows; r++)
		out->ids[r] = db_int(result, r, 0, 0);
	out->count = result->rows;
}

/* "3,17,40" (GROUP_CONCAT's) as ids; NULL as none. */
static void read_id_list(struct arena *arena, const char *text, struct organisation_ids *out)
{
	size_t most = 1;
	for (const char *p = text; p != NULL && *p != '\0'; p++)
		most += *p == ',';
	out->ids = arena_alloc(arena, (most + 1) * sizeof *out->ids);
	out->count = 0;
	for (const char *p = text; p != NULL && *p != '\0';) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p)
			break;
		out->ids[out->count++] = id;
		p = *end == ',' ? end + 1 : end;
	}
}

/* The columns load reads, in the order it reads them. */
#define ORGANISATION_COLUMNS                                                                       \
	"id, name, description, contact_email, contact_phone, address, website, active, "          \
	"accepting, capacity, min_age, max_age, all_genders, all_local_authorities, parent_id, "   \
	"all_senders, banner, paused_reason, paused_until, (SELECT GROUP_CONCAT(sender_org_id "    \
	"ORDER BY sender_org_id) FROM organisation_senders WHERE organisation_id = "               \
	"organisations.id)"

/* The organisation and its lists; lock: FOR UPDATE (inside a save's transaction). */
static enum db_status load(struct arena *arena, long long id, bool lock, struct organisation *out)
{
	memset(out, 0, sizeof *out);
	struct db_result row;
	enum db_status status;
	if (lock)
		status = db_run(arena, &row,
				"SELECT " ORGANISATION_COLUMNS
				" FROM organisations WHERE id = ? FOR UPDATE",
				"i", id);
	else
		status = db_run(arena, &row,
				"SELECT " ORGANISATION_COLUMNS " FROM organisations WHERE id = ?",
				"i", id);
	if (status != DB_OK || row.rows != 1)
		return status;
	struct db_result issues, genders, las, groups;
	status = db_run(arena, &issues,
			"SELECT issue_id FROM organisation_issues WHERE organisation_id = ? ORDER "
			"BY issue_id",
			"i", id);
	if (status == DB_OK)
		status = db_run(
			arena, &genders,
			"SELECT gender_id FROM organisation_genders WHERE organisation_id = ?"
			" ORDER BY gender_id",
			"i", id);
	if (status == DB_OK)
		status = db_run(arena, &las,
				"SELECT local_authority_id FROM organisation_local_authorities"
				" WHERE organisation_id = ? ORDER BY local_authority_id",
				"i", id);
	if (status == DB_OK)
		status = db_run(arena, &groups,
				"SELECT group_dn FROM directory_groups WHERE organisation_id = ? "
				"ORDER BY group_dn",
				"i", id);
	if (status != DB_OK)
		return status;
	out->id = db_int(&row, 0, 0, 0);
	out->name = db_value(&row, 0, 1);
	out->description = db_value(&row, 0, 2);
	out->contact_email = db_value(&row, 0, 3);
	out->contact_phone = db_value(&row, 0, 4);
	out->address = db_value(&row, 0, 5);
	out->website = db_value(&row, 0, 6);
	out->active = db_int(&row, 0, 7, 0) == 1;
	out->accepting = db_int(&row, 0, 8, 0) == 1;
	out->capacity = nullable_int(&row, 0, 9);
	out->min_age = nullable_int(&row, 0, 10);
	out->max_age = nullable_int(&row, 0, 11);
	out->all_genders = db_int(&row, 0, 12, 0) == 1;
	out->all_local_authorities = db_int(&row, 0, 13, 0) == 1;
	read_ids(arena, &issues, &out->issues);
	read_ids(arena, &genders, &out->genders);
	read_ids(arena, &las, &out->local_authorities);
	out->parent_id = db_int(&row, 0, 14, 0);
	out->chosen_senders_only = db_int(&row, 0, 15, 1) == 0;
	/* the accepted senders, read with the row: the page's statement budget */
	read_id_list(arena, db_value(&row, 0, 19), &out->senders);
	out->banner = db_value(&row, 0, 16);
	out->paused_reason = db_value(&row, 0, 17);
	out->paused_until = db_value(&row, 0, 18);
	out->groups = arena_alloc(arena, (groups.rows + 1) * sizeof *out->groups);
	for (size_t r = 0; r < groups.rows; r++)
		out->groups[r] = db_value(&groups, r, 0);
	out->group_count = groups.rows;
	return DB_OK;
}

enum db_status organisation_get(struct arena *arena, long long id, struct organisation *out)
{
	return load(arena, id, false, out);
}

enum db_status organisation_open_referral_count(struct arena *arena, long long id, long long *count)
{
	/* open: received and not yet finished with (New or Acknowledged); index
	 * referrals_received_due */
	struct db_result result;
	enum db_status status =
		db_run(arena, &result,
		       "SELECT COUNT(*) FROM referrals r WHERE r.receiving_org_id = ?"
		       " AND " REFERRAL_OPEN("r"),
		       "i", id);
	*count = status == DB_OK ? db_int(&result, 0, 0, 0) : 0;
	return status;
}

/* search as a LIKE pattern matching names that contain it. */
static const char *contains_pattern(struct arena *arena, const char *search)
{
	size_t len = strlen(search);
	char *pattern = arena_alloc(arena, len * 2 + 3);
	size_t o = 0;
	pattern[o++] = '%';
	for (size_t i = 0; i < len; i++) {
		if (search[i] == '%' || search[i] == '_' || search[i] == '\\')
			pattern[o++] = '\\';
		pattern[o++] = search[i];
	}
	pattern[o++] = '%';
	pattern[o] = '\0';
	return pattern;
}

enum db_status organisation_search(struct arena *arena, const char *search, long long page,
				   struct organisation_page *out)
{
	memset(out, 0, sizeof *out);
	const char *pattern = contains_pattern(arena, search);
	struct db_result counted;
	enum db_status status =
		db_run(arena, &counted, "SELECT COUNT(*) FROM organisations WHERE name LIKE ?", "s",
		       pattern);
	if (status != DB_OK)
		return status;
	out->total = db_int(&counted, 0, 0, 0);
	out->pages = out->total == 0
			     ? 1
			     : (out->total + ORGANISATION_PAGE_SIZE - 1) / ORGANISATION_PAGE_SIZE;
	out->page = page < 1 ? 1 : page > out->pages ? out->pages : page;
	struct db_result rows;
	status = db_run(arena, &rows,
			"SELECT id, name, active, accepting, capacity FROM organisations"
			" WHERE name LIKE ? ORDER BY name, id LIMIT ? OFFSET ?",
			"sii", pattern, (long long)ORGANISATION_PAGE_SIZE,
			(out->page - 1) * ORGANISATION_PAGE_SIZE);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (rows.rows + 1) * sizeof *out->items);
	for (size_t r = 0; r < rows.rows; r++)
		out->items[r] = (struct organisation_summary){
			db_int(&rows, r, 0, 0), db_value(&rows, r, 1), db_int(&rows, r, 2, 0) == 1,
			db_int(&rows, r, 3, 0) == 1, nullable_int(&rows, r, 4)
		};
	out->count = rows.rows;
	return DB_OK;
}

static void read_options(struct arena *arena, const struct db_result *result,
			 struct organisation_options *out)
{
	out->items = arena_zalloc(arena, (result->rows + 1) * sizeof *out->items);
	for (size_t r = 0; r < result->rows; r++)
		out->items[r] = (struct organisation_option){ db_int(result, r, 0, 0),
							      db_value(result, r, 1),
							      db_int(result, r, 2, 0) == 1 };
	out->count = result->rows;
}

/* The options of one list (sql: id, name, retired; its ? the organisation, then the limit). */
static enum db_status options_of(struct arena *arena, const char *sql, long long id,
				 struct organisation_options *out)
{
	memset(out, 0, sizeof *out);
	struct db_result result;
	enum db_status status = db_run(arena, &result, sql, "ii", id, (long long)OPTIONS_MAX);
	if (status == DB_OK)
		read_options(arena, &result, out);
	return status;
}

enum db_status organisation_issue_options(struct arena *arena, long long id,
					  struct organisation_options *out)
{
	return options_of(arena,
			  "SELECT i.id, i.name, i.active = 0 FROM issues i"
			  " WHERE i.active = 1 OR i.id IN"
			  "  (SELECT issue_id FROM organisation_issues WHERE organisation_id = ?)"
			  " ORDER BY i.active DESC, i.position, i.name LIMIT ?",
			  id, out);
}

enum db_status organisation_gender_options(struct arena *arena, long long id,
					   struct organisation_options *out)
{
	return options_of(
		arena,
		"SELECT r.id, r.name, r.retired FROM reference_values r"
		" WHERE r.list = 'gender' AND (r.retired = 0 OR r.id IN"
		"  (SELECT gender_id FROM organisation_genders WHERE organisation_id = ?))"
		" ORDER BY r.retired, r.position, r.name LIMIT ?",
		id, out);
}

enum db_status organisation_local_authority_options(struct arena *arena, long long id,
						    struct organisation_options *out)
{
	if (id == 0) { /* the active ones (a new organisation, a client's address): the catalog's */
		memset(out, 0, sizeof *out);
		const struct catalog *catalog;
		enum db_status status = catalog_get(arena, &catalog);
		if (status != DB_OK)
			return status;
		out->items = arena_zalloc(arena, (catalog->la_count + 1) * sizeof *out->items);
		for (size_t i = 0; i < catalog->la_count && out->count < OPTIONS_MAX; i++)
			if (catalog->las[i].active)
				out->items[out->count++] =
					(struct organisation_option){ catalog->las[i].id,
								      catalog->las[i].name, false };
		return DB_OK;
	}
	return options_of(arena,
			  "SELECT l.id, l.name, l.active = 0 FROM local_authorities l"
			  " WHERE l.active = 1 OR l.id IN"
			  "  (SELECT local_authority_id FROM organisation_local_authorities"
			  "   WHERE organisation_id = ?)"
			  " ORDER BY l.name LIMIT ?",
			  id, out);
}

enum db_status organisation_other_options(struct arena *arena, long long id,
					  struct organisation_options *out)
{
	memset(out, 0, sizeof *out);
	struct catalog_org *orgs;
	size_t count;
	enum db_status status = catalog_organisations(arena, false, &orgs, &count);
	if (status != DB_OK)
		return status;
	out->items = arena_zalloc(arena, (count + 1) * sizeof *out->items);
	for (size_t i = 0; i < count && out->count < OPTIONS_MAX; i++)
		if (orgs[i].id != id)
			out->items[out->count++] =
				(struct organisation_option){ orgs[i].id, orgs[i].name,
							      !orgs[i].active };
	return DB_OK;
}

/* ---- saving ---- */

struct save_work {
	const struct organisation_change_by *by;
	const struct organisation *org;
	struct organisation_saved *out;
};

static bool has_id(const struct organisation_ids *list, long long id)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->ids[i] == id)
			return true;
	return false;
}

static bool has_text(const char **list, size_t count, const char *text)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(list[i], text) == 0)
			return true;
	return false;
}

static const char *option_name(const struct organisation_options *options, long long id)
{
	for (size_t i = 0; i < options->count; i++)
		if (options->items[i].id == id)
			return options->items[i].name;
	return "(unknown)";
}

/* "A, B, C" for names, at most AUDIT_NAMES_MAX of them ("... and 12 more"). */
struct name_list {
	const char **names;
	size_t count;
};

static const char *join_names(struct arena *arena, const struct name_list *list)
{
	if (list->count == 0)
		return NULL;
	size_t len = 1;
	for (size_t i = 0; i < list->count && i < AUDIT_NAMES_MAX; i++)
		len += strlen(list->names[i]) + 2;
	char *text = arena_alloc(arena, len);
	size_t at = 0;
	for (size_t i = 0; i < list->count && i < AUDIT_NAMES_MAX; i++) {
		size_t n = strlen(list->names[i]);
		if (i > 0) {
			memcpy(text + at, ", ", 2);
			at += 2;
		}
		memcpy(text + at, list->names[i], n);
		at += n;
	}
	text[at] = '\0';
	if (list->count > AUDIT_NAMES_MAX)
		return arena_printf(arena, "%s and %zu more", text, list->count - AUDIT_NAMES_MAX);
	return text;
}

static struct name_list ids_not_in(struct arena *arena, const struct organisation_ids *these,
				   const struct organisation_ids *others,
				   const struct organisation_options *names)
{
	struct name_list list = { arena_alloc(arena, (these->count + 1) * sizeof(char *)), 0 };
	for (size_t i = 0; i < these->count; i++)
		if (!has_id(others, these->ids[i]))
			list.names[list.count++] = option_name(names, these->ids[i]);
	return list;
}

/* what: the field's (or "create") part of the action's name, by who changes it
 * (organisation_change_by). */
static enum db_status record(struct arena *arena, struct save_work *w, long long id,
			     const char *what, const char *label, const char *old_value,
			     const char *new_value)
{
	/* with the organisation (issue 13): its lead's changes are found by it too */
	struct audit_entry entry = { .staff_id = w->by->staff_id,
				     .organisation_id = id,
				     .action =
					     arena_printf(arena, "%s%s",
							  w->by->as_admin ? "admin.organisation."
									  : "organisation.profile.",
							  what),
				     .subject_type = "organisation",
				     .subject_id = id,
				     .old_value = old_value,
				     .new_value = new_value,
				     .detail = label,
				     .remote_addr = w->by->remote_addr };
	w->out->changes++;
	return audit_record(arena, &entry);
}

static const char *blank_as_null(const char *text)
{
	return text == NULL || text[0] == '\0' ? NULL : text;
}

static enum db_status record_text(struct arena *arena, struct save_work *w, long long id,
				  const char *action, const char *label, const char *was,
				  const char *now)
{
	if (strcmp(was, now) == 0)
		return DB_OK;
	return record(arena, w, id, action, label, blank_as_null(was), blank_as_null(now));
}

static const char *limit_text(struct arena *arena, long long value, const char *none)
{
	return value == ORGANISATION_NO_LIMIT ? none : arena_printf(arena, "%lld", value);
}

static enum db_status record_limit(struct arena *arena, struct save_work *w, long long id,
				   const char *action, const char *label, long long was,
				   long long now, const char *none)
{
	if (was == now)
		return DB_OK;
	return record(arena, w, id, action, label, limit_text(arena, was, none),
		      limit_text(arena, now, none));
}

/* A list that is either "all" or the chosen ids: the whole of each side when "all" changes,
 * otherwise the names removed and added. */
static enum db_status record_list(struct arena *arena, struct save_work *w, long long id,
				  const char *action, const char *label, bool all_was, bool all_now,
				  const char *all_text, const struct organisation_ids *was,
				  const struct organisation_ids *now,
				  const struct organisation_options *names)
{
	static const struct organisation_ids none = { NULL, 0 };
	if (all_was && all_now)
		return DB_OK;
	if (all_was != all_now) {
		struct name_list was_names = ids_not_in(arena, all_was ? &none : was, &none, names);
		struct name_list now_names = ids_not_in(arena, all_now ? &none : now, &none, names);
		return record(arena, w, id, action, label,
			      all_was ? all_text : join_names(arena, &was_names),
			      all_now ? all_text : join_names(arena, &now_names));
	}
	struct name_list removed = ids_not_in(arena, was, now, names);
	struct name_list added = ids_not_in(arena, now, was, names);
	if (removed.count == 0 && added.count == 0)
		return DB_OK;
	return record(
		arena, w, id, action, label,
		removed.count ? arena_printf(arena, "Removed: %s", join_names(arena, &removed))
			      : NULL,
		added.count ? arena_printf(arena, "Added: %s", join_names(arena, &added)) : NULL);
}

static enum db_status record_groups(struct arena *arena, struct save_work *w, long long id,
				    const struct organisation *was, const struct organisation *now)
{
	struct name_list removed = { arena_alloc(arena, (was->group_count + 1) * sizeof(char *)),
				     0 };
	struct name_list added = { arena_alloc(arena, (now->group_count + 1) * sizeof(char *)), 0 };
	for (size_t i = 0; i < was->group_count; i++)
		if (!has_text(now->groups, now->group_count, was->groups[i]))
			removed.names[removed.count++] = was->groups[i];
	for (size_t i = 0; i < now->group_count; i++)
		if (!has_text(was->groups, was->group_count, now->groups[i]))
			added.names[added.count++] = now->groups[i];
	if (removed.count == 0 && added.count == 0)
		return DB_OK;
	return record(
		arena, w, id, "directory_groups", LABEL(ORG_GROUPS),
		removed.count ? arena_printf(arena, "Removed: %s", join_names(arena, &removed))
			      : NULL,
		added.count ? arena_printf(arena, "Added: %s", join_names(arena, &added)) : NULL);
}

/* One audit row for each field that differs between was and now. */
struct option_names {
	struct organisation_options issues, genders, las, others;
};

/* Read before the links change: the options then include everything the organisation had
 * and everything it may now have, so every id in the audit has its name. */
static enum db_status load_names(struct arena *arena, long long id, struct option_names *names)
{
	enum db_status s = organisation_issue_options(arena, id, &names->issues);
	if (s == DB_OK)
		s = organisation_gender_options(arena, id, &names->genders);
	if (s == DB_OK)
		s = organisation_local_authority_options(arena, id, &names->las);
	if (s == DB_OK)
		s = organisation_other_options(arena, id, &names->others);
	return s;
}

static enum db_status record_changes(struct arena *arena, struct save_work *w, long long id,
				     const struct organisation *was, const struct organisation *now,
				     const struct option_names *names)
{
	enum db_status s = DB_OK;
	if (was->id != 0)
		s = record_text(arena, w, id, "name", LABEL(ORG_NAME), was->name, now->name);
	if (s == DB_OK)
		s = record_text(arena, w, id, "description", LABEL(ORG_DESCRIPTION),
				was->description, now->description);
	if (s == DB_OK)
		s = record_text(arena, w, id, "contact_email", LABEL(ORG_CONTACT_EMAIL),
				was->contact_email, now->contact_email);
	if (s == DB_OK)
		s = record_text(arena, w, id, "contact_phone", LABEL(ORG_CONTACT_PHONE),
				was->contact_phone, now->contact_phone);
	if (s == DB_OK)
		s = record_text(arena, w, id, "address", LABEL(ORG_ADDRESS), was->address,
				now->address);
	if (s == DB_OK)
		s = record_text(arena, w, id, "website", LABEL(ORG_WEBSITE), was->website,
				now->website);
	if (s == DB_OK && was->active != now->active)
		s = record(arena, w, id, "active", LABEL(ORG_ACTIVE),
			   was->active ? "Active" : "Inactive",
			   now->active ? "Active" : "Inactive");
	if (s == DB_OK && was->accepting != now->accepting)
		s = record(arena, w, id, "accepting", LABEL(ORG_ACCEPTING),
			   was->accepting ? "Accepting referrals" : "Not accepting referrals",
			   now->accepting ? "Accepting referrals" : "Not accepting referrals");
	if (s == DB_OK)
		s = record_limit(arena, w, id, "capacity", LABEL(ORG_CAPACITY), was->capacity,
				 now->capacity, "No limit");
	if (s == DB_OK)
		s = record_list(arena, w, id, "issues", LABEL(ORG_ISSUES), false, false, NULL,
				&was->issues, &now->issues, &names->issues);
	if (s == DB_OK)
		s = record_limit(arena, w, id, "min_age", LABEL(ORG_MIN_AGE), was->min_age,
				 now->min_age, "No minimum");
	if (s == DB_OK)
		s = record_limit(arena, w, id, "max_age", LABEL(ORG_MAX_AGE), was->max_age,
				 now->max_age, "No maximum");
	if (s == DB_OK)
		s = record_list(arena, w, id, "genders", LABEL(ORG_GENDERS), was->all_genders,
				now->all_genders, "All genders", &was->genders, &now->genders,
				&names->genders);
	if (s == DB_OK)
		s = record_list(arena, w, id, "local_authorities", LABEL(ORG_LAS),
				was->all_local_authorities, now->all_local_authorities,
				"All local authorities", &was->local_authorities,
				&now->local_authorities, &names->las);
	if (s == DB_OK)
		s = record_groups(arena, w, id, was, now);
	if (s == DB_OK && was->parent_id != now->parent_id)
		s = record(arena, w, id, "parent", LABEL(ORG_PARENT),
			   was->parent_id ? option_name(&names->others, was->parent_id) : NULL,
			   now->parent_id ? option_name(&names->others, now->parent_id) : NULL);
	if (s == DB_OK)
		s = record_list(arena, w, id, "senders", LABEL(ORG_SENDERS),
				!was->chosen_senders_only, !now->chosen_senders_only,
				"All organisations", &was->senders, &now->senders, &names->others);
	return s;
}

/* One list of an organisation's link rows: how one is removed and added. */
struct link_table {
	const char *remove; /* organisation_id = ?, the other id = ? */
	const char *add;    /* (organisation_id, the other id) */
};

static const struct link_table issue_links = {
	"DELETE FROM organisation_issues WHERE organisation_id = ? AND issue_id = ?",
	"INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (?, ?)"
};
static const struct link_table gender_links = {
	"DELETE FROM organisation_genders WHERE organisation_id = ? AND gender_id = ?",
	"INSERT INTO organisation_genders (organisation_id, gender_id) VALUES (?, ?)"
};
static const struct link_table sender_links = {
	"DELETE FROM organisation_senders WHERE organisation_id = ? AND sender_org_id = ?",
	"INSERT INTO organisation_senders (organisation_id, sender_org_id) VALUES (?, ?)"
};
static const struct link_table local_authority_links = {
	"DELETE FROM organisation_local_authorities"
	" WHERE organisation_id = ? AND local_authority_id = ?",
	"INSERT INTO organisation_local_authorities (organisation_id, local_authority_id)"
	" VALUES (?, ?)"
};

/* Makes the link rows of one list what `now` says: deletes the ids no longer there, inserts
 * the new ones (the rows that stay are left alone). */
static enum db_status replace_links(struct arena *arena, const struct link_table *table,
				    long long id, const struct organisation_ids *was,
				    const struct organisation_ids *now)
{
	enum db_status s = DB_OK;
	for (size_t i = 0; s == DB_OK && i < was->count; i++)
		if (!has_id(now, was->ids[i]))
			s = db_run(arena, NULL, table->remove, "ii", id, was->ids[i]);
	for (size_t i = 0; s == DB_OK && i < now->count; i++)
		if (!has_id(was, now->ids[i]))
			s = db_run(arena, NULL, table->add, "ii", id, now->ids[i]);
	return s;
}

/* A removed group's members stop being staff at once (their sessions check membership on
 * every request); an added group's members become staff at their next request: everyone
 * signed in has their directory groups read again then (fcgi/session.c), not after the
 * usual interval. */
static enum db_status replace_groups(struct arena *arena, long long id,
				     const struct organisation *was, const struct organisation *now)
{
	enum db_status s = DB_OK;
	for (size_t i = 0; s == DB_OK && i < was->group_count; i++) {
		if (has_text(now->groups, now->group_count, was->groups[i]))
			continue;
		s = db_run(
			arena, NULL,
			"DELETE FROM directory_groups WHERE organisation_id = ? AND group_dn = ?",
			"is", id, was->groups[i]);
		if (s == DB_OK)
			s = db_run(arena, NULL,
				   "DELETE FROM staff_orgs WHERE organisation_id = ? AND source = "
				   "'directory'"
				   " AND group_dn = ?",
				   "is", id, was->groups[i]);
	}
	bool added = false;
	for (size_t i = 0; s == DB_OK && i < now->group_count; i++)
		if (!has_text(was->groups, was->group_count, now->groups[i])) {
			added = true;
			s = db_run(arena, NULL,
				   "INSERT INTO directory_groups (group_dn, organisation_id) "
				   "VALUES (?, ?)",
				   "si", now->groups[i], id);
		}
	if (s == DB_OK && added)
		s = db_run(arena, NULL,
			   "UPDATE staff SET groups_checked_at = NULL WHERE groups_checked_at IS "
			   "NOT NULL"
			   " AND id IN (SELECT staff_id FROM sessions)",
			   "");
	return s;
}

static bool same_row(const struct organisation *a, const struct organisation *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->description, b->description) == 0 &&
	       strcmp(a->contact_email, b->contact_email) == 0 &&
	       strcmp(a->contact_phone, b->contact_phone) == 0 &&
	       strcmp(a->address, b->address) == 0 && strcmp(a->website, b->website) == 0 &&
	       a->active == b->active && a->accepting == b->accepting &&
	       a->capacity == b->capacity && a->min_age == b->min_age && a->max_age == b->max_age &&
	       a->all_genders == b->all_genders &&
	       a->all_local_authorities == b->all_local_authorities &&
	       a->parent_id == b->parent_id && a->chosen_senders_only == b->chosen_senders_only;
}

/* The parameters of the organisations row's columns as the insert and the update name them,
 * then its id (which only the update binds). */
#define ROW_PARAMS 15
static void row_params(const struct organisation *o, struct db_param params[ROW_PARAMS + 1])
{
	const char *texts[] = { o->name,	  o->description, o->contact_email,
				o->contact_phone, o->address,	  o->website };
	long long numbers[] = { o->active,
				o->accepting,
				o->capacity,
				o->min_age,
				o->max_age,
				o->all_genders,
				o->all_local_authorities,
				o->parent_id,
				!o->chosen_senders_only,
				o->id };
	size_t n = 0;
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		params[n++] = (struct db_param){ .type = 's', .text = texts[i] };
	for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
		params[n++] = (struct db_param){ .type = 'i', .number = numbers[i] };
}

/* The organisations row of w: inserted (and audited) when new, updated when changed; *id
 * its id. */
static enum db_status write_row(struct arena *arena, struct save_work *w,
				const struct organisation *was, long long *id)
{
	const struct organisation *now = w->org;
	*id = now->id;
	if (now->id != 0 && same_row(was, now))
		return DB_OK;
	/* both statements bind the row's columns in one order; the update adds the id */
	struct db_param params[ROW_PARAMS + 1];
	row_params(now, params);
	if (now->id != 0)
		return db_run_params(
			arena, NULL,
			"UPDATE organisations SET name = ?, description = ?, contact_email = ?,"
			" contact_phone = ?, address = ?, website = ?, active = ?, accepting = ?,"
			" capacity = NULLIF(?, -1), min_age = NULLIF(?, -1),"
			" max_age = NULLIF(?, -1), all_genders = ?, all_local_authorities = ?,"
			" parent_id = NULLIF(?, 0), all_senders = ?,"
			" updated_at = UTC_TIMESTAMP() WHERE id = ?",
			params, ROW_PARAMS + 1);
	struct db_result inserted;
	enum db_status s = db_run_params(
		arena, &inserted,
		"INSERT INTO organisations (name, description, contact_email, "
		"contact_phone, address,"
		" website, active, accepting, capacity, min_age, max_age, all_genders,"
		" all_local_authorities, parent_id, all_senders)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, "
		"-1), ?, ?, NULLIF(?, 0), ?)",
		params, ROW_PARAMS);
	if (s != DB_OK)
		return s;
	*id = (long long)inserted.insert_id;
	w->out->id = *id;
	return record(arena, w, *id, "create", "Organisation created", NULL, now->name);
}

void organisation_defaults(struct organisation *out)
{
	*out = (struct organisation){ .name = "",
				      .description = "",
				      .contact_email = "",
				      .contact_phone = "",
				      .address = "",
				      .website = "",
				      .active = true,
				      .accepting = true,
				      .capacity = ORGANISATION_NO_LIMIT,
				      .min_age = ORGANISATION_NO_LIMIT,
				      .max_age = ORGANISATION_NO_LIMIT,
				      .all_genders = true,
				      .all_local_authorities = false,
				      .banner = "" };
}

/* Teams are one level deep ("teams of a larger body"): the parent must exist and not be a team
 * itself, and an organisation with teams cannot become one. */
static enum db_status check_parent(struct arena *arena, const struct organisation *now, bool *ok)
{
	*ok = true;
	if (now->parent_id == 0)
		return DB_OK;
	struct db_result parent, teams;
	enum db_status s = db_run(arena, &parent,
				  "SELECT parent_id FROM organisations WHERE id = ? AND id <> ?",
				  "ii", now->parent_id, now->id);
	if (s == DB_OK)
		s = db_run(arena, &teams, "SELECT 1 FROM organisations WHERE parent_id = ? LIMIT 1",
			   "i", now->id);
	if (s == DB_OK)
		*ok = parent.rows == 1 && db_value(&parent, 0, 0) == NULL && teams.rows == 0;
	return s;
}

static enum db_status save_work(struct arena *arena, void *context)
{
	struct save_work *w = context;
	const struct organisation *now = w->org;
	w->out->changes = 0;
	w->out->clash = NULL;
	w->out->id = now->id;

	/* what a new organisation is compared with: the table's defaults */
	struct organisation was;
	organisation_defaults(&was);
	enum db_status s;
	if (now->id != 0) {
		s = load(arena, now->id, true, &was);
		if (s != DB_OK || was.id == 0) {
			w->out->result = ORGANISATION_NOT_FOUND;
			return s;
		}
	}

	/* names compare without case or accents (the column's collation), as the unique key does */
	struct db_result clash;
	s = db_run(arena, &clash,
		   "SELECT name FROM organisations WHERE name = ? AND id <> ? LIMIT 1", "si",
		   now->name, now->id);
	if (s != DB_OK)
		return s;
	if (clash.rows > 0) {
		w->out->result = ORGANISATION_DUPLICATE;
		w->out->clash = db_value(&clash, 0, 0);
		return DB_OK;
	}

	bool parent_ok = true;
	s = check_parent(arena, now, &parent_ok);
	if (s != DB_OK || !parent_ok) {
		w->out->result = ORGANISATION_BAD_PARENT;
		return s;
	}

	struct option_names names;
	s = load_names(arena, now->id, &names);
	if (s != DB_OK)
		return s;

	long long id;
	s = write_row(arena, w, &was, &id);
	if (s != DB_OK)
		return s;

	/* "all" keeps no list rows: the list applies only when it is off */
	static const struct organisation_ids none = { NULL, 0 };
	const struct organisation_ids *genders = now->all_genders ? &none : &now->genders;
	const struct organisation_ids *las =
		now->all_local_authorities ? &none : &now->local_authorities;
	struct organisation stored = *now;
	stored.genders = *genders;
	stored.local_authorities = *las;

	s = replace_links(arena, &issue_links, id, &was.issues, &now->issues);
	if (s == DB_OK)
		s = replace_links(arena, &gender_links, id, &was.genders, genders);
	if (s == DB_OK)
		s = replace_links(arena, &local_authority_links, id, &was.local_authorities, las);
	static const struct organisation_ids no_senders = { NULL, 0 };
	const struct organisation_ids *senders =
		now->chosen_senders_only ? &now->senders : &no_senders;
	stored.senders = *senders;
	if (s == DB_OK)
		s = replace_links(arena, &sender_links, id, &was.senders, senders);
	if (s == DB_OK)
		s = replace_groups(arena, id, &was, now);
	/* accepting again ends a pause (organisation_pause.h) */
	if (s == DB_OK && now->accepting)
		s = db_run(arena, NULL,
			   "UPDATE organisations SET paused_reason = NULL, paused_until = NULL"
			   " WHERE id = ? AND paused_reason IS NOT NULL",
			   "i", id);
	if (s == DB_OK)
		s = record_changes(arena, w, id, &was, &stored, &names);
	w->out->result = ORGANISATION_DONE;
	return s;
}

enum db_status organisation_save(struct arena *arena, const struct organisation_change_by *by,
				 const struct organisation *org, struct organisation_saved *out)
{
	memset(out, 0, sizeof *out);
	struct save_work w = { by, org, out };
	enum db_status status = db_transaction(arena, save_work, &w);
	/* two administrators saving the same name at once: the unique key decides */
	if (status == DB_DUPLICATE) {
		out->result = ORGANISATION_DUPLICATE;
		out->clash = org->name;
		out->id = org->id;
		return DB_OK;
	}
	return status;
}
