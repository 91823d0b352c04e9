/* The e-mail sender loop and its one SMTP conversation per message (libcurl). */
#include "mail_sender.h"

#include <curl/curl.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "mail_compose.h"
#include "model/outbox.h"

#define CLAIM_BATCH 10

static volatile sig_atomic_t stopping;
/* One handle for the sender's life: libcurl keeps its connection to the relay open between
 * messages (a backlog of thousands after an outage goes out over a few connections). */
static CURL *curl;

static void on_term(int signal_number)
{
	(void)signal_number;
	stopping = 1;
}

struct upload {
	const char *data;
	size_t left;
};

static size_t read_body(char *buffer, size_t size, size_t items, void *context)
{
	struct upload *u = context;
	size_t n = size * items < u->left ? size * items : u->left;
	memcpy(buffer, u->data, n);
	u->data += n;
	u->left -= n;
	return n;
}

enum outcome { SENT, TRY_AGAIN, PERMANENT };

/* One SMTP conversation; *reason says why when not SENT. */
static enum outcome smtp_send(struct arena *arena, const struct config_mail *c, const char *to,
			      const char *message, const char **reason)
{
	if (curl == NULL)
		curl = curl_easy_init();
	if (curl == NULL) {
		*reason = "libcurl could not start";
		return TRY_AGAIN;
	}
	curl_easy_reset(curl);
	char error[CURL_ERROR_SIZE] = "";
	struct upload body = { message, strlen(message) };
	struct curl_slist *rcpt = curl_slist_append(NULL, arena_printf(arena, "<%s>", to));
	curl_easy_setopt(curl, CURLOPT_URL,
			 arena_printf(arena, "%s://%s:%u",
				      c->security == MAIL_TLS ? "smtps" : "smtp", c->host,
				      c->port));
	if (c->security == MAIL_STARTTLS)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (c->ca_file != NULL)
		curl_easy_setopt(curl, CURLOPT_CAINFO, c->ca_file);
	if (c->user != NULL) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, c->password != NULL ? c->password : "");
	}
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, arena_printf(arena, "<%s>", c->from));
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_body);
	curl_easy_setopt(curl, CURLOPT_READDATA, &body);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)c->timeout);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
	CURLcode rc = curl_easy_perform(curl);
	long code = 0, connects = 1;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
	if (rc != CURLE_OK && connects == 0) {
		/* It failed on the connection kept from an earlier message, which the relay may
		 * have closed meanwhile (a restarted Exim answers 421 on it): once more on a new
		 * one, so a stale connection never costs a message a back-off. The relay did not
		 * accept the message (no 250 to its text), so this sends it no more often than a
		 * retry would. */
		body = (struct upload){ message, strlen(message) };
		error[0] = '\0';
		code = 0;
		curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
		rc = curl_easy_perform(curl);
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	}
	curl_slist_free_all(rcpt);
	if (rc == CURLE_OK)
		return SENT;
	*reason = arena_printf(arena, "%s%s%s (SMTP %ld)", curl_easy_strerror(rc),
			       error[0] ? ": " : "", error, code);
	/* A 5xx answer will not change by asking again; no answer or 4xx may. A refused login
	 * (535) is the account's fault, not this message's: it waits for the operator to put
	 * Mail.User or Mail.Password right (and fails after FailAfterMinutes, like an outage). */
	return code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED ? PERMANENT : TRY_AGAIN;
}

static long long backoff(const struct config_mail *c, long long attempts)
{
	long long delay = c->retry_seconds;
	for (long long i = 0; i < attempts && delay < c->retry_max_seconds; i++)
		delay *= 2;
	return delay < c->retry_max_seconds ? delay : c->retry_max_seconds;
}

/* Records the outcome of a message, again and again while the database is away (the lease
 * keeps the message ours meanwhile): an e-mail sent but not recorded would be sent again when
 * the lease ends. False when it could not be recorded within half the lease.
 *
 * Delivery is at least once: SMTP has no way to make "the relay accepted it" and "the outbox
 * says sent" one step. A sender that dies (or loses the database for half the lease) between
 * the relay's 250 and this record leaves the row claimed; when the lease ends, one sender
 * claims it again and sends it once more. So each such crash gives at most one extra copy,
 * and the copy has the same Message-ID and Date (deliver), which receiving systems and mail
 * programs use to recognise a duplicate (man page, "E-mail"). */
static bool record(struct arena *arena, const struct config *config, const char *token,
		   const struct outbox_mail *mail, enum outcome outcome, const char *reason,
		   long long lease)
{
	const struct config_mail *c = &config->mail;
	long long delay = backoff(c, mail->attempts);
	bool fail = outcome == PERMANENT ||
		    mail->age_seconds + delay > (long long)c->fail_after_minutes * 60;
	if (outcome != SENT)
		log_error("mail %lld: %s%s", mail->id, reason, fail ? "; failed" : "; will retry");
	for (long long waited = 0; waited < lease / 2 && !stopping; waited++) {
		enum db_status status = db_ready();
		if (status == DB_OK)
			status = outcome == SENT
					 ? outbox_sent(arena, mail->id, token)
					 : outbox_retry(arena, mail, token, delay, fail, reason);
		if (status == DB_OK)
			return true;
		if (waited == 0)
			log_error("mail %lld: recording the outcome failed (%d); trying again",
				  mail->id, (int)status);
		sleep(1);
	}
	return false;
}

