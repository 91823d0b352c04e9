/* A typed username folded the way the directory compares names (LDAP caseIgnoreMatch as
 * slapd prepares it): each character to lower case, then Unicode NFKC, then leading and
 * trailing spaces dropped and runs of spaces made one. "ＴＩＮＡ", "tİna" and "tina" all
 * fold to "tina", as the directory finds one entry for all three; the sign-in throttle
 * counts failures against this form so that other spellings share one lock-out. */
#ifndef REFERRALS_NAME_FOLD_H
#define REFERRALS_NAME_FOLD_H

#include <stddef.h>

struct arena;

/* The folded name in arena, at most max_bytes long (cut at a character boundary). Bytes
 * that are not UTF-8 stand for U+FFFD. Never NULL. */
char *name_fold(struct arena *arena, const char *typed, size_t max_bytes);

#endif
