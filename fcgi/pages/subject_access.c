/* Subject access (issue 15, point 5): everything held about one client as one zip: a readable
 * HTML document, a JSON file of every table's rows for the client, and the client's files.
 * libzip writes the zip to a temporary file (unlinked once open); each file's bytes are read
 * from the database only when libzip asks for that entry and freed when it is done with it,
 * in referral order, so at most one file is in memory; the finished zip is streamed to the
 * response a block at a time (req->body_file). Administrators only; the download is logged. */
#include "privacy.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "../arena.h"
#include "../json.h"
#include "../log.h"
#include "../render.h"
#include "../model/subject_access.h"
#include "access.h"
#include "clients.h"
#include "pages.h"

/* ---- the two documents ---- */

static const char *html_escape(struct arena *arena, const char *text)
{
	if (text == NULL)
		return "<i>empty (NULL)</i>";
	size_t len = strlen(text);
	char *out = arena_alloc(arena, len * 6 + 1), *o = out;
	for (const char *p = text; *p; p++) {
		const char *entity = *p == '<'	  ? "&lt;"
				     : *p == '>'  ? "&gt;"
				     : *p == '&'  ? "&amp;"
				     : *p == '"'  ? "&quot;"
				     : *p == '\'' ? "&#39;"
						  : NULL;
		if (entity != NULL) {
			size_t n = strlen(entity);
			memcpy(o, entity, n);
			o += n;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* Appends text to a buffer in the request's arena, doubling it as it grows. */
static void put(struct arena *arena, struct body_buffer *b, const char *text)
{
	size_t n = strlen(text);
	if (b->len + n + 1 > b->capacity) {
		size_t capacity = (b->len + n + 1) * 2;
		char *data = arena_alloc(arena, capacity);
		if (b->len > 0)
			memcpy(data, b->data, b->len);
		b->data = data;
		b->capacity = capacity;
	}
	memcpy(b->data + b->len, text, n + 1);
	b->len += n;
}

/* One table as a section of the HTML document: a row per record, a column per field. */
static void html_table(struct arena *arena, struct body_buffer *html, const struct subject_table *t)
{
	put(arena, html,
	    arena_printf(arena, "<h2>%s (%zu)</h2>\n", html_escape(arena, t->name), t->rows.rows));
	if (t->rows.rows == 0)
		return;
	put(arena, html, "<table><tr>");
	for (unsigned c = 0; c < t->column_count; c++)
		put(arena, html,
		    arena_printf(arena, "<th>%s</th>", html_escape(arena, t->columns[c])));
	put(arena, html, "</tr>\n");
	for (size_t r = 0; r < t->rows.rows; r++) {
		put(arena, html, "<tr>");
		for (unsigned c = 0; c < t->column_count; c++) {
			put(arena, html, "<td>");
			put(arena, html, html_escape(arena, db_value(&t->rows, r, c)));
			put(arena, html, "</td>");
		}
		put(arena, html, "</tr>\n");
	}
	put(arena, html, "</table>\n");
}

static const char *documents(struct request *req, long long client_id,
			     const struct subject_tables *tables, const struct subject_files *files,
			     const char **json_text_out)
{
	struct arena *arena = req->arena;
	struct body_buffer html = { 0 };
	put(arena, &html,
	    arena_printf(
		    arena,
		    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
		    "charset=\"utf-8\"><title>Everything "
		    "held about client "
		    "%lld</title><style>table{border-collapse:collapse}td,th{border:1px "
		    "solid #999;padding:2px "
		    "4px;vertical-align:top;text-align:left}</style></head><body>\n"
		    "<h1>Everything held about client %lld</h1>\n<p>Every row of every table that "
		    "concerns this client, as stored. The client's files are in the folder files/, "
		    "by "
		    "referral. The same rows are in client-%lld.json for machines.</p>\n",
		    client_id, client_id, client_id));
	struct json json;
	json_init(&json, arena);
	json_object_begin(&json);
	json_member_int(&json, "client_id", client_id);
	json_key(&json, "tables");
	json_object_begin(&json);
	for (size_t i = 0; i < tables->count; i++) {
		const struct subject_table *t = &tables->items[i];
		html_table(arena, &html, t);
		json_key(&json, t->name);
		json_array_begin(&json);
		for (size_t r = 0; r < t->rows.rows; r++) {
			json_object_begin(&json);
			for (unsigned c = 0; c < t->column_count; c++)
				json_member_string(&json, t->columns[c], db_value(&t->rows, r, c));
			json_object_end(&json);
		}
		json_array_end(&json);
	}
	json_object_end(&json);
	json_key(&json, "files");
	json_array_begin(&json);
	for (size_t i = 0; i < files->count; i++) {
		json_object_begin(&json);
		json_member_int(&json, "id", files->items[i].id);
		json_member_int(&json, "referral_id", files->items[i].referral_id);
		json_member_string(&json, "name", files->items[i].name);
		json_member_int(&json, "size", files->items[i].size);
		json_object_end(&json);
	}
	json_array_end(&json);
	json_object_end(&json);
	*json_text_out = json_text(&json);
	put(arena, &html, "</body></html>\n");
	return html.data;
}

/* ---- the zip ---- */

/* One client file as a libzip source: its bytes are read when libzip opens the entry and
 * dropped when it closes it. */
struct file_source {
	long long client_id, file_id, size;
	struct arena *arena; /* shared by every file source: emptied at each open and close */
	const unsigned char *data;
	size_t len, pos;
	zip_error_t error;
};

static zip_int64_t file_source_cb(void *userdata, void *data, zip_uint64_t len,
				  zip_source_cmd_t cmd)
{
	struct file_source *f = userdata;
	switch (cmd) {
	case ZIP_SOURCE_OPEN: {
		arena_reset(f->arena);
		const void *bytes = NULL;
		if (subject_access_file_data(f->arena, f->client_id, f->file_id, &bytes, &f->len) !=
		    DB_OK) {
			zip_error_set(&f->error, ZIP_ER_READ, 0);
			return -1;
		}
		f->data = bytes;
		f->pos = 0;
		return 0;
	}
	case ZIP_SOURCE_READ: {
		size_t n = f->len - f->pos < len ? f->len - f->pos : (size_t)len;
		if (n > 0)
			memcpy(data, f->data + f->pos, n);
		f->pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
		f->data = NULL;
		arena_reset(f->arena);
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&f->error, data, len);
	case ZIP_SOURCE_FREE:
		zip_error_fini(&f->error);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
						      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&f->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* A file's name as a zip entry: letters, digits, dot, dash and underscore kept. */
static const char *entry_name(struct arena *arena, const struct subject_file *f)
{
	char *safe = arena_strdup(arena, f->name && f->name[0] ? f->name : "file");
	for (char *p = safe; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'))
			*p = '_';
	return arena_printf(arena, "files/referral-%lld/%lld-%s", f->referral_id, f->id, safe);
}

static bool add_text(zip_t *zip, const char *name, const char *text)
{
	zip_source_t *source = zip_source_buffer(zip, text, strlen(text), 0);
	if (source == NULL)
		return false;
	if (zip_file_add(zip, name, source, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(source);
		return false;
	}
	return true;
}

/* Writes the zip to path; the file sources use files_arena. */
static bool write_zip(struct request *req, const char *path, long long client_id, const char *html,
		      const char *json, const struct subject_files *files,
		      struct arena *files_arena)
{
	int error = 0;
	zip_t *zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
	if (zip == NULL)
		return false;
	bool ok = add_text(zip, arena_printf(req->arena, "client-%lld.html", client_id), html) &&
		  add_text(zip, arena_printf(req->arena, "client-%lld.json", client_id), json);
	struct file_source *sources =
		arena_zalloc(req->arena, (files->count + 1) * sizeof *sources);
	for (size_t i = 0; ok && i < files->count; i++) {
		struct file_source *f = &sources[i];
		*f = (struct file_source){ .client_id = client_id,
					   .file_id = files->items[i].id,
					   .size = files->items[i].size,
					   .arena = files_arena };
		zip_error_init(&f->error);
		zip_source_t *source = zip_source_function(zip, file_source_cb, f);
		ok = source != NULL;
		if (ok && zip_file_add(zip, entry_name(req->arena, &files->items[i]), source,
				       ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(source);
			ok = false;
		}
	}
	if (!ok) {
		zip_discard(zip);
		return false;
	}
	return zip_close(zip) == 0 || (zip_discard(zip), false);
}

void page_client_subject_access(struct request *req)
{
	struct client c;
	if (!clients_load_as(req, &c, true))
		return;
	struct subject_tables tables;
	struct subject_files files;
	enum db_status status = subject_access_tables(req->arena, c.id, &tables);
	if (status == DB_OK)
		status = subject_access_files(req->arena, c.id, &files);
	if (status != DB_OK) {
		page_database_failed(req, status);
		return;
	}
	const char *json = NULL;
	const char *html = documents(req, c.id, &tables, &files, &json);
	const char *dir = getenv("TMPDIR");
	char *path = arena_printf(req->arena, "%s/referrals-subject-XXXXXX",
				  dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(path);
	struct arena *files_arena = arena_new(64 * 1024);
	bool ok = fd >= 0 && write_zip(req, path, c.id, html, json, &files, files_arena);
	arena_free(files_arena);
	if (fd >= 0)
		close(fd);
	int zip_fd = ok ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd >= 0)
		unlink(path); /* gone from the directory; the open descriptor still reads it */
	if (zip_fd < 0) {
		log_error("subject access for client %lld: the zip could not be written", c.id);
		view_error(req, 500, NULL);
		return;
	}
	page_access(req, ACCESS_SUBJECT_ACCESS, c.id);
	req->status = 200;
	http_header_add(req, "Content-Type", "application/zip");
	http_header_add(req, "Content-Disposition",
			arena_printf(req->arena, "attachment; filename=\"client-%lld.zip\"", c.id));
	req->body_file = zip_fd;
}
