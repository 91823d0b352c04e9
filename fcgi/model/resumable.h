/* Forms posted after a session timed out, parked until the same person signs in again. */
#ifndef REFERRALS_MODEL_RESUMABLE_H
#define REFERRALS_MODEL_RESUMABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "../crypto.h"
#include "../db.h"

/* The staff member and form token of a session that has timed out (kept a day after). */
enum db_status resumable_expired_session(struct arena *arena,
					 const uint8_t token_hash[SHA256_DIGEST_BYTES],
					 long long *staff_id, const char **csrf_token, bool *found);
enum db_status resumable_park(struct arena *arena, const uint8_t token_hash[SHA256_DIGEST_BYTES],
			      long long staff_id, const char *path, const char *body);
/* Takes (and deletes) the parked form if it belongs to staff_id and is under an hour old. */
enum db_status resumable_take(struct arena *arena, const uint8_t token_hash[SHA256_DIGEST_BYTES],
			      long long staff_id, const char **path, const char **body,
			      bool *found);

#endif
