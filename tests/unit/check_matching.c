/* Unit tests of fcgi/matching.c: name keys across scripts and keyboards, the Caverphone 2.0
 * codes of common spelling variants, edit distances, swapped dates of birth, and each rule
 * that makes two people an exact, a close or no match. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/matching.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *key(const char *name)
{
	static char out[MATCH_KEY_SIZE];
	ck_assert(match_name_key(name, out, sizeof out));
	return out;
}

/* Two buffers in turn, so that one assertion can hold the codes of two names. */
static const char *code(const char *name)
{
	static char out[2][MATCH_PHONETIC_SIZE];
	static int turn;
	turn = !turn;
	ck_assert(match_phonetic_key(name, out[turn], sizeof out[turn]));
	return out[turn];
}

/* ---- name keys ---- */

struct key_case {
	const char *name, *key;
};

/* clang-format off */
static const struct key_case key_cases[] = {
	/* case, trimming, runs of spaces */
	{"Smith", "smith"},
	{"  SMITH\t", "smith"},
	{"Mary   Anne", "mary anne"},
	{" \t ", ""},
	{"", ""},
	/* hyphens and dashes separate words; so do full stops */
	{"Anne-Marie", "anne marie"},
	{"Anne - Marie", "anne marie"},
	{"Anne–Marie", "anne marie"},  /* en dash, from a word processor */
	{"Anne‐Marie", "anne marie"},  /* U+2010 hyphen */
	{"-Anne-", "anne"},
	{"St. John", "st john"},
	{"St.John", "st john"},
	/* apostrophes of every keyboard are dropped */
	{"O'Brien", "obrien"},
	{"O’Brien", "obrien"},
	{"O‘Brien", "obrien"},
	{"Oʼbrien", "obrien"},
	{"O`Brien", "obrien"},
	{"OBrien", "obrien"},
	{"D'Arcy-O'Neill", "darcy oneill"},
	/* invisible characters */
	{"Anne\xc2\xa0Marie", "anne marie"},  /* no-break space */
	{"Jo\xc2\xadhn", "john"},             /* soft hyphen */
	{"Jo\xe2\x80\x8bhn", "john"},         /* zero-width space */
	{"\xef\xbb\xbfJohn", "john"},         /* byte order mark */
	/* Latin-1 Supplement */
	{"Zoë", "zoe"},
	{"ZOË", "zoe"},
	{"José", "jose"},
	{"Ñúñez", "nunez"},
	{"François", "francois"},
	{"Søren Ørsted", "soren orsted"},
	{"Strauß", "strauss"},
	{"Ærøskøbing", "aeroskobing"},
	{"Þórr Guðrún", "thorr gudrun"},
	{"ÀÁÂÃÄÅàáâãäå", "aaaaaaaaaaaa"},
	{"Ýÿ", "yy"},
	/* Latin Extended-A */
	{"Łukasz Wałęsa", "lukasz walesa"},
	{"Œdipe", "oedipe"},
	{"Dvořák", "dvorak"},
	{"Ğüneş Yıldız", "gunes yildiz"},
	{"İlker", "ilker"},
	{"Đorđević", "dordevic"},
	{"Ĳsselmeer", "ijsselmeer"},
	{"Mikołaj Żółć", "mikolaj zolc"},
	/* Latin Extended-B and Additional */
	{"Ștefan Țiriac", "stefan tiriac"},
	{"Nguyễn Thị Ánh", "nguyen thi anh"},
	{"Trần Đức Lợi", "tran duc loi"},
	{"Ǆ", "dz"},
	{"Əliyev", "əliyev"}, /* schwa has no base letter: just small */
	/* decomposed input: combining accents typed after the letter */
	{"Zoe\xcc\x88", "zoe"},
	{"Jose\xcc\x81", "jose"},
	/* full-width forms */
	{"ＪＯＨＮ", "john"},
	/* Greek, Cyrillic, Armenian: small letters, without accents */
	{"ΕΛΕΝΗ", "ελενη"},
	{"Ελένη", "ελενη"},
	{"Νίκος", "νικοσ"},
	{"Ιωάννης Παπαδόπουλος", "ιωαννησ παπαδοπουλοσ"},
	{"ИВАН", "иван"},
	{"Ёлкин", "елкин"},
	{"Андрей", "андреи"},
	{"Їжак", "іжак"},
	{"Ўладзімір", "уладзімір"},
	{"Արամ", "արամ"},
	/* other scripts pass through; optional vowel marks go */
	{"محمد", "محمد"},
	{"مُحَمَّد", "محمد"},
	{"יִצְחָק", "יצחק"},
	{"王芳", "王芳"},
	{"अमित", "अमित"}, /* Devanagari vowel signs are letters' sounds: kept */
	{"Ivan Иван", "ivan иван"},
	/* digits stay, other punctuation separates */
	{"John 2nd", "john 2nd"},
	{"Smith, John", "smith john"},
	{"(Jo)", "jo"},
};
/* clang-format on */

