/* Composing an e-mail from an outbox row: headers, a text part and an HTML part. */
#include "mail_compose.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"

/* A growing buffer in the arena. */
struct text {
	struct arena *arena;
	char *data;
	size_t len, cap;
};

static void put_n(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->cap + n + 1) * 2;
		char *grown = arena_alloc(t->arena, cap);
		if (t->len > 0)
			memcpy(grown, t->data, t->len);
		t->data = grown;
		t->cap = cap;
	}
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

static void put(struct text *t, const char *s)
{
	put_n(t, s, strlen(s));
}

/* Quoted-printable (RFC 2045): lines of at most 76, '\n' becomes CRLF. */
static void put_qp(struct text *t, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t column = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n') {
			put(t, "\r\n");
			column = 0;
			continue;
		}
		char out[4];
		size_t n;
		bool plain = (*p >= 33 && *p <= 126 && *p != '=') ||
			     (*p == ' ' && p[1] != '\n' && p[1] != '\0');
		if (plain) {
			out[0] = (char)*p;
			n = 1;
		} else {
			out[0] = '=';
			out[1] = hex[*p >> 4];
			out[2] = hex[*p & 15];
			n = 3;
		}
		if (column + n > 75) {
			put(t, "=\r\n");
			column = 0;
		}
		put_n(t, out, n);
		column += n;
	}
}

/* A header's text: as is when printable ASCII, else RFC 2047 base64 words. Newlines never
 * reach a header (they would start a header of their own). */
static void put_header_text(struct text *t, const char *s)
{
	bool ascii = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		ascii = ascii && *p >= 32 && *p < 127;
	if (ascii) {
		put(t, s);
		return;
	}
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;
	while (i < len) {
		/* 45 bytes a word (60 characters), not splitting a UTF-8 sequence */
		size_t n = len - i > 45 ? 45 : len - i;
		while (n > 0 && i + n < len && (p[i + n] & 0xC0) == 0x80)
			n--;
		put(t, i == 0 ? "=?UTF-8?B?" : "\r\n =?UTF-8?B?");
		for (size_t k = 0; k < n; k += 3) {
			unsigned v = (unsigned)p[i + k] << 16;
			if (k + 1 < n)
				v |= (unsigned)p[i + k + 1] << 8;
			if (k + 2 < n)
				v |= p[i + k + 2];
			char q[5] = { b64[v >> 18 & 63], b64[v >> 12 & 63],
				      k + 1 < n ? b64[v >> 6 & 63] : '=',
				      k + 2 < n ? b64[v & 63] : '=', 0 };
			put(t, q);
		}
		put(t, "?=");
		i += n;
	}
}

static void put_html_escaped(struct text *t, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			put(t, "&lt;");
			break;
		case '>':
			put(t, "&gt;");
			break;
		case '&':
			put(t, "&amp;");
			break;
		case '"':
			put(t, "&quot;");
			break;
		case '\'':
			put(t, "&#39;");
			break;
		default:
			put_n(t, s, 1);
		}
	}
}

/* An address fit for a header and the SMTP envelope: no spaces, controls, <>, or quotes. */
static bool safe_address(const char *a)
{
	if (a == NULL || strchr(a, '@') == NULL)
		return false;
	for (const unsigned char *p = (const unsigned char *)a; *p; p++)
		if (*p <= 32 || *p >= 127 || strchr("<>\"(),;:\\", *p) != NULL)
			return false;
	return true;
}

static const char *absolute(struct arena *arena, const char *base, const char *path)
{
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	return arena_printf(arena, "%.*s%s", (int)n, base, path);
}

/* The text part: the message, its link, and where to change what arrives. */
static char *text_part(struct arena *arena, const struct mail_message *m, const char *prefs)
{
	struct text t = { .arena = arena };
	put(&t, m->subject);
	put(&t, "\n\n");
	if (strcmp(m->kind, "digest") == 0) {
		const char *line = m->body;
		while (*line) {
			const char *tab = strchr(line, '\t'), *end = strchr(line, '\n');
			if (end == NULL)
				end = line + strlen(line);
			if (tab == NULL || tab > end)
				tab = end;
			put(&t, "- ");
			put_n(&t, line, (size_t)(tab - line));
			put(&t, "\n");
			if (tab < end && tab + 1 < end) {
				char *path =
					arena_printf(arena, "%.*s", (int)(end - tab - 1), tab + 1);
				put(&t, "  ");
				put(&t, absolute(arena, m->base_url, path));
				put(&t, "\n");
			}
			line = *end ? end + 1 : end;
		}
	} else if (m->body[0] != '\0') {
		put(&t, m->body);
		put(&t, "\n");
	}
	if (m->link[0] != '\0') {
		put(&t, "\nOpen it in Referrals: ");
		put(&t, absolute(arena, m->base_url, m->link));
		put(&t, "\n");
	}
	put(&t, "\n-- \nYou receive this because of your e-mail choices in Referrals.\n"
		"Change them: ");
	put(&t, prefs);
	put(&t, "\n");
	return t.data;
}

