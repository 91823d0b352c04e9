/* Finding an existing client: name keys, phonetic codes, edit distances and the rules that
 * decide whether two people may be the same (see matching.h for the rules themselves). */
#include "matching.h"

#include <stdint.h>
#include <string.h>

/* ---- UTF-8 ---- */

/* Decodes the code point at s into *cp and returns its length in bytes, or 0 when the bytes
 * there are not UTF-8 (overlong, surrogate, beyond U+10FFFF, cut short by the NUL). */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t extra;
	uint32_t value, least;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		extra = 1;
		value = c & 0x1f;
		least = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		extra = 2;
		value = c & 0x0f;
		least = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		extra = 3;
		value = c & 0x07;
		least = 0x10000;
	} else {
		return 0;
	}
	for (size_t k = 1; k <= extra; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		value = value << 6 | (s[k] & 0x3f);
	}
	if (value < least || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
		return 0;
	*cp = value;
	return extra + 1;
}

static size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* ---- folding one character ---- */

/* Latin letters U+00C0 to U+024F as they appear in a key: the base letter of the Unicode
 * decomposition, small; letters with a stroke, hook or bar as their base letter (which is
 * what people type for them on an English keyboard); ligatures and ß spelled out. Letters
 * with no base letter (schwa, ezh, open o) are just made small. NULL: × and ÷, which
 * separate words. */
/* clang-format off */
static const char *const latin_fold[0x250 - 0xc0] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", /* 00C0 */
	"e", "e", "e", "e", "i", "i", "i", "i", /* 00C8 */
	"d", "n", "o", "o", "o", "o", "o", NULL, /* 00D0 */
	"o", "u", "u", "u", "u", "y", "th", "ss", /* 00D8 */
	"a", "a", "a", "a", "a", "a", "ae", "c", /* 00E0 */
	"e", "e", "e", "e", "i", "i", "i", "i", /* 00E8 */
	"d", "n", "o", "o", "o", "o", "o", NULL, /* 00F0 */
	"o", "u", "u", "u", "u", "y", "th", "y", /* 00F8 */
	"a", "a", "a", "a", "a", "a", "c", "c", /* 0100 */
	"c", "c", "c", "c", "c", "c", "d", "d", /* 0108 */
	"d", "d", "e", "e", "e", "e", "e", "e", /* 0110 */
	"e", "e", "e", "e", "g", "g", "g", "g", /* 0118 */
	"g", "g", "g", "g", "h", "h", "h", "h", /* 0120 */
	"i", "i", "i", "i", "i", "i", "i", "i", /* 0128 */
	"i", "i", "ij", "ij", "j", "j", "k", "k", /* 0130 */
	"k", "l", "l", "l", "l", "l", "l", "l", /* 0138 */
	"l", "l", "l", "n", "n", "n", "n", "n", /* 0140 */
	"n", "n", "n", "n", "o", "o", "o", "o", /* 0148 */
	"o", "o", "oe", "oe", "r", "r", "r", "r", /* 0150 */
	"r", "r", "s", "s", "s", "s", "s", "s", /* 0158 */
	"s", "s", "t", "t", "t", "t", "t", "t", /* 0160 */
	"u", "u", "u", "u", "u", "u", "u", "u", /* 0168 */
	"u", "u", "u", "u", "w", "w", "y", "y", /* 0170 */
	"y", "z", "z", "z", "z", "z", "z", "s", /* 0178 */
	"b", "b", "b", "b", "ƅ", "ƅ", "ɔ", "c", /* 0180 */
	"c", "ɖ", "d", "d", "d", "ƍ", "ǝ", "ə", /* 0188 */
	"ɛ", "f", "f", "g", "ɣ", "ƕ", "ɩ", "i", /* 0190 */
	"k", "k", "l", "ƛ", "ɯ", "n", "n", "o", /* 0198 */
	"o", "o", "ƣ", "ƣ", "p", "p", "ʀ", "ƨ", /* 01A0 */
	"ƨ", "ʃ", "ƪ", "t", "t", "t", "t", "u", /* 01A8 */
	"u", "ʊ", "v", "y", "y", "z", "z", "ʒ", /* 01B0 */
	"ƹ", "ƹ", "ƺ", "ƻ", "ƽ", "ƽ", "ƾ", "ƿ", /* 01B8 */
	"ǀ", "ǁ", "ǂ", "ǃ", "dz", "dz", "dz", "lj", /* 01C0 */
	"lj", "lj", "nj", "nj", "nj", "a", "a", "i", /* 01C8 */
	"i", "o", "o", "u", "u", "u", "u", "u", /* 01D0 */
	"u", "u", "u", "u", "u", "ǝ", "a", "a", /* 01D8 */
	"a", "a", "ae", "ae", "g", "g", "g", "g", /* 01E0 */
	"k", "k", "o", "o", "o", "o", "ǯ", "ǯ", /* 01E8 */
	"j", "dz", "dz", "dz", "g", "g", "ƕ", "ƿ", /* 01F0 */
	"n", "n", "a", "a", "ae", "ae", "o", "o", /* 01F8 */
	"a", "a", "a", "a", "e", "e", "e", "e", /* 0200 */
	"i", "i", "i", "i", "o", "o", "o", "o", /* 0208 */
	"r", "r", "r", "r", "u", "u", "u", "u", /* 0210 */
	"s", "s", "t", "t", "ȝ", "ȝ", "h", "h", /* 0218 */
	"n", "d", "ȣ", "ȣ", "z", "z", "a", "a", /* 0220 */
	"e", "e", "o", "o", "o", "o", "o", "o", /* 0228 */
	"o", "o", "y", "y", "l", "n", "t", "ȷ", /* 0230 */
	"ȸ", "ȹ", "a", "c", "c", "l", "t", "s", /* 0238 */
	"z", "ɂ", "ɂ", "b", "ʉ", "ʌ", "e", "e", /* 0240 */
	"j", "j", "ɋ", "q", "r", "r", "y", "y", /* 0248 */
};
/* clang-format on */