START_TEST(name_keys)
{
	const struct key_case *c = &key_cases[_i];
	char out[MATCH_KEY_SIZE];
	ck_assert(match_name_key(c->name, out, sizeof out));
	ck_assert_msg(strcmp(out, c->key) == 0, "key of \"%s\": \"%s\", expected \"%s\"", c->name,
		      out, c->key);
}
END_TEST

START_TEST(name_key_spellings_agree)
{
	/* the examples the product promises */
	ck_assert_str_eq(key("O'Brien"), "obrien");
	char a[MATCH_KEY_SIZE], b[MATCH_KEY_SIZE];
	const char *same[][2] = {
		{ "O'Brien", "OBrien" }, { "O’Brien", "o'brien" }, { "Anne-Marie", "Anne Marie" },
		{ " Zoë ", "ZOE" },	 { "Łucja", "lucja" },	   { "Strauß", "STRAUSS" },
		{ "Bjørn", "Bjorn" },	 { "Æsa", "Aesa" },	   { "Œuvre", "oeuvre" },
	};
	for (size_t i = 0; i < COUNT(same); i++) {
		ck_assert(match_name_key(same[i][0], a, sizeof a));
		ck_assert(match_name_key(same[i][1], b, sizeof b));
		ck_assert_msg(strcmp(a, b) == 0, "\"%s\" and \"%s\" differ: \"%s\" / \"%s\"",
			      same[i][0], same[i][1], a, b);
	}
}
END_TEST

START_TEST(name_key_null_and_bad_bytes)
{
	char out[16] = "x";
	ck_assert(match_name_key(NULL, out, sizeof out));
	ck_assert_str_eq(out, "");
	/* bytes that are not UTF-8 are skipped, never copied into a key */
	ck_assert(match_name_key("Jo\xffhn", out, sizeof out));
	ck_assert_str_eq(out, "john");
	ck_assert(match_name_key("Jo\xc3", out, sizeof out)); /* cut short */
	ck_assert_str_eq(out, "jo");
	ck_assert(match_name_key("\xc0\xafx", out, sizeof out)); /* overlong '/' */
	ck_assert_str_eq(out, "x");
	ck_assert(match_name_key("\xed\xa0\x80x", out, sizeof out)); /* surrogate */
	ck_assert_str_eq(out, "x");
}
END_TEST

START_TEST(name_key_too_small)
{
	char out[6];
	ck_assert(match_name_key("Smith", out, sizeof out)); /* 5 + NUL: fits exactly */
	ck_assert_str_eq(out, "smith");
	ck_assert(!match_name_key("Smithers", out, sizeof out));
	ck_assert_str_eq(out, "smith");
	/* never half a character: "zoë" needs 4 bytes, "жанна" 10 */
	ck_assert(!match_name_key("Жанна", out, sizeof out));
	ck_assert_str_eq(out, "жа");
	/* a space is not left hanging at the end */
	char five[5];
	ck_assert(!match_name_key("Jon Smith", five, sizeof five));
	ck_assert_str_eq(five, "jon");
	ck_assert(!match_name_key("Jon Smith", out, sizeof out));
	ck_assert_str_eq(out, "jon s");
	ck_assert(!match_name_key("x", out, 0));
	char one[1];
	ck_assert(!match_name_key("x", one, sizeof one));
	ck_assert_str_eq(one, "");
}
END_TEST

