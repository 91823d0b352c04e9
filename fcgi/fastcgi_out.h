/* A whole response written as FastCGI stdout records with as few system calls as the
 * protocol allows: libfcgi copies a response through an 8 KB buffer and writes one record
 * each time the buffer fills, 8 writes (and 8 wake-ups of nginx) for a 60 kB list page. */
#ifndef REFERRALS_FASTCGI_OUT_H
#define REFERRALS_FASTCGI_OUT_H

#include <stdbool.h>
#include <stddef.h>

/* The most content one record carries: the protocol's 16-bit length, rounded down to a
 * multiple of 8 so that every record but the last needs no padding. */
#define FASTCGI_RECORD_CONTENT_MAX 65528

/* head then body (either may be empty) as the content of consecutive FCGI_STDOUT records of
 * request_id on fd, many records to one writev. It writes no closing record: libfcgi's
 * FCGX_Finish_r still ends the stream and the request. False when fd failed (the client
 * went away): the caller has nothing more to send. */
bool fastcgi_write_stdout(int fd, int request_id, const char *head, size_t head_len,
			  const char *body, size_t body_len);

#endif