/* Latin Extended Additional, U+1E00 to U+1EFF: the same rule. The second half is
 * Vietnamese (Nguyễn is nguyen). */
/* clang-format off */
static const char *const latin_additional_fold[0x100] = {
	"a", "a", "b", "b", "b", "b", "b", "b", /* 1E00 */
	"c", "c", "d", "d", "d", "d", "d", "d", /* 1E08 */
	"d", "d", "d", "d", "e", "e", "e", "e", /* 1E10 */
	"e", "e", "e", "e", "e", "e", "f", "f", /* 1E18 */
	"g", "g", "h", "h", "h", "h", "h", "h", /* 1E20 */
	"h", "h", "h", "h", "i", "i", "i", "i", /* 1E28 */
	"k", "k", "k", "k", "k", "k", "l", "l", /* 1E30 */
	"l", "l", "l", "l", "l", "l", "m", "m", /* 1E38 */
	"m", "m", "m", "m", "n", "n", "n", "n", /* 1E40 */
	"n", "n", "n", "n", "o", "o", "o", "o", /* 1E48 */
	"o", "o", "o", "o", "p", "p", "p", "p", /* 1E50 */
	"r", "r", "r", "r", "r", "r", "r", "r", /* 1E58 */
	"s", "s", "s", "s", "s", "s", "s", "s", /* 1E60 */
	"s", "s", "t", "t", "t", "t", "t", "t", /* 1E68 */
	"t", "t", "u", "u", "u", "u", "u", "u", /* 1E70 */
	"u", "u", "u", "u", "v", "v", "v", "v", /* 1E78 */
	"w", "w", "w", "w", "w", "w", "w", "w", /* 1E80 */
	"w", "w", "x", "x", "x", "x", "y", "y", /* 1E88 */
	"z", "z", "z", "z", "z", "z", "h", "t", /* 1E90 */
	"w", "y", "a", "s", "ẜ", "ẝ", "ss", "ẟ", /* 1E98 */
	"a", "a", "a", "a", "a", "a", "a", "a", /* 1EA0 */
	"a", "a", "a", "a", "a", "a", "a", "a", /* 1EA8 */
	"a", "a", "a", "a", "a", "a", "a", "a", /* 1EB0 */
	"e", "e", "e", "e", "e", "e", "e", "e", /* 1EB8 */
	"e", "e", "e", "e", "e", "e", "e", "e", /* 1EC0 */
	"i", "i", "i", "i", "o", "o", "o", "o", /* 1EC8 */
	"o", "o", "o", "o", "o", "o", "o", "o", /* 1ED0 */
	"o", "o", "o", "o", "o", "o", "o", "o", /* 1ED8 */
	"o", "o", "o", "o", "u", "u", "u", "u", /* 1EE0 */
	"u", "u", "u", "u", "u", "u", "u", "u", /* 1EE8 */
	"u", "u", "y", "y", "y", "y", "y", "y", /* 1EF0 */
	"y", "y", "ỻ", "ỻ", "ỽ", "ỽ", "y", "y", /* 1EF8 */
};
/* clang-format on */