/* The promise of MATCH_KEY_SIZE: no character makes a key longer than its name. */
START_TEST(name_key_never_longer_than_name)
{
	for (unsigned cp = 1; cp < 0x30000; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		char name[8];
		size_t n;
		if (cp < 0x80) {
			name[0] = (char)cp;
			n = 1;
		} else if (cp < 0x800) {
			name[0] = (char)(0xc0 | cp >> 6);
			name[1] = (char)(0x80 | (cp & 0x3f));
			n = 2;
		} else if (cp < 0x10000) {
			name[0] = (char)(0xe0 | cp >> 12);
			name[1] = (char)(0x80 | (cp >> 6 & 0x3f));
			name[2] = (char)(0x80 | (cp & 0x3f));
			n = 3;
		} else {
			name[0] = (char)(0xf0 | cp >> 18);
			name[1] = (char)(0x80 | (cp >> 12 & 0x3f));
			name[2] = (char)(0x80 | (cp >> 6 & 0x3f));
			name[3] = (char)(0x80 | (cp & 0x3f));
			n = 4;
		}
		name[n] = '\0';
		char out[8];
		ck_assert_msg(match_name_key(name, out, n + 1), "U+%04X does not fit", cp);
		ck_assert_uint_le(strlen(out), n);
	}
}
END_TEST

START_TEST(name_key_longest_name_fits)
{
	/* VALID_NAME_MAX of the widest characters a name may hold (four bytes each) */
	char name[VALID_NAME_SIZE];
	name[0] = '\0';
	for (int i = 0; i < VALID_NAME_MAX; i++)
		strcat(name, "\xf0\xa0\x80\x80"); /* U+20000, a CJK ideograph */
	char out[MATCH_KEY_SIZE];
	ck_assert(match_name_key(name, out, sizeof out));
	ck_assert_str_eq(out, name);
	/* and ß, which doubles to ss */
	name[0] = '\0';
	for (int i = 0; i < VALID_NAME_MAX; i++)
		strcat(name, "ß");
	ck_assert(match_name_key(name, out, sizeof out));
	ck_assert_uint_eq(strlen(out), 2 * VALID_NAME_MAX);
}
END_TEST

/* ---- phonetic codes ---- */

/* The spelling variants the find step must offer, each group one code. */
static const char *const sound_groups[][4] = {
	{ "Catherine", "Katherine", "Kathryn", NULL },
	{ "Steven", "Stephen", NULL },
	{ "Jon", "John", NULL },
	{ "Smith", "Smyth", NULL },
	{ "Mohammed", "Muhammad", "Mohamed", NULL },
	{ "Sean", "Shaun", NULL },
	{ "Philip", "Phillip", NULL },
	{ "Christine", "Kristine", NULL },
	{ "Sarah", "Sara", NULL },
	{ "Clare", "Claire", NULL },
	{ "Ahmed", "Ahmad", NULL },
	{ "Joseph", "Jozef", NULL },
	{ "Lee", "Leigh", NULL },
	{ "Zoë", "Zoe", "ZOE", NULL },
	{ "O'Brien", "OBrien", "O’Brien", NULL },
};

START_TEST(sounds_alike)
{
	const char *const *group = sound_groups[_i];
	char first[MATCH_PHONETIC_SIZE];
	ck_assert(match_phonetic_key(group[0], first, sizeof first));
	ck_assert_uint_eq(strlen(first), MATCH_PHONETIC_SIZE - 1);
	for (size_t i = 1; i < 4 && group[i]; i++)
		ck_assert_msg(strcmp(code(group[i]), first) == 0, "%s is %s but %s is %s", group[0],
			      first, group[i], code(group[i]));
}
END_TEST

