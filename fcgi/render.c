/* ClearSilver rendering. Templates are read once per worker (SIGHUP replaces workers to
 * pick up new ones) and served to the parser from memory through its file-load hook. */
#include "render.h"

#include <ClearSilver.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "config.h"
#include "layout.h"
#include "log.h"

struct template_file {
	char *name; /* relative to the templates directory: "pages/home.cs" */
	char *text;
};

static struct template_file *templates;
static size_t template_count;
/* Changes whenever the built styles or scripts change, so year-long caching is safe. */
static char asset_version[32];

static bool add_template(const char *path, const char *name)
{
	FILE *file = fopen(path, "rb");
	if (file == NULL)
		return false;
	struct stat info;
	if (fstat(fileno(file), &info) != 0 || info.st_size > 1024 * 1024) {
		fclose(file);
		return false;
	}
	char *text = malloc((size_t)info.st_size + 1);
	size_t got = text ? fread(text, 1, (size_t)info.st_size, file) : 0;
	fclose(file);
	if (text == NULL || got != (size_t)info.st_size) {
		free(text);
		return false;
	}
	text[got] = '\0';
	struct template_file *grown = realloc(templates, (template_count + 1) * sizeof *templates);
	if (grown == NULL) {
		free(text);
		return false;
	}
	templates = grown;
	templates[template_count].name = strdup(name);
	templates[template_count].text = text;
	template_count++;
	return true;
}

static bool load_directory(const char *dir, const char *prefix)
{
	DIR *handle = opendir(dir);
	if (handle == NULL)
		return false;
	bool ok = true;
	struct dirent *entry;
	while (ok && (entry = readdir(handle)) != NULL) {
		const char *name = entry->d_name;
		if (name[0] == '.' || strcmp(name, "static") == 0)
			continue;
		char path[4096], relative[1024];
		int path_len = snprintf(path, sizeof path, "%s/%s", dir, name);
		int relative_len = snprintf(relative, sizeof relative, "%s%s", prefix, name);
		if (path_len < 0 || (size_t)path_len >= sizeof path || relative_len < 0 ||
		    (size_t)relative_len >= sizeof relative - 1)
			continue;
		struct stat info;
		if (stat(path, &info) != 0)
			continue;
		if (S_ISDIR(info.st_mode)) {
			relative[relative_len] = '/';
			relative[relative_len + 1] = '\0';
			ok = load_directory(path, relative);
		} else if (strlen(name) > 3 && strcmp(name + strlen(name) - 3, ".cs") == 0) {
			ok = add_template(path, relative);
			if (!ok)
				log_error("cannot read template %s", path);
		}
	}
	closedir(handle);
	return ok;
}

static void read_asset_version(const char *dir)
{
	static const char *const assets[] = { "static/app.css", "static/app.js",
					      "static/govuk-frontend.min.js" };
	long long newest = 0;
	for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {
		char path[4096];
		struct stat info;
		int len = snprintf(path, sizeof path, "%s/%s", dir, assets[i]);
		if (len > 0 && (size_t)len < sizeof path && stat(path, &info) == 0 &&
		    info.st_mtime > newest)
			newest = (long long)info.st_mtime;
	}
	snprintf(asset_version, sizeof asset_version, "%llx", newest);
}

bool view_load_templates(const char *dir)
{
	view_free_templates();
	read_asset_version(dir);
	return load_directory(dir, "") && template_count > 0;
}

static void forget_parsed_pages(void);

void view_free_templates(void)
{
	forget_parsed_pages();
	for (size_t i = 0; i < template_count; i++) {
		free(templates[i].name);
		free(templates[i].text);
	}
	free(templates);
	templates = NULL;
	template_count = 0;
}

static NEOERR *load_from_cache(void *context, HDF *hdf, const char *filename, char **contents)
{
	for (size_t i = 0; i < template_count; i++)
		if (strcmp(templates[i].name, filename) == 0) {
			/* ClearSilver takes ownership of the buffer it parses */
			*contents = strdup(templates[i].text);
			return *contents ? STATUS_OK
					 : nerr_raise(NERR_NOMEM, "no memory for %s", filename);
		}
	return nerr_raise(NERR_NOT_FOUND, "no template %s", filename);
}

static void log_neoerr(NEOERR **err, const char *what)
{
	STRING message;
	string_init(&message);
	nerr_error_string(*err, &message);
	log_error("%s: %s", what, message.buf ? message.buf : "unknown ClearSilver error");
	string_clear(&message);
	nerr_ignore(err);
}