/* Greek small letters without tonos or dialytika, as decomposing and dropping the accent
 * would give; final sigma is sigma, so the same name matches wherever it was cut. */
static uint32_t fold_greek(uint32_t cp)
{
	switch (cp) {
	case 0x0386:
	case 0x03ac:
		return 0x03b1; /* Ά ά */
	case 0x0388:
	case 0x03ad:
		return 0x03b5; /* Έ έ */
	case 0x0389:
	case 0x03ae:
		return 0x03b7; /* Ή ή */
	case 0x038a:
	case 0x03af:
	case 0x03aa:
	case 0x03ca:
	case 0x0390:
		return 0x03b9; /* Ί ί Ϊ ϊ ΐ */
	case 0x038c:
	case 0x03cc:
		return 0x03bf; /* Ό ό */
	case 0x038e:
	case 0x03cd:
	case 0x03ab:
	case 0x03cb:
	case 0x03b0:
		return 0x03c5; /* Ύ ύ Ϋ ϋ ΰ */
	case 0x038f:
	case 0x03ce:
		return 0x03c9; /* Ώ ώ */
	case 0x03c2:
		return 0x03c3; /* ς */
	case 0x037f:
		return 0x03f3;
	case 0x03cf:
		return 0x03d7;
	case 0x03f4:
		return 0x03b8;
	case 0x03f7:
		return 0x03f8;
	case 0x03f9:
		return 0x03f2;
	case 0x03fa:
		return 0x03fb;
	case 0x0376:
		return 0x0377;
	}
	if (cp >= 0x0391 && cp <= 0x03ab && cp != 0x03a2) /* 03A2 is not a letter */
		return cp + 0x20;
	if ((cp >= 0x0370 && cp <= 0x0373) || (cp >= 0x03d8 && cp <= 0x03ef))
		return cp | 1; /* capital and small alternate */
	if (cp >= 0x03fd && cp <= 0x03ff)
		return cp - 0x82;
	return cp;
}

/* Cyrillic small letters without the diacritics that decomposition separates (ё→е, й→и,
 * ї→і, ў→у ...), which people leave out as often as they type them. */
static uint32_t fold_cyrillic(uint32_t cp)
{
	if (cp >= 0x0400 && cp <= 0x040f)
		cp += 0x50;
	else if (cp >= 0x0410 && cp <= 0x042f)
		cp += 0x20;
	else if ((cp >= 0x0460 && cp <= 0x0481) || (cp >= 0x048a && cp <= 0x04bf) ||
		 (cp >= 0x04d0 && cp <= 0x052f))
		cp |= 1; /* capital even, small odd */
	else if (cp >= 0x04c1 && cp <= 0x04ce)
		cp += cp & 1; /* capital odd, small even */
	else if (cp == 0x04c0)
		cp = 0x04cf;

	switch (cp) {
	case 0x0450:
	case 0x0451:
	case 0x04d7:
		return 0x0435; /* ѐ ё ӗ → е */
	case 0x0453:
		return 0x0433; /* ѓ → г */
	case 0x0457:
		return 0x0456; /* ї → і */
	case 0x045c:
		return 0x043a; /* ќ → к */
	case 0x0439:
	case 0x045d:
	case 0x04e3:
	case 0x04e5:
		return 0x0438; /* й ѝ ӣ ӥ → и */
	case 0x045e:
	case 0x04ef:
	case 0x04f1:
	case 0x04f3:
		return 0x0443; /* ў ӯ ӱ ӳ → у */
	case 0x0477:
		return 0x0475; /* ѷ → ѵ */
	case 0x04c2:
	case 0x04dd:
		return 0x0436; /* ӂ ӝ → ж */
	case 0x04d1:
	case 0x04d3:
		return 0x0430; /* ӑ ӓ → а */
	case 0x04db:
		return 0x04d9; /* ӛ → ә */
	case 0x04df:
		return 0x0437; /* ӟ → з */
	case 0x04e7:
		return 0x043e; /* ӧ → о */
	case 0x04eb:
		return 0x04e9; /* ӫ → ө */
	case 0x04ed:
		return 0x044d; /* ӭ → э */
	case 0x04f5:
		return 0x0447; /* ӵ → ч */
	case 0x04f9:
		return 0x044b; /* ӹ → ы */
	}
	return cp;
}

