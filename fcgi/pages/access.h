/* The pages' side of the access log (issue 15, point 1; the log itself is
 * fcgi/model/access_log.h): the one-line hook a page calls when it shows a client's data,
 * the worker's write after the response, and the profile's "Access history" and "Sharing
 * history" sections. */
#ifndef REFERRALS_PAGES_ACCESS_H
#define REFERRALS_PAGES_ACCESS_H

#include <stdbool.h>

#include "../http.h"
#include "../model/access_log.h"

/* The page is showing subject (a client, referral or file by kind) to the signed-in person.
 * Written only if the answer turns out 2xx. */
void page_access(struct request *req, enum access_kind kind, long long subject_id);
/* The worker, after the response was sent: writes what the request noted. */
void page_access_flush(struct request *req);
/* The profile's Access history and Sharing history (HDF Access.*, Sharing.*); false when the
 * database failed (the error page is set). */
bool page_access_sections(struct request *req, long long client_id);

#endif
