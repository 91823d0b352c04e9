/* One line per request and errors tagged with the same request id, on stderr for journald. */
#ifndef REFERRALS_LOG_H
#define REFERRALS_LOG_H

/* The id errors are tagged with until the next call (NULL outside a request). */
void log_set_request(const char *request_id);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