/* Marks that sit on a letter and that people type or leave out at will: combining accents
 * (decomposed input), Hebrew points, Arabic vowel marks, and Arabic tatweel (a stretch of the
 * line). Indic vowel signs are marks too, but they are letters' sounds, so they stay. */
static bool is_optional_mark(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x0483 && cp <= 0x0489) ||
	       (cp >= 0x0591 && cp <= 0x05bd) || cp == 0x05bf || cp == 0x05c1 || cp == 0x05c2 ||
	       cp == 0x05c4 || cp == 0x05c5 || cp == 0x05c7 || cp == 0x0640 ||
	       (cp >= 0x064b && cp <= 0x065f) || cp == 0x0670 || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	       (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	       (cp >= 0xfe20 && cp <= 0xfe2f);
}

/* Apostrophes (O'Brien is OBrien) and characters nobody sees (soft hyphen, zero-width
 * space and joiners, word joiner, byte order mark). */
static bool is_dropped(uint32_t cp)
{
	switch (cp) {
	case '\'':
	case '`':
	case 0x00b4:
	case 0x02bc:
	case 0x2018:
	case 0x2019:
	case 0x2032:
	case 0x00ad:
	case 0x200b:
	case 0x200c:
	case 0x200d:
	case 0x2060:
	case 0xfeff:
		return true;
	}
	return false;
}

/* Characters between words: spaces, hyphens, dashes, full stops and other punctuation. */
static bool is_separator(uint32_t cp)
{
	if (cp < 0x80)
		return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			 (cp >= '0' && cp <= '9'));
	return cp <= 0xbf || cp == 0x05be || (cp >= 0x2000 && cp <= 0x206f) || cp == 0x2212 ||
	       cp == 0x3000;
}

enum fold_kind {
	FOLD_DROP,
	FOLD_SEPARATOR,
	FOLD_TEXT,
};

/* What one character becomes in a key: nothing, a word break, or up to 4 bytes of text. */
static enum fold_kind fold_code_point(uint32_t cp, char text[4], size_t *len)
{
	if (cp >= 0xff01 && cp <= 0xff5e)
		cp -= 0xfee0; /* full-width forms are ASCII typed on a CJK keyboard */
	if (is_dropped(cp) || is_optional_mark(cp))
		return FOLD_DROP;
	if (is_separator(cp))
		return FOLD_SEPARATOR;

	const char *spelled = NULL;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	else if (cp >= 0xc0 && cp < 0x250) {
		spelled = latin_fold[cp - 0xc0];
		if (!spelled)
			return FOLD_SEPARATOR;
	} else if (cp >= 0x1e00 && cp <= 0x1eff)
		spelled = latin_additional_fold[cp - 0x1e00];
	else if (cp >= 0x0370 && cp <= 0x03ff)
		cp = fold_greek(cp);
	else if (cp >= 0x0400 && cp <= 0x052f)
		cp = fold_cyrillic(cp);
	else if (cp >= 0x0531 && cp <= 0x0556)
		cp += 0x30; /* Armenian */