HDF *view_data(struct request *req)
{
	if (req->view != NULL)
		return req->view;
	HDF *hdf = NULL;
	NEOERR *err = hdf_init(&hdf);
	if (err != STATUS_OK) {
		log_neoerr(&err, "hdf_init");
		abort();
	}
	req->view = hdf;
	const char *base = req->config->base_path;
	hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	hdf_set_value(hdf, "App.Name", "Referrals");
	hdf_set_value(hdf, "App.Base", base);
	hdf_set_value(hdf, "App.Static", arena_printf(req->arena, "%s/static", base));
	hdf_set_value(hdf, "App.AssetVersion", asset_version);
	hdf_set_value(hdf, "Page.Path", req->path);
	hdf_set_value(hdf, "Request.Id", req->id);
	return hdf;
}

void view_set(struct request *req, const char *name, const char *value)
{
	if (value != NULL)
		hdf_set_value(view_data(req), name, value);
}

/* Appends text to out, escaped for an HTML attribute value or element text. */
static char *append_escaped(char *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '&':
			memcpy(out, "&amp;", 5);
			out += 5;
			break;
		case '<':
			memcpy(out, "&lt;", 4);
			out += 4;
			break;
		case '>':
			memcpy(out, "&gt;", 4);
			out += 4;
			break;
		case '"':
			memcpy(out, "&quot;", 6);
			out += 6;
			break;
		case '\'':
			memcpy(out, "&#39;", 5);
			out += 5;
			break;
		default:
			*out++ = *p;
		}
	}
	return out;
}

void view_set_options(struct request *req, const char *name, const struct view_option *options,
		      size_t count, const char *selected)
{
	static const char open[] = "<option value=\"", chosen[] = "\" selected>",
			  close[] = "</option>";
	size_t size = 1;
	for (size_t i = 0; i < count; i++) /* at most 6 bytes for each byte escaped */
		size += sizeof open + sizeof chosen + sizeof close +
			6 * (strlen(options[i].value) + strlen(options[i].text));
	char *html = arena_alloc(req->arena, size), *o = html;
	for (size_t i = 0; i < count; i++) {
		memcpy(o, open, sizeof open - 1);
		o = append_escaped(o + sizeof open - 1, options[i].value);
		bool is_selected = selected != NULL && strcmp(options[i].value, selected) == 0;
		const char *end = is_selected ? chosen : "\">";
		size_t end_len = is_selected ? sizeof chosen - 1 : 2;
		memcpy(o, end, end_len);
		o = append_escaped(o + end_len, options[i].text);
		memcpy(o, close, sizeof close - 1);
		o += sizeof close - 1;
	}
	*o = '\0';
	view_set(req, name, html);
}

/* The decimal text of value, written backwards from the end of buf. Pages set thousands of
 * numbers and names a second; printf's machinery cost more than setting them. */
static const char *decimal_text(char buf[24], long long value)
{
	unsigned long long magnitude =
		value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
	char *p = buf + 23;
	*p = '\0';
	do
		*--p = (char)('0' + magnitude % 10);
	while ((magnitude /= 10) != 0);
	if (value < 0)
		*--p = '-';
	return p;
}

void view_set_int(struct request *req, const char *name, long long value)
{
	char buf[24];
	hdf_set_value(view_data(req), name, decimal_text(buf, value));
}

/* prefix "." field, without printf (see decimal_text) */
static char *field_name(struct arena *arena, const char *prefix, const char *field)
{
	size_t prefix_len = strlen(prefix), field_len = strlen(field);
	char *name = arena_alloc(arena, prefix_len + field_len + 2);
	memcpy(name, prefix, prefix_len);
	name[prefix_len] = '.';
	memcpy(name + prefix_len + 1, field, field_len + 1);
	return name;
}

void view_set_field(struct request *req, const char *prefix, const char *field, const char *value)
{
	view_set(req, field_name(req->arena, prefix, field), value);
}

void view_set_field_int(struct request *req, const char *prefix, const char *field, long long value)
{
	view_set_int(req, field_name(req->arena, prefix, field), value);
}

HDF *view_node(struct request *req, const char *name)
{
	HDF *node = NULL;
	NEOERR *err = hdf_get_node(view_data(req), name, &node);
	if (err != STATUS_OK) { /* only out of memory: as for hdf_init, the worker stops */
		log_neoerr(&err, "hdf_get_node");
		abort();
	}
	return node;
}