START_TEST(phonetic_codes)
{
	/* the pairs, with the codes the header names */
	ck_assert_str_eq(code("Kathryn"), "KTRN111111");
	ck_assert_str_eq(code("Stephen"), "STFN111111");
	ck_assert_str_eq(code("John"), "YN11111111");
	ck_assert_str_eq(code("Smyth"), "SMT1111111");
	ck_assert_str_eq(code("Muhammad"), "MMT1111111");
	ck_assert_str_eq(code("Shaun"), "SN11111111");
	ck_assert_str_eq(code("Phillip"), "FLP1111111");
	/* the examples of the Caverphone 2.0 specification */
	ck_assert_str_eq(code("Stevenson"), "STFNSN1111");
	ck_assert_str_eq(code("Peter"), "PTA1111111");
	ck_assert_str_eq(code("ready"), "RTA1111111");
	ck_assert_str_eq(code("social"), "SSA1111111");
	ck_assert_str_eq(code("able"), "APA1111111");
	ck_assert_str_eq(code("Tedder"), "TTA1111111");
	ck_assert_str_eq(code("Karleen"), "KLN1111111");
	ck_assert_str_eq(code("Dyun"), "TN11111111");
	/* start and end rules */
	ck_assert_str_eq(code("mb"), "M111111111");
	ck_assert_str_eq(code("mbmb"), "MPM1111111");
	ck_assert_str_eq(code("Tough"), "TF11111111");
	ck_assert_str_eq(code("Gnome"), "NM11111111");
	ck_assert_str_eq(code("earth"), "AT11111111");
	ck_assert_str_eq(code("head"), "AT11111111");
	ck_assert_str_eq(code("Yves"), "AFS1111111");
	/* words run together; ten letters at most */
	ck_assert_str_eq(code("Anne-Marie"), code("Annemarie"));
	ck_assert_str_eq(code("Bartholomew Christopherson"), "PTLMKRSTFS");
}
END_TEST

START_TEST(phonetic_limits)
{
	/* what the header says Caverphone does not do */
	ck_assert_str_ne(code("Geoffrey"), code("Jeffrey"));
	ck_assert_str_ne(code("Ciara"), code("Kiera"));
	/* and the collisions it warns of */
	ck_assert_str_eq(code("Sean"), code("Shane"));
	ck_assert_str_eq(code("Mohammed"), code("Mahmood"));
	/* nothing to code: no code rather than ten 1s */
	ck_assert_str_eq(code("Иван"), "");
	ck_assert_str_eq(code("王芳"), "");
	ck_assert_str_eq(code("e"), "");
	ck_assert_str_eq(code(""), "");
	ck_assert_str_eq(code(NULL), "");
	ck_assert_str_eq(code("Ivan Иван"), code("Ivan"));
}
END_TEST

START_TEST(phonetic_too_small)
{
	char out[MATCH_PHONETIC_SIZE - 1] = "x";
	ck_assert(!match_phonetic_key("Smith", out, sizeof out));
	ck_assert_str_eq(out, "");
	ck_assert(!match_phonetic_key("Smith", out, 0));
}
END_TEST

/* ---- distances ---- */

START_TEST(edit_distances)
{
	ck_assert_int_eq(match_edit_distance("john", "john", 2), 0);
	ck_assert_int_eq(match_edit_distance("jon", "john", 2), 1);    /* insertion */
	ck_assert_int_eq(match_edit_distance("john", "jon", 2), 1);    /* deletion */
	ck_assert_int_eq(match_edit_distance("smith", "smyth", 2), 1); /* substitution */
	ck_assert_int_eq(match_edit_distance("jonh", "john", 2), 1);   /* neighbours swapped */
	ck_assert_int_eq(match_edit_distance("anne marie", "annemarie", 2), 1);
	ck_assert_int_eq(match_edit_distance("kitten", "sitting", 5), 3);
	ck_assert_int_eq(match_edit_distance("", "abc", 5), 3);
	ck_assert_int_eq(match_edit_distance("abc", "", 5), 3);
	ck_assert_int_eq(match_edit_distance("", "", 0), 0);
	ck_assert_int_eq(match_edit_distance(NULL, "ab", 5), 2);
	ck_assert_int_eq(match_edit_distance("ca", "abc", 5), 3); /* OSA: no edit after a swap */
}
END_TEST