	if (spelled) {
		*len = strlen(spelled);
		memcpy(text, spelled, *len);
	} else {
		*len = utf8_encode(cp, text);
	}
	return FOLD_TEXT;
}

/* ---- keys ---- */

bool match_name_key(const char *name, char *out, size_t size)
{
	if (size == 0)
		return false;
	out[0] = '\0';
	if (!name)
		return true;

	const unsigned char *s = (const unsigned char *)name;
	size_t used = 0;
	bool pending_space = false; /* a word break seen since the last text */
	while (*s) {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		if (n == 0) {
			s++; /* not UTF-8: cannot be part of a name, so skip the byte */
			continue;
		}
		s += n;

		char text[4];
		size_t len;
		switch (fold_code_point(cp, text, &len)) {
		case FOLD_DROP:
			continue;
		case FOLD_SEPARATOR:
			pending_space = used > 0; /* none at the start */
			continue;
		case FOLD_TEXT:
			break;
		}
		size_t need = len + (pending_space ? 1 : 0);
		if (used + need >= size) {
			out[used] = '\0';
			return false;
		}
		if (pending_space)
			out[used++] = ' ';
		memcpy(out + used, text, len);
		used += len;
		pending_space = false;
	}
	out[used] = '\0';
	return true;
}

/* ---- Caverphone 2.0 ---- */

/* The code is worked out in a buffer of ASCII letters, rewritten step by step. Small
 * letters are still to be coded; capitals and the digits 2 and 3 are the algorithm's own
 * marks (2: silent, 3: a vowel), so no later rule mistakes them for letters. Every rewrite
 * keeps or shortens the length, so it all happens in place. */
struct caver {
	char text[MATCH_KEY_SIZE];
	size_t len;
};

enum caver_at {
	CAVER_ANYWHERE,
	CAVER_START,
	CAVER_END,
};

struct caver_rule {
	enum caver_at at;
	const char *from;
	const char *to; /* as long as from, or "" to delete it */
};

static bool caver_matches(const struct caver *c, size_t i, const char *from, size_t n)
{
	return i + n <= c->len && memcmp(c->text + i, from, n) == 0;
}

/* Replaces each occurrence left to right, never re-reading what it wrote (as the
 * reference implementation's regular expression replaceAll does). */
static void caver_apply(struct caver *c, const struct caver_rule *rule)
{
	size_t from_len = strlen(rule->from);
	size_t to_len = strlen(rule->to);
	if (rule->at != CAVER_ANYWHERE) {
		size_t i = rule->at == CAVER_START
				   ? 0
				   : c->len - (c->len < from_len ? c->len : from_len);
		if (!caver_matches(c, i, rule->from, from_len))
			return;
		memcpy(c->text + i, rule->to, to_len);
		memmove(c->text + i + to_len, c->text + i + from_len, c->len - i - from_len);
		c->len -= from_len - to_len;
		return;
	}
	for (size_t i = 0; i < c->len;) {
		if (caver_matches(c, i, rule->from, from_len)) {
			memcpy(c->text + i, rule->to, to_len);
			i += from_len;
		} else {
			i++;
		}
	}
}

/* Every run of the small letter from becomes one capital of it. */
static void caver_collapse(struct caver *c, char from)
{
	size_t w = 0;
	bool in_run = false;
	for (size_t r = 0; r < c->len; r++) {
		if (c->text[r] != from) {
			c->text[w++] = c->text[r];
			in_run = false;
		} else if (!in_run) {
			c->text[w++] = (char)(from - 'a' + 'A');
			in_run = true;
		}
	}
	c->len = w;
}

static void caver_remove(struct caver *c, char mark)
{
	size_t w = 0;
	for (size_t r = 0; r < c->len; r++)
		if (c->text[r] != mark)
			c->text[w++] = c->text[r];
	c->len = w;
}

