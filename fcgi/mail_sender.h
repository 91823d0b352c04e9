/* The e-mail sender: claims due outbox rows, sends each over SMTP through libcurl, records the
 * outcome (retry with back-off on a connection failure or a 4xx answer, failed after
 * Mail.FailAfterMinutes or on a 5xx answer), and gathers the daily digests. The master runs it
 * as a child process and starts it again if it dies (master.c); `referrals send-mail --once`
 * runs one round (tests, or a cron job on a host without the master). */
#ifndef REFERRALS_MAIL_SENDER_H
#define REFERRALS_MAIL_SENDER_H

#include <stdbool.h>

struct config;

/* Runs until SIGTERM (once: one round, then returns). now_utc ("YYYY-MM-DD HH:MM:SS", UTC, or
 * NULL for the clock) sets the clock of the digests. Returns the exit status. */
int mail_sender_run(const struct config *config, bool once, const char *now_utc);

#endif
