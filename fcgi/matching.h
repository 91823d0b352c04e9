/* Finding an existing client when a referral starts: the keys that exact and close matching
 * compare, and the rules that say whether a typed person and a stored client may be the same. */
#ifndef REFERRALS_MATCHING_H
#define REFERRALS_MATCHING_H

#include <stdbool.h>
#include <stddef.h>

#include "validate.h"

/* How the find step uses this module (PRODUCT.md "Clients"):
 * - Exact matches look across ALL clients, so the database does the finding: it stores
 *   match_name_key() of each client's first and last names beside the names, and the model
 *   selects clients whose two keys and date of birth equal the typed ones. Store the keys in a
 *   binary collation (utf8mb4_bin): they are already folded, and a _ci collation would fold
 *   differently from this file (ß, æ, ø).
 * - Close matches come only from the clients the active organisation can already see. The
 *   model selects, among those, the ones born on the typed date or on its day/month swap
 *   (match_swapped_dob), or whose two name keys equal the typed ones; then match_compare()
 *   decides about each. A pool that small needs no phonetic index, but storing
 *   match_phonetic_key() of each name lets a later search use one.
 * - A key never needs more bytes than the name it comes from (plus the NUL), so a name that
 *   passed valid_person_name() always fits in MATCH_KEY_SIZE. */
#define MATCH_KEY_SIZE VALID_NAME_SIZE
#define MATCH_PHONETIC_SIZE 11 /* Caverphone 2.0: ten characters and the NUL */

/* ---- keys ---- */

/* The key exact matching compares, so that what staff type finds what another organisation
 * typed, whatever the keyboard, the case or the accents:
 * - spaces, tabs, hyphens and dashes (- ‐ ‑ ‒ – — −), full stops and other punctuation all
 *   separate words: leading and trailing ones go, and each run becomes one space. So
 *   "Anne-Marie", "Anne Marie" and " anne  marie " are all "anne marie";
 * - apostrophes (' ’ ‘ ʼ ′ ` ´) are dropped, and so are soft hyphens and zero-width spaces:
 *   "O'Brien", "O’Brien" and "OBrien" are all "obrien";
 * - Latin letters lose case and accents, as Unicode decomposition would, and letters that do
 *   not decompose are spelled out: é→e, ñ→n, ø→o, ł→l, đ→d, ı→i, ß→ss, æ→ae, œ→oe, þ→th,
 *   ĳ→ij (Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional, which
 *   holds Vietnamese, and full-width forms). Combining accents typed separately (decomposed
 *   input) are dropped too, and so are Hebrew points and Arabic vowel marks and tatweel;
 * - Greek, Cyrillic and Armenian letters are folded to small letters, Greek and Cyrillic
 *   without their accents (ά→α, ё→е, й→и, as decomposition gives), final sigma to sigma;
 * - every other letter (Arabic, Hebrew, CJK, Devanagari ...) passes through unchanged.
 * Returns false when the key did not fit in size bytes: out then holds as much of it as fits,
 * cut between characters. Bytes that are not UTF-8 are skipped; NULL counts as "". */
bool match_name_key(const char *name, char *out, size_t size);

/* A phonetic code of a name for "sounds alike": Caverphone 2.0 (David Hood, Caversham
 * Project, University of Otago, 2004) of the name's key, its Latin letters run together,
 * padded with '1' to ten characters. "Catherine", "Katherine" and "Kathryn" are all
 * KTRN111111; Steven/Stephen are STFN, Jon/John YN, Smith/Smyth SMT,
 * Mohammed/Muhammad/Mohamed MMT, Sean/Shaun SN, Philip/Phillip FLP, Christine/Kristine KRSTN.
 * Limits:
 * - it was made for English (New Zealand) names and knows English spellings only: a soft G
 *   is not a J (Geoffrey KFRA, Jeffrey YFRA), a C before i is an S (Ciara SRA, Kiera KRA),
 *   and Irish or Welsh spellings are read as English ones (Siobhan SPN);
 * - every vowel after the first letter is dropped, so different names share codes (Sean and
 *   Shane SN, Mohammed and Mahmood MMT, Clare and Chloe KLA, Oliver and Olivia ALFA): a code
 *   is a reason to look, never a match on its own;
 * - only the first ten code letters count, so long names differing at the end collide;
 * - a name left with nothing to code (no Latin letters: Cyrillic, Arabic, CJK; or just "e")
 *   has no code: out is "" then, and "" is never compared as alike.
 * Returns false (and out = "" when size > 0) when size < MATCH_PHONETIC_SIZE. */