static bool is_vowel(char ch)
{
	return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The steps of Caverphone 2.0 as its specification lists them, each on the result of the
 * one before. */
static const struct caver_rule caver_start_rules[] = {
	{ CAVER_END, "e", "" },
	{ CAVER_START, "cough", "cou2f" },
	{ CAVER_START, "rough", "rou2f" },
	{ CAVER_START, "tough", "tou2f" },
	{ CAVER_START, "enough", "enou2f" },
	{ CAVER_START, "trough", "trou2f" },
	{ CAVER_START, "gn", "2n" },
	{ CAVER_END, "mb", "m2" },
	{ CAVER_ANYWHERE, "cq", "2q" },
	{ CAVER_ANYWHERE, "ci", "si" },
	{ CAVER_ANYWHERE, "ce", "se" },
	{ CAVER_ANYWHERE, "cy", "sy" },
	{ CAVER_ANYWHERE, "tch", "2ch" },
	{ CAVER_ANYWHERE, "c", "k" },
	{ CAVER_ANYWHERE, "q", "k" },
	{ CAVER_ANYWHERE, "x", "k" },
	{ CAVER_ANYWHERE, "v", "f" },
	{ CAVER_ANYWHERE, "dg", "2g" },
	{ CAVER_ANYWHERE, "tio", "sio" },
	{ CAVER_ANYWHERE, "tia", "sia" },
	{ CAVER_ANYWHERE, "d", "t" },
	{ CAVER_ANYWHERE, "ph", "fh" },
	{ CAVER_ANYWHERE, "b", "p" },
	{ CAVER_ANYWHERE, "sh", "s2" },
	{ CAVER_ANYWHERE, "z", "s" },
};

/* After the vowels have become 3 (and a first vowel A). */
static const struct caver_rule caver_middle_rules[] = {
	{ CAVER_ANYWHERE, "j", "y" },	    { CAVER_START, "y3", "Y3" },
	{ CAVER_START, "y", "A" },	    { CAVER_ANYWHERE, "y", "3" },
	{ CAVER_ANYWHERE, "3gh3", "3kh3" }, { CAVER_ANYWHERE, "gh", "22" },
	{ CAVER_ANYWHERE, "g", "k" },
};

/* After runs of s, t, p, k, f, m and n have become one capital each. */
static const struct caver_rule caver_end_rules[] = {
	{ CAVER_ANYWHERE, "w3", "W3" }, { CAVER_ANYWHERE, "wh3", "Wh3" },
	{ CAVER_END, "w", "3" },	{ CAVER_ANYWHERE, "w", "2" },
	{ CAVER_START, "h", "A" },	{ CAVER_ANYWHERE, "h", "2" },
	{ CAVER_ANYWHERE, "r3", "R3" }, { CAVER_END, "r", "3" },
	{ CAVER_ANYWHERE, "r", "2" },	{ CAVER_ANYWHERE, "l3", "L3" },
	{ CAVER_END, "l", "3" },	{ CAVER_ANYWHERE, "l", "2" },
};

bool match_phonetic_key(const char *name, char *out, size_t size)
{
	if (size == 0)
		return false;
	out[0] = '\0';
	if (size < MATCH_PHONETIC_SIZE)
		return false;

	/* The key has lost case and accents already: é counts as e, ß as ss. */
	char key[MATCH_KEY_SIZE];
	match_name_key(name, key, sizeof key);
	struct caver c = { .len = 0 };
	for (const char *k = key; *k; k++)
		if (*k >= 'a' && *k <= 'z')
			c.text[c.len++] = *k;
	if (c.len == 0)
		return true;

	for (size_t i = 0; i < COUNT(caver_start_rules); i++)
		caver_apply(&c, &caver_start_rules[i]);
	if (c.len > 0 && is_vowel(c.text[0]))
		c.text[0] = 'A';
	for (size_t i = 0; i < c.len; i++)
		if (is_vowel(c.text[i]))
			c.text[i] = '3';
	for (size_t i = 0; i < COUNT(caver_middle_rules); i++)
		caver_apply(&c, &caver_middle_rules[i]);
	for (const char *run = "stpkfmn"; *run; run++)
		caver_collapse(&c, *run);
	for (size_t i = 0; i < COUNT(caver_end_rules); i++)
		caver_apply(&c, &caver_end_rules[i]);
	caver_remove(&c, '2');
	if (c.len > 0 && c.text[c.len - 1] == '3')
		c.text[c.len - 1] = 'A';
	caver_remove(&c, '3');

	/* "e" alone, or "gh", leaves nothing: no code rather than ten 1s that would join every
	 * such name to every other. */
	if (c.len == 0)
		return true;
	size_t n = 0;
	for (; n < MATCH_PHONETIC_SIZE - 1; n++)
		out[n] = n < c.len ? c.text[n] : '1';
	out[n] = '\0';
	return true;
}

/* ---- distances ---- */

#define MATCH_DISTANCE_POINTS 256

/* Decodes a key into code points; false when it has more than MATCH_DISTANCE_POINTS. */
static bool decode_points(const char *s, uint32_t *points, size_t *count)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	while (*p) {
		uint32_t cp;
		size_t len = utf8_decode(p, &cp);
		if (len == 0) {
			cp = *p; /* keys are UTF-8; a stray byte still counts as something */
			len = 1;
		}
		if (n == MATCH_DISTANCE_POINTS)
			return false;
		points[n++] = cp;
		p += len;
	}
	*count = n;
	return true;
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

int match_edit_distance(const char *a, const char *b, int max)
{
	if (max < 0)
		max = 0;
	if (!a)
		a = "";
	if (!b)
		b = "";
	uint32_t pa[MATCH_DISTANCE_POINTS], pb[MATCH_DISTANCE_POINTS];
	size_t na, nb;
	if (!decode_points(a, pa, &na) || !decode_points(b, pb, &nb))
		return strcmp(a, b) == 0 ? 0 : max + 1;
	if ((na > nb ? na - nb : nb - na) > (size_t)max)
		return max + 1;

	/* Three rows of the optimal string alignment table: the one before last is what a swap
	 * of two neighbours looks back to. */
	int rows[3][MATCH_DISTANCE_POINTS + 1];
	int *before = rows[0], *previous = rows[1], *current = rows[2];
	for (size_t j = 0; j <= nb; j++)
		previous[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		current[0] = (int)i;
		int row_min = current[0];
		for (size_t j = 1; j <= nb; j++) {
			int cost = pa[i - 1] == pb[j - 1] ? 0 : 1;
			int d = min_int(min_int(previous[j] + 1, current[j - 1] + 1),
					previous[j - 1] + cost);
			if (i > 1 && j > 1 && pa[i - 1] == pb[j - 2] && pa[i - 2] == pb[j - 1])
				d = min_int(d, before[j - 2] + 1);
			current[j] = d;
			row_min = min_int(row_min, d);
		}
		/* Every later cell is at least the smallest of this row (a swap looks back two
		 * rows, but costs no less than the substitution beside it), so stop early. */
		if (row_min > max)
			return max + 1;
		int *spare = before;
		before = previous;
		previous = current;
		current = spare;
	}
	return previous[nb] > max ? max + 1 : previous[nb];
}

/* Letters of a key: its code points that are not the spaces between words. */
static size_t key_letters(const char *key)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		if ((*p & 0xc0) != 0x80 && *p != ' ')
			n++;
	return n;
}

