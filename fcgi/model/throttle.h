/* Failed sign-ins counted per account and per address within a window (settings). */
#ifndef REFERRALS_MODEL_THROTTLE_H
#define REFERRALS_MODEL_THROTTLE_H

#include <stdbool.h>

#include "../db.h"

/* *blocked when either the account or the address has reached its limit in the window. */
enum db_status throttle_check(struct arena *arena, const char *account, const char *address,
			      bool *blocked);
enum db_status throttle_record_failure(struct arena *arena, const char *account, const char *address);
/* A successful sign-in clears the account's count (not the address's). */
enum db_status throttle_clear_account(struct arena *arena, const char *account);

#endif