HDF *view_item(HDF *list, size_t index)
{
	char buf[24];
	HDF *node = NULL;
	NEOERR *err = hdf_get_node(list, decimal_text(buf, (long long)index), &node);
	if (err != STATUS_OK) {
		log_neoerr(&err, "hdf_get_node");
		abort();
	}
	return node;
}

void view_node_set(HDF *node, const char *name, const char *value)
{
	if (value != NULL)
		hdf_set_value(node, name, value);
}

void view_node_set_int(HDF *node, const char *name, long long value)
{
	char buf[24];
	hdf_set_value(node, name, decimal_text(buf, value));
}

void view_add_error(struct request *req, const char *field, const char *message)
{
	HDF *errors = hdf_get_obj(view_data(req), "Errors");
	int index = 0;
	for (HDF *child = errors ? hdf_obj_child(errors) : NULL; child; child = hdf_obj_next(child))
		index++;
	view_set(req, arena_printf(req->arena, "Errors.%d.Field", index), field);
	view_set(req, arena_printf(req->arena, "Errors.%d.Message", index), message);
	view_set(req, arena_printf(req->arena, "ErrorFor.%s", field), message);
}

/* The signed-in user, the active organisation and the switcher's list, from the layout's
 * data the pipeline loaded (layout.c): rendering reads data and calls nothing below it. */
static void add_user(struct request *req)
{
	const struct layout *layout = req->layout;
	view_set(req, "Csrf", layout != NULL ? layout->csrf : "");
	if (layout == NULL || !layout->signed_in)
		return;
	view_set(req, "User.Name", layout->user_name);
	view_set(req, "User.Username", layout->username);
	view_set_int(req, "User.IsAdmin", layout->is_admin ? 1 : 0);
	view_set_int(req, "User.Unread", layout->unread);
	if (layout->org_id != 0) {
		view_set_int(req, "User.Org.Id", layout->org_id);
		view_set(req, "User.Org.Name", layout->org_name);
		view_set_int(req, "User.Org.Role", layout->org_role);
	}
	for (size_t i = 0; i < layout->org_count; i++) {
		const struct layout_org *org = &layout->orgs[i];
		view_set_int(req, arena_printf(req->arena, "User.Orgs.%zu.Id", i), org->id);
		view_set(req, arena_printf(req->arena, "User.Orgs.%zu.Name", i), org->name);
		if (org->id == layout->org_id)
			view_set_int(req, arena_printf(req->arena, "User.Orgs.%zu.Active", i), 1);
	}
}

static NEOERR *append_output(void *context, char *text)
{
	struct request *req = context;
	/* macro definitions and comments leave blank lines before <!DOCTYPE html>; drop them */
	if (req->body->len == 0)
		text += strspn(text, " \t\r\n");
	http_body_puts(req, text);
	return STATUS_OK;
}

/* Parsed pages: the layout with one page template included, parsed once per worker.
 * ClearSilver resolves include: while parsing, so a tree belongs to one page template; the
 * request's data is swapped in only for the render. Parsing is most of the cost of a page
 * (about four fifths), so this is what makes pages cheap. */
struct parsed_page {
	char *template;
	CSPARSE *parse;
	HDF *parse_data; /* what the tree was parsed with: escaping mode and Page.Template */
};

#define PARSED_PAGES_MAX 128
static struct parsed_page parsed_pages[PARSED_PAGES_MAX];
static size_t parsed_page_count;

static void forget_parsed_page(struct parsed_page *page)
{
	cs_destroy(&page->parse);
	hdf_destroy(&page->parse_data);
	free(page->template);
	*page = parsed_pages[--parsed_page_count];
	memset(&parsed_pages[parsed_page_count], 0, sizeof parsed_pages[0]);
}

static void forget_parsed_pages(void)
{
	while (parsed_page_count > 0)
		forget_parsed_page(&parsed_pages[0]);
}