bool match_is_close_name(const char *key_a, const char *key_b)
{
	if (!key_a || !key_b || !*key_a || !*key_b)
		return false;
	size_t letters_a = key_letters(key_a), letters_b = key_letters(key_b);
	size_t shorter = letters_a < letters_b ? letters_a : letters_b;
	int allowed = shorter <= 5 ? 1 : 2;
	return match_edit_distance(key_a, key_b, allowed) <= allowed;
}

/* ---- dates ---- */

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

static bool is_real_date(int year, int month, int day)
{
	return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

bool match_swapped_dob(int year, int month, int day, struct valid_date *out)
{
	if (!is_real_date(year, month, day) || day == month || !is_real_date(year, day, month))
		return false;
	out->year = year;
	out->month = day;
	out->day = month;
	return true;
}

/* ---- comparing people ---- */

const char *const match_reason_text[MATCH_REASON__MAX] = {
	[MATCH_REASON_NONE] = "",
	[MATCH_REASON_SPELLING] = "Similar spelling",
	[MATCH_REASON_SOUNDS_ALIKE] = "Name sounds alike",
	[MATCH_REASON_DOB_SWAPPED] = "Day and month of birth swapped",
	[MATCH_REASON_DOB_DIFFERS] = "Date of birth differs by one part",
	[MATCH_REASON_NAMES_SWAPPED] = "First and last names swapped",
};

static bool same_date(struct valid_date a, struct valid_date b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

static int differing_parts(struct valid_date a, struct valid_date b)
{
	return (a.year != b.year) + (a.month != b.month) + (a.day != b.day);
}

/* How one typed name relates to a stored one, best first. */
enum name_likeness {
	NAME_EQUAL,
	NAME_SPELLED_ALIKE,
	NAME_SOUNDS_ALIKE,
	NAME_DIFFERENT,
};

static enum name_likeness compare_name(const char *typed_name, const char *typed_key,
				       const char *candidate_name, const char *candidate_key)
{
	if (strcmp(typed_key, candidate_key) == 0)
		return NAME_EQUAL;
	if (match_is_close_name(typed_key, candidate_key))
		return NAME_SPELLED_ALIKE;
	char typed_code[MATCH_PHONETIC_SIZE], candidate_code[MATCH_PHONETIC_SIZE];
	match_phonetic_key(typed_name, typed_code, sizeof typed_code);
	match_phonetic_key(candidate_name, candidate_code, sizeof candidate_code);
	if (typed_code[0] && strcmp(typed_code, candidate_code) == 0)
		return NAME_SOUNDS_ALIKE;
	return NAME_DIFFERENT;
}

static enum match_kind close_because(enum match_reason why, enum match_reason *reason)
{
	if (reason)
		*reason = why;
	return MATCH_CLOSE;
}

enum match_kind match_compare(const struct match_person *typed,
			      const struct match_person *candidate, enum match_reason *reason)
{
	if (reason)
		*reason = MATCH_REASON_NONE;
	char typed_first[MATCH_KEY_SIZE], typed_last[MATCH_KEY_SIZE];
	char candidate_first[MATCH_KEY_SIZE], candidate_last[MATCH_KEY_SIZE];
	match_name_key(typed->first_name, typed_first, sizeof typed_first);
	match_name_key(typed->last_name, typed_last, sizeof typed_last);
	match_name_key(candidate->first_name, candidate_first, sizeof candidate_first);
	match_name_key(candidate->last_name, candidate_last, sizeof candidate_last);
	if (!typed_first[0] || !typed_last[0] || !candidate_first[0] || !candidate_last[0])
		return MATCH_NONE;

	bool names_equal = strcmp(typed_first, candidate_first) == 0 &&
			   strcmp(typed_last, candidate_last) == 0;
	bool same_dob = same_date(typed->dob, candidate->dob);
	if (names_equal) {
		struct valid_date swapped;
		if (same_dob)
			return MATCH_EXACT;
		if (match_swapped_dob(typed->dob.year, typed->dob.month, typed->dob.day,
				      &swapped) &&
		    same_date(swapped, candidate->dob))
			return close_because(MATCH_REASON_DOB_SWAPPED, reason);
		if (differing_parts(typed->dob, candidate->dob) == 1)
			return close_because(MATCH_REASON_DOB_DIFFERS, reason);
		return MATCH_NONE;
	}
	if (!same_dob)
		return MATCH_NONE;

	if (strcmp(typed_first, candidate_last) == 0 && strcmp(typed_last, candidate_first) == 0)
		return close_because(MATCH_REASON_NAMES_SWAPPED, reason);

	enum name_likeness first = compare_name(typed->first_name, typed_first,
						candidate->first_name, candidate_first);
	enum name_likeness last =
		compare_name(typed->last_name, typed_last, candidate->last_name, candidate_last);
	if (first == NAME_DIFFERENT || last == NAME_DIFFERENT)
		return MATCH_NONE;
	if (first == NAME_SOUNDS_ALIKE || last == NAME_SOUNDS_ALIKE)
		return close_because(MATCH_REASON_SOUNDS_ALIKE, reason);
	return close_because(MATCH_REASON_SPELLING, reason);
}
