/* Announcements: recipients, sending (through inbox.c), reach and read rates. */
#include "announcement.h"

#include <stdio.h>
#include <string.h>

#include "../arena.h"
#include "../vocabulary.h"
#include "audit.h"
#include "inbox.h"

/* The chosen organisations as "12,40,7" for FIND_IN_SET, bound as one value: one statement
 * text for any number of organisations (the statement cache keys on the text). */
static const char *id_list(struct arena *arena, const long long *ids, size_t count)
{
	char *text = arena_alloc(arena, count * 21 + 2);
	char *end = text;
	*end = '\0';
	for (size_t i = 0; i < count; i++)
		end += sprintf(end, "%s%lld", i ? "," : "", ids[i]);
	return count ? text : "0";
}

enum db_status announcement_recipients(struct arena *arena, const struct announcement_new *a,
				       long long *count)
{
	struct db_result r;
	enum db_status status;
	if (a->everyone)
		status = db_run(arena, &r, "SELECT COUNT(*) FROM staff WHERE active = 1", "");
	else
		status = db_run(arena, &r,
				"SELECT COUNT(DISTINCT s.id) FROM staff s JOIN staff_orgs so"
				" ON so.staff_id = s.id WHERE s.active = 1"
				" AND FIND_IN_SET(so.organisation_id, ?)",
				"s", id_list(arena, a->org_ids, a->org_count));
	*count = status == DB_OK ? db_int(&r, 0, 0, 0) : 0;
	return status;
}

struct send_work {
	const struct announcement_new *a;
	long long id;
};

static enum db_status send_work(struct arena *arena, void *context)
{
	struct send_work *w = context;
	const struct announcement_new *a = w->a;
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       "INSERT INTO announcements (subject, body, everyone, created_by) VALUES (?, "
		       "?, ?, ?)",
		       "ssii", a->subject, a->body, (long long)a->everyone, a->staff_id);
	if (status != DB_OK)
		return status;
	w->id = (long long)r.insert_id;
	for (size_t i = 0; !a->everyone && status == DB_OK && i < a->org_count; i++)
		status = db_run(arena, NULL,
				"INSERT IGNORE INTO announcement_organisations (announcement_id,"
				" organisation_id) SELECT ?, id FROM organisations WHERE id = ?",
				"ii", w->id, a->org_ids[i]);
	if (status != DB_OK)
		return status;
	struct inbox_item message = { .kind = inbox_kind_name(INBOX_ANNOUNCEMENT),
				      .subject = a->subject,
				      .body = a->body };
	long long sent = 0;
	status = inbox_to_announcement(arena, w->id, a->everyone, &message, &sent);
	if (status == DB_OK)
		status = db_run(arena, NULL, "UPDATE announcements SET recipients = ? WHERE id = ?",
				"ii", sent, w->id);
	if (status != DB_OK)
		return status;
	struct audit_entry entry = {
		.staff_id = a->staff_id,
		.organisation_id = a->org_id,
		.action = "announcement.sent",
		.subject_type = "announcement",
		.subject_id = w->id,
		.new_value = a->subject,
		.detail = arena_printf(arena, "Sent to %lld staff%s", sent,
				       a->everyone ? " (everyone)" : ""),
		.remote_addr = a->remote_addr,
	};
	return audit_record(arena, &entry);
}

enum db_status announcement_send(struct arena *arena, const struct announcement_new *a,
				 long long *id)
{
	struct send_work w = { a, 0 };
	enum db_status status = db_transaction(arena, send_work, &w);
	*id = status == DB_OK ? w.id : 0;
	return status;
}

/* clang-format off */
#define ANNOUNCEMENT_COLUMNS                                                                \
	"SELECT a.id, a.subject, a.body, DATE_FORMAT(a.created_at, '%Y-%m-%d %H:%i:%s'),"    \
	" s.display_name, a.everyone, a.recipients,"                                         \
	" (SELECT COUNT(*) FROM inbox_messages m WHERE m.announcement_id = a.id"             \
	"  AND m.read_at IS NOT NULL),"                                                      \
	" COALESCE((SELECT GROUP_CONCAT(o.name ORDER BY o.name SEPARATOR ', ')"              \
	"  FROM announcement_organisations ao JOIN organisations o ON o.id = ao.organisation_id" \
	"  WHERE ao.announcement_id = a.id), '')"                                            \
	" FROM announcements a JOIN staff s ON s.id = a.created_by"
/* clang-format on */

static void read_announcement(const struct db_result *r, size_t i, struct announcement *a)
{
	a->id = db_int(r, i, 0, 0);
	a->subject = db_value(r, i, 1);
	a->body = db_value(r, i, 2);
	a->created_at = db_value(r, i, 3);
	a->created_by = db_value(r, i, 4);
	a->everyone = db_int(r, i, 5, 0) == 1;
	a->recipients = db_int(r, i, 6, 0);
	a->read = db_int(r, i, 7, 0);
	a->organisations = db_value(r, i, 8);
}

enum db_status announcement_list(struct arena *arena, struct announcement **out, size_t *count)
{
	struct db_result r;
	enum db_status status =
		db_run(arena, &r,
		       ANNOUNCEMENT_COLUMNS " ORDER BY a.created_at DESC, a.id DESC LIMIT 100", "");
	*out = db_items(arena, status, &r, sizeof **out, count);
	for (size_t i = 0; status == DB_OK && i < *count; i++)
		read_announcement(&r, i, &(*out)[i]);
	return status;
}

enum db_status announcement_get(struct arena *arena, long long id, struct announcement *out,
				struct announcement_reader **readers, size_t *reader_count,
				bool *found)
{
	memset(out, 0, sizeof *out);
	*found = false;
	*reader_count = 0;
	struct db_result r, who;
	enum db_status status = db_run(arena, &r, ANNOUNCEMENT_COLUMNS " WHERE a.id = ?", "i", id);
	if (status != DB_OK || r.rows != 1)
		return status;
	*found = true;
	read_announcement(&r, 0, out);
	status = db_run(arena, &who,
			"SELECT s.display_name, DATE_FORMAT(m.read_at, '%Y-%m-%d %H:%i:%s')"
			" FROM inbox_messages m JOIN staff s ON s.id = m.staff_id"
			" WHERE m.announcement_id = ?"
			" ORDER BY m.read_at IS NULL, m.read_at, s.display_name LIMIT 2000",
			"i", id);
	*readers = db_items(arena, status, &who, sizeof **readers, reader_count);
	for (size_t i = 0; status == DB_OK && i < *reader_count; i++) {
		(*readers)[i].name = db_value(&who, i, 0);
		(*readers)[i].read_at = db_value(&who, i, 1);
	}
	return status;
}