/* Sends one claimed message and records what happened; false when the outcome could not be
 * recorded (the batch then stops: the database is away). */
static bool deliver(struct arena *arena, const struct config *config, const char *token,
		    const struct outbox_mail *mail, long long lease)
{
	const struct config_mail *c = &config->mail;
	/* Date is when the change was made (the row's created_at, UTC), not when this attempt
	 * runs: a message sent again after a crash (record) is the same message, with the same
	 * Date and Message-ID, so a receiving system may see it is a copy. */
	time_t date = time(NULL);
	struct tm made = { 0 };
	if (mail->created_at != NULL &&
	    strptime(mail->created_at, "%Y-%m-%d %H:%M:%S", &made) != NULL)
		date = timegm(&made);
	struct mail_message m = { .from = c->from,
				  .to = mail->to,
				  .base_url = c->base_url,
				  .kind = mail->kind,
				  .subject = mail->subject,
				  .body = mail->body,
				  .link = mail->link,
				  .id = mail->id,
				  .date = date };
	char *message = mail->to != NULL ? mail_compose(arena, &m) : NULL;
	const char *reason = "the recipient has no usable e-mail address";
	enum outcome outcome =
		message != NULL ? smtp_send(arena, c, mail->to, message, &reason) : PERMANENT;
	return record(arena, config, token, mail, outcome, reason, lease);
}

/* The local date and hour of now_utc (or of the clock) in Referrals.TimeZone. */
static void local_clock(struct arena *arena, const char *now_utc, const char **date, int *hour)
{
	time_t now = time(NULL);
	struct tm tm = { 0 };
	if (now_utc != NULL && strptime(now_utc, "%Y-%m-%d %H:%M:%S", &tm) != NULL)
		now = timegm(&tm);
	localtime_r(&now, &tm);
	*date = arena_printf(arena, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	*hour = tm.tm_hour;
}

/* One round: the digests due, then every due row in batches. Returns the rows handled. */
static size_t round_once(struct arena *arena, const struct config *config, const char *now_utc)
{
	const char *date;
	int hour;
	local_clock(arena, now_utc, &date, &hour);
	long long digests = 0;
	if (outbox_digests(arena, date, hour, &digests) != DB_OK)
		log_error("mail: gathering the digests failed");
	size_t handled = 0;
	while (!stopping) {
		char token[TOKEN_HEX_LEN + 1];
		uint8_t bytes[16];
		crypto_random(bytes, sizeof bytes);
		crypto_hex(bytes, sizeof bytes, token);
		struct outbox_mail *mails;
		size_t count = 0;
		/* the lease outlasts a whole batch of slow conversations */
		long long lease = (long long)config->mail.timeout * (CLAIM_BATCH + 1);
		if (outbox_claim(arena, token, lease, CLAIM_BATCH, &mails, &count) != DB_OK) {
			log_error("mail: claiming from the outbox failed");
			break;
		}
		bool recorded = true;
		size_t tried = 0;
		for (; tried < count && recorded && !stopping; tried++)
			recorded = deliver(arena, config, token, &mails[tried], lease);
		if (tried < count && outbox_release(arena, token) != DB_OK)
			log_error(
				"mail: giving back %zu claimed messages failed; they wait for the "
				"lease to end",
				count - tried);
		handled += count;
		arena_reset(arena);
		/* rows of the batch not tried wait for the lease to end */
		if (count < CLAIM_BATCH || !recorded)
			break;
	}
	return handled;
}

int mail_sender_run(const struct config *config, bool once, const char *now_utc)
{
	if (config->mail.host == NULL) {
		log_error("mail: Referrals.Mail.Host is not set; nothing is sent");
		return once ? 1 : 0;
	}
	struct sigaction action = { 0 };
	action.sa_handler = on_term;
	sigemptyset(&action.sa_mask);
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGINT, &action, NULL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	db_configure(&config->database);
	struct arena *arena = arena_new(64 * 1024);
	log_info("mail: sender %d sending through %s:%u", (int)getpid(), config->mail.host,
		 config->mail.port);
	do {
		if (db_ready() == DB_OK)
			round_once(arena, config, now_utc);
		arena_reset(arena);
		/* sleep() returns early on SIGTERM */
		for (unsigned s = 0; !once && !stopping && s < config->mail.poll_seconds; s++)
			sleep(1);
	} while (!once && !stopping);
	arena_free(arena);
	db_disconnect();
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl = NULL;
	curl_global_cleanup();
	return 0;
}
