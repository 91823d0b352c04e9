/* Sign-in attempts counted per account and per address within a window (settings
 * signin_account_max_failures, signin_address_max_failures, signin_window_minutes).
 *
 * The account is the directory's: first the typed name folded the way the directory
 * compares names (fcgi/name_fold.h), then, once the search has found it, the entry (its
 * DN). So "tina", "ＴＩＮＡ" and "tİna" share one lock-out.
 *
 * An attempt is counted before the password is tried, not after it failed: checking the
 * limit and counting are one locked step, so parallel attempts cannot overrun the limit (at
 * most signin_account_max_failures passwords a window reach the directory). A right password
 * takes its attempt back, and so does a directory that could not be asked. */
#ifndef REFERRALS_MODEL_THROTTLE_H
#define REFERRALS_MODEL_THROTTLE_H

#include <stdbool.h>

#include "../db.h"

struct throttle_attempt {
	const char *account; /* the typed name, folded */
	const char *entry;   /* the directory entry's DN, normalised; NULL until found */
	const char *address;
	bool counted;	    /* against account and address */
	bool entry_counted; /* against entry */
};

/* Counts the attempt against the folded name and the address, or sets *blocked (counting
 * nothing) when either has reached its limit in the window. */
enum db_status throttle_begin(struct arena *arena, struct throttle_attempt *attempt,
			      const char *username, const char *address, bool *blocked);
/* Counts it against the directory entry found for the name, or sets *blocked. */
enum db_status throttle_entry(struct arena *arena, struct throttle_attempt *attempt, const char *dn,
			      bool *blocked);
/* The directory could not be asked: the attempt is not counted after all. */
enum db_status throttle_cancel(struct arena *arena, struct throttle_attempt *attempt);
/* The password was right: the name's and the entry's counts are cleared, and the address
 * loses this attempt (it counts failures only). */
enum db_status throttle_succeeded(struct arena *arena, struct throttle_attempt *attempt);

#endif