START_TEST(edit_distance_counts_code_points)
{
	/* one letter each, although two or three bytes */
	ck_assert_int_eq(match_edit_distance("zoë", "zoe", 2), 1);
	ck_assert_int_eq(match_edit_distance("иван", "иванн", 2), 1);
	ck_assert_int_eq(match_edit_distance("王芳", "王方", 2), 1);
	ck_assert_int_eq(match_edit_distance("ёж", "жё", 2), 1);
}
END_TEST

START_TEST(edit_distance_stops_at_max)
{
	ck_assert_int_eq(match_edit_distance("abcdef", "uvwxyz", 2), 3);
	ck_assert_int_eq(match_edit_distance("a", "abcdefgh", 1), 2); /* lengths alone */
	ck_assert_int_eq(match_edit_distance("john", "mary", 0), 1);
	ck_assert_int_eq(match_edit_distance("john", "john", 0), 0);
	ck_assert_int_eq(match_edit_distance("abc", "abd", -3), 1); /* a negative max is 0 */
	/* exactly max is within */
	ck_assert_int_eq(match_edit_distance("kitten", "sitting", 3), 3);
	ck_assert_int_eq(match_edit_distance("kitten", "sitting", 2), 3);
}
END_TEST

START_TEST(edit_distance_long_keys)
{
	char a[600], b[600];
	memset(a, 'a', 300);
	a[300] = '\0';
	memcpy(b, a, 301);
	ck_assert_int_eq(match_edit_distance(a, b, 2), 0);
	b[150] = 'b';
	ck_assert_int_eq(match_edit_distance(a, b, 2), 3);
	/* 256 code points are still compared letter by letter */
	a[256] = b[256] = '\0';
	ck_assert_int_eq(match_edit_distance(a, b, 2), 1);
}
END_TEST

START_TEST(close_names)
{
	/* up to five letters: one edit */
	ck_assert(match_is_close_name("jon", "john"));
	ck_assert(match_is_close_name("smith", "smyth"));
	ck_assert(match_is_close_name("jonh", "john"));
	ck_assert(!match_is_close_name("jo", "john"));
	ck_assert(!match_is_close_name("smith", "smote"));
	ck_assert(!match_is_close_name("mary", "maria"));
	/* longer: two edits */
	ck_assert(match_is_close_name("philip", "phillip"));
	ck_assert(match_is_close_name("jonathan", "johnathon"));
	ck_assert(match_is_close_name("mohammed", "muhammad"));
	ck_assert(match_is_close_name("jonathan", "jhonathon"));
	ck_assert(!match_is_close_name("christopher", "kristofer"));
	ck_assert(!match_is_close_name("catherine", "kathryn"));
	/* the shorter sets the allowance: five letters against eight */
	ck_assert(!match_is_close_name("karen", "karenna"));
	ck_assert(match_is_close_name("karena", "karenna"));
	ck_assert(!match_is_close_name("alan", "al"));
	/* spaces are not letters: "anne marie" has nine */
	ck_assert(match_is_close_name("anne marie", "anna maria"));
	/* identical; empty */
	ck_assert(match_is_close_name("zoe", "zoe"));
	ck_assert(!match_is_close_name("", "a"));
	ck_assert(!match_is_close_name("a", ""));
	ck_assert(!match_is_close_name("", ""));
	ck_assert(!match_is_close_name(NULL, "a"));
	/* letters, not bytes: six-letter Cyrillic names get two edits */
	ck_assert(match_is_close_name("наталья", "наталия"));
	ck_assert(match_is_close_name("алексей", "алекси"));
}
END_TEST

