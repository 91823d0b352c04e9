/* One e-mail as sent: RFC 5322 headers (From, To, Subject, Date, Message-ID,
 * List-Unsubscribe), a plain-text part and a simple HTML part, both quoted-printable UTF-8.
 * Pure: no database, no network (unit-tested). The text comes from the outbox, which holds no
 * personal data; links are made absolute with the configured public address. */
#ifndef REFERRALS_MAIL_COMPOSE_H
#define REFERRALS_MAIL_COMPOSE_H

#include <time.h>

struct arena;

struct mail_message {
	const char *from;     /* address */
	const char *to;	      /* address */
	const char *base_url; /* "https://example.org/referrals" (no trailing slash needed) */
	const char *kind;     /* "digest": body holds "subject\tlink" lines */
	const char *subject;
	const char *body;
	const char *link; /* a path inside the application, or "" */
	long long id;	  /* the outbox row: makes the Message-ID */
	time_t date;
};

/* The whole message, CRLF line ends; NULL when an address would break a header. */
char *mail_compose(struct arena *arena, const struct mail_message *m);

/* The preferences page, where List-Unsubscribe points (a path inside the application). */
#define MAIL_PREFERENCES_PATH "/preferences"

#endif