static struct parsed_page *parsed_page_for(const char *template)
{
	for (size_t i = 0; i < parsed_page_count; i++)
		if (strcmp(parsed_pages[i].template, template) == 0)
			return &parsed_pages[i];
	if (parsed_page_count == PARSED_PAGES_MAX)
		forget_parsed_page(&parsed_pages[0]);
	struct parsed_page page = { 0 };
	NEOERR *err = hdf_init(&page.parse_data);
	if (err == STATUS_OK)
		err = hdf_set_value(page.parse_data, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(page.parse_data, "Page.Template", template);
	if (err == STATUS_OK)
		err = cs_init(&page.parse, page.parse_data);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(page.parse);
	if (err == STATUS_OK) {
		cs_register_fileload(page.parse, NULL, load_from_cache);
		err = cs_parse_file(page.parse, "layout.cs");
	}
	if (err != STATUS_OK) {
		log_neoerr(&err, template);
		cs_destroy(&page.parse);
		hdf_destroy(&page.parse_data);
		return NULL;
	}
	page.template = strdup(template);
	parsed_pages[parsed_page_count] = page;
	return &parsed_pages[parsed_page_count++];
}

static bool render_layout(struct request *req)
{
	HDF *data = view_data(req);
	const char *template = hdf_get_value(data, "Page.Template", "pages/error.cs");
	struct parsed_page *page = parsed_page_for(template);
	if (page == NULL)
		return false;
	CSPARSE *parse = page->parse;
	parse->hdf = data;
	parse->locals = NULL;
	NEOERR *err = cs_render(parse, req, append_output);
	parse->hdf = page->parse_data;
	parse->locals = NULL;
	if (err != STATUS_OK) {
		log_neoerr(&err, "render");
		/* a failed render may leave the tree's state half-way: parse it afresh next time */
		forget_parsed_page(page);
		return false;
	}
	return true;
}

void view_render(struct request *req, int status, const char *template, const char *title)
{
	add_user(req);
	view_set(req, "Page.Template", template);
	view_set(req, "Page.Title", title);
	req->body->len = 0;
	if (!render_layout(req)) {
		view_error(req, 500, NULL);
		return;
	}
	req->status = status;
	http_header_add(req, "Content-Type", "text/html; charset=utf-8");
}

struct error_text {
	int status;
	const char *title;
	const char *message;
};

static const struct error_text error_texts[] = {
	{ 400, "Sorry, that request was not understood",
	  "Something in the request was malformed. Go back, check what you entered and try "
	  "again." },
	{ 401, "Sign in first",
	  "You are not signed in, or your session has ended. Sign in, then try again." },
	{ 403, "You cannot do that",
	  "You do not have permission for this page or action, or the form had expired. "
	  "Go back, reload the page and try again." },
	{ 404, "Page not found", "If you typed the web address, check it is correct." },
	{ 405, "That action is not available here",
	  "This page does not accept that kind of request. Use the links and buttons on the "
	  "pages." },
	{ 409, "That has already changed",
	  "Someone else changed this at the same time. Reload the page to see where it stands "
	  "now." },
	{ 410, "That is no longer held",
	  "What this page was about has been removed from the service." },
	{ 413, "That was too large",
	  "The form or file sent was larger than this service accepts. Send less at a time." },
	{ 429, "Too many attempts", "Wait a few minutes before trying again." },
	{ 500, "Sorry, there is a problem with the service",
	  "Try again later. If it keeps happening, tell your administrator the reference below." },
	{ 503, "Sorry, the service is unavailable",
	  "Part of the service cannot be reached at the moment. Try again in a few minutes." },
};

static const struct error_text *error_text_for(int status)
{
	for (size_t i = 0; i < sizeof error_texts / sizeof error_texts[0]; i++)
		if (error_texts[i].status == status)
			return &error_texts[i];
	return &error_texts[0];
}

const char *view_error_title(int status)
{
	return error_text_for(status)->title;
}

void view_error(struct request *req, int status, const char *message)
{
	const struct error_text *text = error_text_for(status);
	view_set_int(req, "Error.Status", status);
	view_set(req, "Error.Title", text->title);
	view_set(req, "Error.Message", message ? message : text->message);
	view_set(req, "Page.Template", "pages/error.cs");
	view_set(req, "Page.Title", text->title);
	/* A signed-in user keeps the header (and Sign out) on a refusal; on a server error the
	 * session's own data may be what failed, so those pages show no user at all. */
	if (req->layout != NULL && req->layout->signed_in && status < 500)
		add_user(req);
	else
		view_set(req, "Csrf", "");
	req->body->len = 0;
	req->status = status;
	http_header_add(req, "Content-Type", "text/html; charset=utf-8");
	if (!render_layout(req)) {
		/* The templates themselves failed: a fixed page with nothing from the request. */
		req->body->len = 0;
		http_body_puts(
			req,
			"<!DOCTYPE html><html lang=\"en\"><head><title>Referrals</title></head>"
			"<body><h1>Sorry, there is a problem with the service</h1></body></html>");
	}
}

void view_end_request(struct request *req)
{
	if (req->view != NULL) {
		HDF *hdf = req->view;
		hdf_destroy(&hdf);
		req->view = NULL;
	}
}
