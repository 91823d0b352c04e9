/* ICU does the Unicode work: u_tolower is the simple (one character to one) lower-case
 * mapping slapd applies before normalising, and the NFKC normaliser the composition it
 * applies after. Full case folding would differ (it turns "İ" into "i" and a combining
 * dot, which the directory does not match to "i"), so it is not used. */
#include "name_fold.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "arena.h"

/* UTF-8 → UTF-16 with every character lower-cased; NULL on an ICU error. */
static UChar *lowered(struct arena *arena, const char *text, int32_t *length)
{
	UErrorCode error = U_ZERO_ERROR;
	int32_t units = 0;
	u_strFromUTF8WithSub(NULL, 0, &units, text, -1, 0xfffd, NULL, &error);
	if (error != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(error))
		return NULL;
	error = U_ZERO_ERROR;
	UChar *in = arena_alloc(arena, ((size_t)units + 1) * sizeof *in);
	u_strFromUTF8WithSub(in, units + 1, NULL, text, -1, 0xfffd, NULL, &error);
	if (U_FAILURE(error))
		return NULL;
	/* a lower-case letter can need a surrogate pair where its capital did not, and the
	 * reverse: room for two units per unit is always enough */
	UChar *out = arena_alloc(arena, ((size_t)units * 2 + 1) * sizeof *out);
	int32_t i = 0, o = 0;
	while (i < units) {
		UChar32 c;
		U16_NEXT(in, i, units, c);
		UBool unsafe = false;
		U16_APPEND(out, o, units * 2, u_tolower(c), unsafe);
		if (unsafe)
			return NULL;
	}
	*length = o;
	return out;
}

/* NFKC of text; NULL on an ICU error. */
static UChar *composed(struct arena *arena, const UChar *text, int32_t length, int32_t *out_length)
{
	UErrorCode error = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&error);
	if (U_FAILURE(error))
		return NULL;
	int32_t needed = unorm2_normalize(nfkc, text, length, NULL, 0, &error);
	if (error != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(error))
		return NULL;
	error = U_ZERO_ERROR;
	UChar *out = arena_alloc(arena, ((size_t)needed + 1) * sizeof *out);
	*out_length = unorm2_normalize(nfkc, text, length, out, needed + 1, &error);
	return U_FAILURE(error) ? NULL : out;
}

/* Spaces at either end are not significant to the directory, and a run counts as one. */
static void squeeze_spaces(char *text)
{
	char *o = text;
	for (const char *p = text; *p; p++) {
		if (*p == ' ' && (o == text || o[-1] == ' '))
			continue;
		*o++ = *p;
	}
	while (o > text && o[-1] == ' ')
		o--;
	*o = '\0';
}

/* Cuts text to at most max bytes without leaving half a UTF-8 sequence. */
static void cut(char *text, size_t max)
{
	size_t len = strnlen(text, max + 1);
	if (len <= max)
		return;
	len = max;
	while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
		len--;
	text[len] = '\0';
}

char *name_fold(struct arena *arena, const char *typed, size_t max_bytes)
{
	int32_t length = 0, folded_length = 0;
	UChar *lower = lowered(arena, typed, &length);
	UChar *folded = lower ? composed(arena, lower, length, &folded_length) : NULL;
	char *out = NULL;
	if (folded != NULL) {
		UErrorCode error = U_ZERO_ERROR;
		int32_t bytes = 0;
		u_strToUTF8(NULL, 0, &bytes, folded, folded_length, &error);
		error = U_ZERO_ERROR;
		out = arena_alloc(arena, (size_t)bytes + 1);
		u_strToUTF8(out, bytes + 1, NULL, folded, folded_length, &error);
		if (U_FAILURE(error))
			out = NULL;
	}
	/* ICU failing (out of memory) must not stop a sign-in: the typed name then stands */
	if (out == NULL)
		out = arena_strdup(arena, typed);
	squeeze_spaces(out);
	cut(out, max_bytes);
	return out;
}