bool match_phonetic_key(const char *name, char *out, size_t size);

/* ---- distances ---- */

/* The edit distance of two keys, counted in code points, not bytes: insertions, deletions,
 * substitutions and swaps of two neighbouring letters ("Jonh"/"John") cost one each (the
 * optimal string alignment distance). Returns max + 1 as soon as the distance is known to be
 * more than max, so comparing a long list stays cheap. Keys of more than 256 code points
 * are compared whole: 0 when identical, else max + 1. */
int match_edit_distance(const char *a, const char *b, int max);

/* Whether two name keys differ by a typing slip: at most one edit when the shorter has up to
 * five letters, at most two when it is longer (spaces are not letters). Identical keys are
 * close; an empty key is close to nothing. The shorter name sets the allowance, so that
 * "Al" is not close to "Alan" just because "Alan" is long. */
bool match_is_close_name(const char *key_a, const char *key_b);

/* ---- dates ---- */

/* The date with its day and month exchanged (3 April <-> 4 March), when that is a different
 * real date: true and *out set; false (out untouched) when the day is over 12, day and month
 * are equal, or the date is not real. */
bool match_swapped_dob(int year, int month, int day, struct valid_date *out);

/* ---- comparing people ---- */

struct match_person {
	const char *first_name; /* as typed or stored: match_compare makes the keys */
	const char *last_name;
	struct valid_date dob;
};

enum match_kind {
	MATCH_NONE = 0,
	MATCH_EXACT, /* same first and last name keys and the same date of birth */
	MATCH_CLOSE, /* worth offering as "is this your client?", with a reason */
};

/* Why a close match was offered: one per match, shown to staff beside it. */
enum match_reason {
	MATCH_REASON_NONE = 0,
	MATCH_REASON_SPELLING,	    /* same date of birth; names spelled nearly alike */
	MATCH_REASON_SOUNDS_ALIKE,  /* same date of birth; a name only sounds alike */
	MATCH_REASON_DOB_SWAPPED,   /* same names; day and month of birth exchanged */
	MATCH_REASON_DOB_DIFFERS,   /* same names; one of day, month or year of birth differs */
	MATCH_REASON_NAMES_SWAPPED, /* same date of birth; first and last names exchanged */
	MATCH_REASON__MAX,
};

/* Short phrases for staff, indexed by enum match_reason ("" for MATCH_REASON_NONE). */
extern const char *const match_reason_text[MATCH_REASON__MAX];

/* Whether candidate (a stored client) may be the person typed. The rules, in this order:
 *  1. Either person without a first or last name key: MATCH_NONE.
 *  2. Both name keys equal and the same date of birth: MATCH_EXACT.
 *  3. Both name keys equal and the candidate was born on the typed date with day and month
 *     exchanged: MATCH_CLOSE, MATCH_REASON_DOB_SWAPPED.
 *  4. Both name keys equal and exactly one of day, month and year of birth differs (one
 *     slip of the keyboard): MATCH_CLOSE, MATCH_REASON_DOB_DIFFERS.
 *  5. The same date of birth, the typed first name key equals the candidate's last and the
 *     typed last equals the candidate's first: MATCH_CLOSE, MATCH_REASON_NAMES_SWAPPED.
 *  6. The same date of birth and each name equal, close (match_is_close_name) or of the same
 *     non-empty phonetic code: MATCH_CLOSE, MATCH_REASON_SPELLING when every name that
 *     differs is close in spelling, MATCH_REASON_SOUNDS_ALIKE when one only sounds alike.
 *  7. Anything else: MATCH_NONE. A near name with a near date is not offered: two slips
 *     at once describe somebody else far more often than the same person.
 * *reason (may be NULL) is set to MATCH_REASON_NONE unless the kind is MATCH_CLOSE. */
enum match_kind match_compare(const struct match_person *typed,
			      const struct match_person *candidate, enum match_reason *reason);

#endif