/* ---- dates of birth ---- */

START_TEST(swapped_dates)
{
	struct valid_date out = { 0, 0, 0 };
	ck_assert(match_swapped_dob(1990, 4, 3, &out));
	ck_assert_int_eq(out.year, 1990);
	ck_assert_int_eq(out.month, 3);
	ck_assert_int_eq(out.day, 4);
	ck_assert(match_swapped_dob(1990, 3, 4, &out));
	ck_assert_int_eq(out.month, 4);
	ck_assert_int_eq(out.day, 3);
	ck_assert(match_swapped_dob(2000, 12, 1, &out));
	ck_assert_int_eq(out.month, 1);
	ck_assert_int_eq(out.day, 12);
	ck_assert(match_swapped_dob(2000, 2, 12, &out)); /* 12 February <-> 2 December */
	ck_assert_int_eq(out.month, 12);
	ck_assert_int_eq(out.day, 2);

	struct valid_date untouched = { 1, 2, 3 };
	out = untouched;
	ck_assert(!match_swapped_dob(1990, 4, 13, &out)); /* no 13th month */
	ck_assert(!match_swapped_dob(1990, 4, 4, &out));  /* the same date */
	ck_assert(!match_swapped_dob(1990, 12, 12, &out));
	ck_assert(!match_swapped_dob(1990, 2, 31, &out)); /* not a real date */
	ck_assert(!match_swapped_dob(1990, 2, 29, &out)); /* not a leap year */
	ck_assert(!match_swapped_dob(1990, 13, 4, &out));
	ck_assert(!match_swapped_dob(1990, 4, 0, &out));
	ck_assert(!match_swapped_dob(2000, 2, 29, &out)); /* real, but 29 is no month */
	ck_assert_int_eq(out.year, 1);
	ck_assert_int_eq(out.month, 2);
	ck_assert_int_eq(out.day, 3);
}
END_TEST

/* ---- comparing people ---- */

static struct match_person person(const char *first, const char *last, int year, int month, int day)
{
	struct match_person p = { first, last, { year, month, day } };
	return p;
}

struct compare_case {
	const char *why;
	struct match_person typed, candidate;
	enum match_kind kind;
	enum match_reason reason;
};

