/* An organisation's number in referral_generations (sql/080_referral_generations.sql), which
 * triggers move whenever something its dashboard or lists count changes: what a worker's
 * copies of counts are checked against. The session statement reads the active
 * organisation's with the session, so a page of it needs no statement of its own for it. */
#ifndef REFERRALS_MODEL_REFERRAL_GENERATION_H
#define REFERRALS_MODEL_REFERRAL_GENERATION_H

#include "../db.h"

/* A number read earlier in this request, of org_id (0: none was read). */
struct referral_generation {
	long long org_id;
	unsigned long long number;
};

/* org_id's number: known's when it is of org_id, else read (one point lookup). An
 * organisation without a row is at 0. org_id 0, every organisation: a number that moves
 * whenever any organisation's does (the sum of them all). */
enum db_status referral_generation_read(struct arena *arena, long long org_id,
					const struct referral_generation *known,
					unsigned long long *number);

#endif