static char *html_part(struct arena *arena, const struct mail_message *m, const char *prefs)
{
	struct text t = { .arena = arena };
	put(&t, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
	put_html_escaped(&t, m->subject);
	put(&t, "</title></head>\n<body style=\"font-family: Arial, sans-serif\">\n<h1 "
		"style=\"font-size: 20px\">");
	put_html_escaped(&t, m->subject);
	put(&t, "</h1>\n");
	if (strcmp(m->kind, "digest") == 0) {
		put(&t, "<ul>\n");
		const char *line = m->body;
		while (*line) {
			const char *tab = strchr(line, '\t'), *end = strchr(line, '\n');
			if (end == NULL)
				end = line + strlen(line);
			if (tab == NULL || tab > end)
				tab = end;
			char *subject = arena_printf(arena, "%.*s", (int)(tab - line), line);
			put(&t, "<li>");
			if (tab < end && tab + 1 < end) {
				char *path =
					arena_printf(arena, "%.*s", (int)(end - tab - 1), tab + 1);
				put(&t, "<a href=\"");
				put_html_escaped(&t, absolute(arena, m->base_url, path));
				put(&t, "\">");
				put_html_escaped(&t, subject);
				put(&t, "</a>");
			} else {
				put_html_escaped(&t, subject);
			}
			put(&t, "</li>\n");
			line = *end ? end + 1 : end;
		}
		put(&t, "</ul>\n");
	} else if (m->body[0] != '\0') {
		put(&t, "<p>");
		put_html_escaped(&t, m->body);
		put(&t, "</p>\n");
	}
	if (m->link[0] != '\0') {
		put(&t, "<p><a href=\"");
		put_html_escaped(&t, absolute(arena, m->base_url, m->link));
		put(&t, "\">Open it in Referrals</a></p>\n");
	}
	put(&t, "<hr>\n<p style=\"font-size: 13px\">You receive this because of your e-mail "
		"choices in Referrals. <a href=\"");
	put_html_escaped(&t, prefs);
	put(&t, "\">Change them</a>.</p>\n</body></html>\n");
	return t.data;
}

char *mail_compose(struct arena *arena, const struct mail_message *m)
{
	if (!safe_address(m->from) || !safe_address(m->to))
		return NULL;
	const char *prefs = absolute(arena, m->base_url, MAIL_PREFERENCES_PATH);
	char date[64];
	struct tm utc;
	gmtime_r(&m->date, &utc);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &utc);
	const char *domain = strchr(m->from, '@') + 1;
	const char *boundary =
		arena_printf(arena, "=_referrals_%lld_%lld", m->id, (long long)m->date);
	struct text t = { .arena = arena };
	put(&t,
	    arena_printf(arena, "From: Referrals <%s>\r\nTo: <%s>\r\nSubject: ", m->from, m->to));
	put_header_text(&t, m->subject);
	put(&t, arena_printf(arena,
			     "\r\nDate: %s\r\nMessage-ID: <outbox-%lld@%s>\r\n"
			     "List-Unsubscribe: <%s>\r\nAuto-Submitted: auto-generated\r\n"
			     "MIME-Version: 1.0\r\n"
			     "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n",
			     date, m->id, domain, prefs, boundary));
	put(&t, arena_printf(arena,
			     "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n"
			     "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
			     boundary));
	put_qp(&t, text_part(arena, m, prefs));
	put(&t, arena_printf(arena,
			     "\r\n--%s\r\nContent-Type: text/html; charset=utf-8\r\n"
			     "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
			     boundary));
	put_qp(&t, html_part(arena, m, prefs));
	put(&t, arena_printf(arena, "\r\n--%s--\r\n", boundary));
	return t.data;
}