/* clang-format off */
static const struct compare_case compare_cases[] = {
	{"same person typed the same way",
	 {"Jane", "Smith", {1980, 3, 12}}, {"Jane", "Smith", {1980, 3, 12}},
	 MATCH_EXACT, MATCH_REASON_NONE},
	{"exact ignores case, accents, spaces and apostrophes",
	 {" ZOË ", "o’brien", {1980, 3, 12}}, {"Zoe", "O'Brien", {1980, 3, 12}},
	 MATCH_EXACT, MATCH_REASON_NONE},
	{"exact: hyphen or space",
	 {"Anne Marie", "Lewis-Jones", {2001, 7, 30}}, {"Anne-Marie", "Lewis Jones", {2001, 7, 30}},
	 MATCH_EXACT, MATCH_REASON_NONE},
	{"(a) day and month swapped",
	 {"Jane", "Smith", {1980, 4, 3}}, {"Jane", "Smith", {1980, 3, 4}},
	 MATCH_CLOSE, MATCH_REASON_DOB_SWAPPED},
	{"(a) needs the names exact",
	 {"Jayne", "Smith", {1980, 4, 3}}, {"Jane", "Smith", {1980, 3, 4}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"year one off",
	 {"Jane", "Smith", {1981, 3, 12}}, {"Jane", "Smith", {1980, 3, 12}},
	 MATCH_CLOSE, MATCH_REASON_DOB_DIFFERS},
	{"day one off",
	 {"Jane", "Smith", {1980, 3, 13}}, {"Jane", "Smith", {1980, 3, 12}},
	 MATCH_CLOSE, MATCH_REASON_DOB_DIFFERS},
	{"month differs",
	 {"Jane", "Smith", {1980, 5, 12}}, {"Jane", "Smith", {1980, 3, 12}},
	 MATCH_CLOSE, MATCH_REASON_DOB_DIFFERS},
	{"two parts of the date differ: someone else",
	 {"Jane", "Smith", {1981, 4, 12}}, {"Jane", "Smith", {1980, 3, 12}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"swapped day and month, then a different year",
	 {"Jane", "Smith", {1981, 4, 3}}, {"Jane", "Smith", {1980, 3, 4}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"(b) first name misspelt",
	 {"Jon", "Smith", {1980, 3, 12}}, {"John", "Smith", {1980, 3, 12}},
	 MATCH_CLOSE, MATCH_REASON_SPELLING},
	{"(b) both names misspelt",
	 {"Jonh", "Smyth", {1980, 3, 12}}, {"John", "Smith", {1980, 3, 12}},
	 MATCH_CLOSE, MATCH_REASON_SPELLING},
	{"(b) first name sounds alike",
	 {"Kathryn", "Jones", {1975, 11, 2}}, {"Catherine", "Jones", {1975, 11, 2}},
	 MATCH_CLOSE, MATCH_REASON_SOUNDS_ALIKE},
	{"(b) one sounds alike, one misspelt: sounds alike",
	 {"Sean", "Smyth", {1975, 11, 2}}, {"Shaun", "Smith", {1975, 11, 2}},
	 MATCH_CLOSE, MATCH_REASON_SOUNDS_ALIKE},
	{"(b) sounds alike, three edits apart",
	 {"Muhammad", "Khan", {1992, 1, 20}}, {"Mohamed", "Khan", {1992, 1, 20}},
	 MATCH_CLOSE, MATCH_REASON_SOUNDS_ALIKE},
	{"(b) Stephen and Steven",
	 {"Stephen", "Brown", {1960, 6, 6}}, {"Steven", "Brown", {1960, 6, 6}},
	 MATCH_CLOSE, MATCH_REASON_SPELLING},
	{"(b) Katherine and Kathryn: too far to spell, alike to hear",
	 {"Katherine", "Brown", {1960, 6, 6}}, {"Kathryn", "Brown", {1960, 6, 6}},
	 MATCH_CLOSE, MATCH_REASON_SOUNDS_ALIKE},
	{"(b) a near name on another date: nothing",
	 {"Jon", "Smith", {1980, 3, 13}}, {"John", "Smith", {1980, 3, 12}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"(b) a near name and a swapped date: nothing",
	 {"Jon", "Smith", {1980, 4, 3}}, {"John", "Smith", {1980, 3, 4}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"twins: same last name and birthday, different first names",
	 {"Oliver", "Patel", {2015, 9, 1}}, {"Amelia", "Patel", {2015, 9, 1}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"same birthday, unrelated names",
	 {"Jane", "Smith", {1980, 3, 12}}, {"Priya", "Shah", {1980, 3, 12}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"(c) first and last names exchanged",
	 {"Smith", "Jane", {1980, 3, 12}}, {"Jane", "Smith", {1980, 3, 12}},
	 MATCH_CLOSE, MATCH_REASON_NAMES_SWAPPED},
	{"(c) exchanged, written differently",
	 {"WEI", "zhang", {1988, 8, 8}}, {"Zhang", "Wei", {1988, 8, 8}},
	 MATCH_CLOSE, MATCH_REASON_NAMES_SWAPPED},
	{"(c) exchanged names need the same date",
	 {"Smith", "Jane", {1980, 3, 13}}, {"Jane", "Smith", {1980, 3, 12}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"a name with nothing in it matches nothing",
	 {"'", "Smith", {1980, 3, 12}}, {"-", "Smith", {1980, 3, 12}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"a missing name matches nothing",
	 {NULL, "Smith", {1980, 3, 12}}, {NULL, "Smith", {1980, 3, 12}},
	 MATCH_NONE, MATCH_REASON_NONE},
	{"Cyrillic names: exact without ё",
	 {"Алёна", "Фёдорова", {1999, 2, 3}}, {"Алена", "Федорова", {1999, 2, 3}},
	 MATCH_EXACT, MATCH_REASON_NONE},
	{"Cyrillic names: spelling, no phonetic code",
	 {"Наталья", "Иванова", {1999, 2, 3}}, {"Наталия", "Иванова", {1999, 2, 3}},
	 MATCH_CLOSE, MATCH_REASON_SPELLING},
	{"names without a phonetic code are not alike by sound",
	 {"Иван", "Петров", {1999, 2, 3}}, {"Олег", "Петров", {1999, 2, 3}},
	 MATCH_NONE, MATCH_REASON_NONE},
};
/* clang-format on */

START_TEST(compare)
{
	const struct compare_case *c = &compare_cases[_i];
	enum match_reason reason = MATCH_REASON__MAX;
	enum match_kind kind = match_compare(&c->typed, &c->candidate, &reason);
	ck_assert_msg(kind == c->kind, "%s: kind %d, expected %d", c->why, kind, c->kind);
	ck_assert_msg(reason == c->reason, "%s: reason %d, expected %d", c->why, reason, c->reason);
	/* the reason is optional */
	ck_assert_int_eq(match_compare(&c->typed, &c->candidate, NULL), c->kind);
}
END_TEST

START_TEST(compare_is_symmetric_for_exact)
{
	struct match_person a = person("Zoë", "D'Arcy", 1970, 1, 1);
	struct match_person b = person("ZOE", "darcy", 1970, 1, 1);
	ck_assert_int_eq(match_compare(&a, &b, NULL), MATCH_EXACT);
	ck_assert_int_eq(match_compare(&b, &a, NULL), MATCH_EXACT);
}
END_TEST

START_TEST(reason_texts)
{
	ck_assert_str_eq(match_reason_text[MATCH_REASON_NONE], "");
	for (int r = MATCH_REASON_NONE + 1; r < MATCH_REASON__MAX; r++) {
		ck_assert_ptr_nonnull(match_reason_text[r]);
		ck_assert_uint_gt(strlen(match_reason_text[r]), 0);
	}
	ck_assert_str_eq(match_reason_text[MATCH_REASON_DOB_SWAPPED],
			 "Day and month of birth swapped");
}
END_TEST

static Suite *matching_suite(void)
{
	Suite *s = suite_create("matching");

	TCase *tc = tcase_create("name keys");
	tcase_add_loop_test(tc, name_keys, 0, COUNT(key_cases));
	tcase_add_test(tc, name_key_spellings_agree);
	tcase_add_test(tc, name_key_null_and_bad_bytes);
	tcase_add_test(tc, name_key_too_small);
	tcase_add_test(tc, name_key_never_longer_than_name);
	tcase_add_test(tc, name_key_longest_name_fits);
	/* the walk over every code point takes a while under valgrind */
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	tc = tcase_create("phonetic codes");
	tcase_add_loop_test(tc, sounds_alike, 0, COUNT(sound_groups));
	tcase_add_test(tc, phonetic_codes);
	tcase_add_test(tc, phonetic_limits);
	tcase_add_test(tc, phonetic_too_small);
	suite_add_tcase(s, tc);

	tc = tcase_create("distances");
	tcase_add_test(tc, edit_distances);
	tcase_add_test(tc, edit_distance_counts_code_points);
	tcase_add_test(tc, edit_distance_stops_at_max);
	tcase_add_test(tc, edit_distance_long_keys);
	tcase_add_test(tc, close_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("people");
	tcase_add_test(tc, swapped_dates);
	tcase_add_loop_test(tc, compare, 0, COUNT(compare_cases));
	tcase_add_test(tc, compare_is_symmetric_for_exact);
	tcase_add_test(tc, reason_texts);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(matching_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
