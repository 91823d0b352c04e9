/* Closure reasons: the configured reasons a referral is closed with, kept in order and
 * retired rather than deleted. Routes in ADMIN_ROUTES (admin.h). */
#ifndef REFERRALS_PAGES_ADMIN_CLOSURE_REASONS_H
#define REFERRALS_PAGES_ADMIN_CLOSURE_REASONS_H

#include "../http.h"

void page_closure_reasons(struct request *req);
void page_closure_reason_add(struct request *req);
void page_closure_reason_edit(struct request *req);
void page_closure_reason_save(struct request *req);
void page_closure_reason_retire(struct request *req);
void page_closure_reason_restore(struct request *req);
void page_closure_reason_move(struct request *req);

#endif
