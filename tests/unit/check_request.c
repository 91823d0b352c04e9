/* Unit tests of the pure request parsers (fcgi/request.c) and the pure helpers of
 * fcgi/http.c: what a client may send, and what the program must refuse. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"
#include "../../fcgi/http.h"
#include "../../fcgi/request.h"

static struct arena *arena;
static struct req_fields fields;
/* Small limits so the tests can reach them: 10 fields of at most 16 bytes. */
static const struct req_limits limits = { .body_bytes = 4096, .fields = 10, .field_bytes = 16 };

static void setup(void)
{
	arena = arena_new(4096);
	memset(&fields, 0, sizeof fields);
}

static void teardown(void)
{
	arena_free(arena);
	arena = NULL;
}

/* Parses a NUL-terminated string with the small limits. */
static enum req_status parse(const char *text)
{
	return req_parse_urlencoded(arena, text, strlen(text), &limits, &fields);
}

static char *repeat(const char *unit, size_t times)
{
	size_t unit_len = strlen(unit);
	char *out = arena_alloc(arena, unit_len * times + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(out + i * unit_len, unit, unit_len);
	out[unit_len * times] = '\0';
	return out;
}

/* ---- req_parse_urlencoded: what is accepted ---- */

START_TEST(urlencoded_plain)
{
	ck_assert_int_eq(parse("a=1&b=two&name=ben"), REQ_OK);
	ck_assert_uint_eq(fields.count, 3);
	ck_assert_str_eq(fields.items[0].name, "a");
	ck_assert_str_eq(fields.items[0].value, "1");
	ck_assert_uint_eq(fields.items[0].value_len, 1);
	ck_assert_str_eq(req_field_get(&fields, "b"), "two");
	ck_assert_str_eq(req_field_get(&fields, "name"), "ben");
	ck_assert_ptr_null(req_field_get(&fields, "missing"));
	ck_assert_ptr_null(req_field_get(&fields, "nam"));
}
END_TEST

START_TEST(urlencoded_empty_input)
{
	ck_assert_int_eq(parse(""), REQ_OK);
	ck_assert_uint_eq(fields.count, 0);
	ck_assert_ptr_null(req_field_get(&fields, "a"));
}
END_TEST

START_TEST(urlencoded_plus_is_space)
{
	ck_assert_int_eq(parse("q=two+words&r=+lead+&s=a%2Bb"), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "q"), "two words");
	ck_assert_str_eq(req_field_get(&fields, "r"), " lead ");
	/* an encoded plus is a plus */
	ck_assert_str_eq(req_field_get(&fields, "s"), "a+b");
}
END_TEST

START_TEST(urlencoded_percent_escapes)
{
	ck_assert_int_eq(parse("a=%41%62&b=%2f%2F&c=%25&d=100%25&e=%26%3D"), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "a"), "Ab");
	ck_assert_str_eq(req_field_get(&fields, "b"), "//");
	ck_assert_str_eq(req_field_get(&fields, "c"), "%");
	ck_assert_str_eq(req_field_get(&fields, "d"), "100%");
	/* escaped separators are data, not separators */
	ck_assert_str_eq(req_field_get(&fields, "e"), "&=");
	ck_assert_uint_eq(fields.count, 5);
}
END_TEST

START_TEST(urlencoded_names_are_decoded)
{
	ck_assert_int_eq(parse("first+name=Ann&caf%C3%A9=1"), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "first name"), "Ann");
	ck_assert_str_eq(req_field_get(&fields, "caf\xc3\xa9"), "1");
}
END_TEST

START_TEST(urlencoded_utf8_accents)
{
	ck_assert_int_eq(parse("n=Fran%C3%A7oise&m=L%C3%A9a+%C3%98st&e=%E2%82%AC&g=%F0%9D%84%9E"),
			 REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "n"), "Fran\xc3\xa7oise");
	ck_assert_str_eq(req_field_get(&fields, "m"), "L\xc3\xa9"
						      "a \xc3\x98st");
	ck_assert_str_eq(req_field_get(&fields, "e"), "\xe2\x82\xac");
	ck_assert_str_eq(req_field_get(&fields, "g"), "\xf0\x9d\x84\x9e");
	ck_assert_uint_eq(fields.items[0].value_len, 10);
}
END_TEST

START_TEST(urlencoded_raw_utf8_accepted)
{
	/* browsers percent-encode, but a hand-written query string may carry raw UTF-8 */
	ck_assert_int_eq(parse("n=Zo\xc3\xab"), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "n"), "Zo\xc3\xab");
}
END_TEST

START_TEST(urlencoded_empty_values)
{
	ck_assert_int_eq(parse("a=&b=&c=3"), REQ_OK);
	ck_assert_uint_eq(fields.count, 3);
	ck_assert_str_eq(req_field_get(&fields, "a"), "");
	ck_assert_uint_eq(fields.items[0].value_len, 0);
	ck_assert_str_eq(req_field_get(&fields, "b"), "");
	ck_assert_str_eq(req_field_get(&fields, "c"), "3");
}
END_TEST

START_TEST(urlencoded_name_without_equals)
{
	ck_assert_int_eq(parse("flag&x=1&other"), REQ_OK);
	ck_assert_uint_eq(fields.count, 3);
	ck_assert_str_eq(fields.items[0].name, "flag");
	ck_assert_str_eq(fields.items[0].value, "");
	ck_assert_uint_eq(fields.items[0].value_len, 0);
	ck_assert_str_eq(req_field_get(&fields, "x"), "1");
	ck_assert_str_eq(req_field_get(&fields, "other"), "");
}
END_TEST

START_TEST(urlencoded_value_keeps_later_equals)
{
	ck_assert_int_eq(parse("t=a=b=c&u=="), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "t"), "a=b=c");
	ck_assert_str_eq(req_field_get(&fields, "u"), "=");
}
END_TEST

START_TEST(urlencoded_empty_pairs_skipped)
{
	ck_assert_int_eq(parse("&&a=1&&b=2&"), REQ_OK);
	ck_assert_uint_eq(fields.count, 2);
	ck_assert_str_eq(fields.items[0].name, "a");
	ck_assert_str_eq(fields.items[1].name, "b");
	ck_assert_str_eq(fields.items[1].value, "2");

	memset(&fields, 0, sizeof fields);
	ck_assert_int_eq(parse("&"), REQ_OK);
	ck_assert_uint_eq(fields.count, 0);
}
END_TEST

START_TEST(urlencoded_repeated_name_first_wins)
{
	ck_assert_int_eq(parse("a=1&b=x&a=2&a=3"), REQ_OK);
	ck_assert_uint_eq(fields.count, 4);
	ck_assert_str_eq(req_field_get(&fields, "a"), "1");
	/* every value is still there, in order */
	ck_assert_str_eq(fields.items[2].value, "2");
	ck_assert_str_eq(fields.items[3].value, "3");
}
END_TEST

START_TEST(urlencoded_respects_len)
{
	/* only the first len bytes are read: a body is not NUL-terminated */
	const char text[] = "a=1&b=2";
	ck_assert_int_eq(req_parse_urlencoded(arena, text, 3, &limits, &fields), REQ_OK);
	ck_assert_uint_eq(fields.count, 1);
	ck_assert_str_eq(req_field_get(&fields, "a"), "1");

	char unterminated[3] = { 'x', '=', '9' };
	memset(&fields, 0, sizeof fields);
	ck_assert_int_eq(
		req_parse_urlencoded(arena, unterminated, sizeof unterminated, &limits, &fields),
		REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "x"), "9");
}
END_TEST

START_TEST(urlencoded_appends)
{
	/* the query string and the body go into one list, query first */
	ck_assert_int_eq(parse("a=query"), REQ_OK);
	ck_assert_int_eq(parse("a=body&b=2"), REQ_OK);
	ck_assert_uint_eq(fields.count, 3);
	ck_assert_str_eq(req_field_get(&fields, "a"), "query");
	ck_assert_str_eq(req_field_get(&fields, "b"), "2");
}
END_TEST

START_TEST(urlencoded_many_fields_grow)
{
	/* more fields than the list's first allocation */
	const struct req_limits roomy = { .body_bytes = 65536, .fields = 100, .field_bytes = 64 };
	char *text = arena_strdup(arena, "");
	for (int i = 0; i < 100; i++)
		text = arena_printf(arena, "%s%sf%d=v%d", text, i ? "&" : "", i, i);
	ck_assert_int_eq(req_parse_urlencoded(arena, text, strlen(text), &roomy, &fields), REQ_OK);
	ck_assert_uint_eq(fields.count, 100);
	for (int i = 0; i < 100; i++) {
		ck_assert_str_eq(fields.items[i].name, arena_printf(arena, "f%d", i));
		ck_assert_str_eq(fields.items[i].value, arena_printf(arena, "v%d", i));
	}
}
END_TEST

/* ---- req_parse_urlencoded: what is refused ---- */

static const char *const malformed_inputs[] = {
	"a=%",		  /* escape cut short */
	"a=%4",		  /* one hex digit */
	"a=%z",		  /* not hex */
	"a=%zz",	  /* not hex */
	"a=%4g",	  /* second digit not hex */
	"a=%%41",	  /* a percent sign must itself be escaped */
	"a=1&b=x%",	  /* at the very end */
	"%zz=1",	  /* in a name */
	"%=1",		  /* in a name, cut short */
	"a=%00",	  /* NUL */
	"a=x%00y",	  /* NUL inside */
	"%00=1",	  /* NUL in a name */
	"a=%C3%28",	  /* a lead byte followed by a non-continuation */
	"a=%C3",	  /* a lead byte at the end */
	"a=%E2%82",	  /* three-byte sequence cut short */
	"a=%C0%AF",	  /* overlong '/' */
	"a=%C1%BF",	  /* overlong */
	"a=%E0%80%AF",	  /* overlong, three bytes */
	"a=%F0%80%80%AF", /* overlong, four bytes */
	"a=%ED%A0%80",	  /* a UTF-16 surrogate */
	"a=%ED%BF%BF",	  /* the last surrogate */
	"a=%F4%90%80%80", /* beyond U+10FFFF */
	"a=%F5%80%80%80", /* not a lead byte */
	"a=%FF",	  /* never valid */
	"a=%80",	  /* a lone continuation byte */
	"a=\xff",	  /* raw invalid byte */
	"\xc3\x28=1",	  /* raw invalid name */
};

START_TEST(urlencoded_malformed)
{
	const char *input = malformed_inputs[_i];
	ck_assert_msg(parse(input) == REQ_MALFORMED, "\"%s\" should be REQ_MALFORMED", input);
}
END_TEST

START_TEST(urlencoded_malformed_after_good_fields)
{
	/* one bad pair refuses the whole request, whatever came before it */
	ck_assert_int_eq(parse("a=1&b=2&c=%zz&d=4"), REQ_MALFORMED);
}
END_TEST

START_TEST(urlencoded_valid_utf8_edges)
{
	/* the boundaries just inside what is refused above */
	ck_assert_int_eq(parse("a=%C2%80&b=%ED%9F%BF&c=%EE%80%80&d=%F4%8F%BF%BF&e=%7F"), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "a"), "\xc2\x80");
	ck_assert_str_eq(req_field_get(&fields, "b"), "\xed\x9f\xbf");
	ck_assert_str_eq(req_field_get(&fields, "c"), "\xee\x80\x80");
	ck_assert_str_eq(req_field_get(&fields, "d"), "\xf4\x8f\xbf\xbf");
	ck_assert_str_eq(req_field_get(&fields, "e"), "\x7f");
}
END_TEST

START_TEST(urlencoded_fields_at_limit)
{
	ck_assert_int_eq(parse("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10"), REQ_OK);
	ck_assert_uint_eq(fields.count, limits.fields);
}
END_TEST

START_TEST(urlencoded_fields_over_limit)
{
	ck_assert_int_eq(parse("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11"), REQ_TOO_LARGE);
}
END_TEST

START_TEST(urlencoded_fields_limit_counts_pairs_not_separators)
{
	/* empty pairs are not fields */
	ck_assert_int_eq(parse("&&a=1&b=2&c=3&d=4&e=5&&f=6&g=7&h=8&i=9&j=10&&&"), REQ_OK);
	ck_assert_uint_eq(fields.count, 10);
	/* bare names are */
	memset(&fields, 0, sizeof fields);
	ck_assert_int_eq(parse("a&b&c&d&e&f&g&h&i&j&k"), REQ_TOO_LARGE);
}
END_TEST

START_TEST(urlencoded_value_at_limit)
{
	char *text = arena_printf(arena, "v=%s", repeat("x", limits.field_bytes));
	ck_assert_int_eq(parse(text), REQ_OK);
	ck_assert_uint_eq(strlen(req_field_get(&fields, "v")), limits.field_bytes);
	ck_assert_uint_eq(fields.items[0].value_len, limits.field_bytes);
}
END_TEST

START_TEST(urlencoded_value_over_limit)
{
	char *text = arena_printf(arena, "v=%s", repeat("x", limits.field_bytes + 1));
	ck_assert_int_eq(parse(text), REQ_TOO_LARGE);
}
END_TEST

START_TEST(urlencoded_encoded_value_at_limit)
{
	/* the limit is on the decoded value: 16 escapes are 48 bytes on the wire */
	char *text = arena_printf(arena, "v=%s", repeat("%41", limits.field_bytes));
	ck_assert_int_eq(parse(text), REQ_OK);
	ck_assert_str_eq(req_field_get(&fields, "v"), repeat("A", limits.field_bytes));

	memset(&fields, 0, sizeof fields);
	text = arena_printf(arena, "v=%s", repeat("%C3%A9", limits.field_bytes / 2));
	ck_assert_int_eq(parse(text), REQ_OK);
	ck_assert_uint_eq(fields.items[0].value_len, limits.field_bytes);

	memset(&fields, 0, sizeof fields);
	text = arena_printf(arena, "v=%s", repeat("+", limits.field_bytes));
	ck_assert_int_eq(parse(text), REQ_OK);
}
END_TEST

START_TEST(urlencoded_encoded_value_over_limit)
{
	char *text = arena_printf(arena, "v=%s", repeat("%41", limits.field_bytes + 1));
	ck_assert_int_eq(parse(text), REQ_TOO_LARGE);

	memset(&fields, 0, sizeof fields);
	text = arena_printf(arena, "v=%s", repeat("%C3%A9", limits.field_bytes / 2 + 1));
	ck_assert_int_eq(parse(text), REQ_TOO_LARGE);

	memset(&fields, 0, sizeof fields);
	text = arena_printf(arena, "v=%sx", repeat("%41", limits.field_bytes));
	ck_assert_int_eq(parse(text), REQ_TOO_LARGE);
}
END_TEST

START_TEST(urlencoded_long_name_refused)
{
	/* names are the program's own; a very long one is not a form we wrote */
	char *text = arena_printf(arena, "%s=1", repeat("n", 10000));
	ck_assert_int_ne(parse(text), REQ_OK);
}
END_TEST

/* ---- req_parse_cookies ---- */

START_TEST(cookies_several)
{
	req_parse_cookies(arena, "a=1; b=2; session=abc123", &fields);
	ck_assert_uint_eq(fields.count, 3);
	ck_assert_str_eq(req_field_get(&fields, "a"), "1");
	ck_assert_str_eq(req_field_get(&fields, "b"), "2");
	ck_assert_str_eq(req_field_get(&fields, "session"), "abc123");
	ck_assert_uint_eq(fields.items[2].value_len, 6);
}
END_TEST

START_TEST(cookies_spaces)
{
	req_parse_cookies(arena, "   a=1 ;b=2;\tc=3\t;  d=4   ", &fields);
	ck_assert_uint_eq(fields.count, 4);
	ck_assert_str_eq(req_field_get(&fields, "a"), "1");
	ck_assert_str_eq(req_field_get(&fields, "b"), "2");
	ck_assert_str_eq(req_field_get(&fields, "c"), "3");
	ck_assert_str_eq(req_field_get(&fields, "d"), "4");
	ck_assert_uint_eq(fields.items[3].value_len, 1);
}
END_TEST

START_TEST(cookies_quoted_value)
{
	req_parse_cookies(arena, "sid=\"abc\"; e=\"\"; plain=x", &fields);
	ck_assert_str_eq(req_field_get(&fields, "sid"), "abc");
	ck_assert_uint_eq(fields.items[0].value_len, 3);
	ck_assert_str_eq(req_field_get(&fields, "e"), "");
	ck_assert_str_eq(req_field_get(&fields, "plain"), "x");

	/* a lone quote is not a quoted empty value */
	memset(&fields, 0, sizeof fields);
	req_parse_cookies(arena, "q=\"; after=1", &fields);
	ck_assert_uint_eq(fields.count, 1);
	ck_assert_str_eq(req_field_get(&fields, "after"), "1");
}
END_TEST

START_TEST(cookies_malformed_pairs_skipped)
{
	req_parse_cookies(arena,
			  "good=1; bare; =novalue; x y=2; q=\"open; sp=a b; comma=a,b; bs=a\\b; "
			  "dq=a\"b; hi=\xc3\xa9; (bad)=3; ok=2",
			  &fields);
	ck_assert_uint_eq(fields.count, 2);
	ck_assert_str_eq(req_field_get(&fields, "good"), "1");
	ck_assert_str_eq(req_field_get(&fields, "ok"), "2");
	ck_assert_ptr_null(req_field_get(&fields, "bare"));
	ck_assert_ptr_null(req_field_get(&fields, "q"));
	ck_assert_ptr_null(req_field_get(&fields, "sp"));
	ck_assert_ptr_null(req_field_get(&fields, "hi"));
}
END_TEST

START_TEST(cookies_equals_in_value)
{
	req_parse_cookies(arena, "t=abc==; u=a=b; v==", &fields);
	ck_assert_uint_eq(fields.count, 3);
	ck_assert_str_eq(req_field_get(&fields, "t"), "abc==");
	ck_assert_str_eq(req_field_get(&fields, "u"), "a=b");
	ck_assert_str_eq(req_field_get(&fields, "v"), "=");
}
END_TEST

START_TEST(cookies_empty_value)
{
	req_parse_cookies(arena, "a=; b=2", &fields);
	ck_assert_uint_eq(fields.count, 2);
	ck_assert_str_eq(req_field_get(&fields, "a"), "");
	ck_assert_uint_eq(fields.items[0].value_len, 0);
}
END_TEST

START_TEST(cookies_repeated_name_first_wins)
{
	/* browsers send the cookie with the longest path first */
	req_parse_cookies(arena, "sid=first; sid=second", &fields);
	ck_assert_uint_eq(fields.count, 2);
	ck_assert_str_eq(req_field_get(&fields, "sid"), "first");
}
END_TEST

START_TEST(cookies_empty_header)
{
	req_parse_cookies(arena, "", &fields);
	ck_assert_uint_eq(fields.count, 0);
	req_parse_cookies(arena, "  ;; ; ", &fields);
	ck_assert_uint_eq(fields.count, 0);
}
END_TEST

START_TEST(cookies_null_header)
{
	req_parse_cookies(arena, NULL, &fields);
	ck_assert_uint_eq(fields.count, 0);
	ck_assert_ptr_null(req_field_get(&fields, "a"));
}
END_TEST

START_TEST(cookies_values_not_decoded)
{
	req_parse_cookies(arena, "a=%41+b", &fields);
	ck_assert_str_eq(req_field_get(&fields, "a"), "%41+b");
}
END_TEST

/* ---- req_valid_utf8 ---- */

static const char *const good_utf8[] = {
	"",
	"plain ascii",
	"\x7f",
	"caf\xc3\xa9",		     /* é */
	"\xc2\x80",		     /* the first two-byte character */
	"\xdf\xbf",		     /* the last two-byte character */
	"\xe0\xa0\x80",		     /* the first three-byte character */
	"\xe2\x82\xac",		     /* € */
	"\xed\x9f\xbf",		     /* just below the surrogates */
	"\xee\x80\x80",		     /* just above the surrogates */
	"\xef\xbf\xbf",		     /* U+FFFF */
	"\xf0\x90\x80\x80",	     /* the first four-byte character */
	"\xf0\x9d\x84\x9e",	     /* musical G clef */
	"\xf4\x8f\xbf\xbf",	     /* U+10FFFF */
	"Zo\xc3\xab \xe2\x82\xac 5", /* mixed */
};

static const char *const bad_utf8[] = {
	"\x80",			/* lone continuation */
	"\xbf",			/* lone continuation */
	"\xc3\x28",		/* lead then not a continuation */
	"\xc3",			/* lead at the end */
	"a\xc3",		/* lead at the end, after text */
	"\xc0\xaf",		/* overlong two-byte */
	"\xc1\xbf",		/* overlong two-byte */
	"\xe0\x80\xaf",		/* overlong three-byte */
	"\xe0\x9f\xbf",		/* overlong three-byte, the largest */
	"\xf0\x80\x80\xaf",	/* overlong four-byte */
	"\xf0\x8f\xbf\xbf",	/* overlong four-byte, the largest */
	"\xed\xa0\x80",		/* surrogate D800 */
	"\xed\xbf\xbf",		/* surrogate DFFF */
	"\xf4\x90\x80\x80",	/* U+110000 */
	"\xf5\x80\x80\x80",	/* lead byte out of range */
	"\xf8\x88\x80\x80\x80", /* five-byte form */
	"\xfe",
	"\xff",
	"\xe2\x82",	/* cut short */
	"\xf0\x9d\x84", /* cut short */
	"\xe2\x28\xac", /* second byte not a continuation */
	"\xe2\x82\x28", /* third byte not a continuation */
};

START_TEST(utf8_good)
{
	const char *s = good_utf8[_i];
	ck_assert_msg(req_valid_utf8(s, strlen(s)), "good_utf8[%d] refused", _i);
}
END_TEST

START_TEST(utf8_bad)
{
	const char *s = bad_utf8[_i];
	ck_assert_msg(!req_valid_utf8(s, strlen(s)), "bad_utf8[%d] accepted", _i);
}
END_TEST

START_TEST(utf8_respects_len)
{
	/* a character cut by len is invalid even though the bytes after it would complete it */
	ck_assert(!req_valid_utf8("\xc3\xa9", 1));
	ck_assert(!req_valid_utf8("\xe2\x82\xac", 2));
	ck_assert(req_valid_utf8("ab\xff", 2));
	ck_assert(req_valid_utf8(NULL, 0));
	/* NUL is valid UTF-8; refusing it is the parser's job */
	ck_assert(req_valid_utf8("a\0b", 3));
}
END_TEST

/* ---- req_percent_decode ---- */

START_TEST(percent_decode)
{
	char out[64];
	ck_assert_int_eq(req_percent_decode("a%20b+c", 7, out), 5);
	ck_assert_str_eq(out, "a b c");
	ck_assert_int_eq(req_percent_decode("", 0, out), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(req_percent_decode("%41%4a%4A", 9, out), 3);
	ck_assert_str_eq(out, "AJJ");
	ck_assert_int_eq(req_percent_decode("%C3%A9", 6, out), 2);
	ck_assert_str_eq(out, "\xc3\xa9");
	/* NUL decodes (the parser refuses it afterwards) */
	ck_assert_int_eq(req_percent_decode("x%00y", 5, out), 3);
	ck_assert_int_eq(memcmp(out, "x\0y", 4), 0);
	/* len is respected: the escape is cut short */
	ck_assert_int_eq(req_percent_decode("%41", 2, out), -1);
	ck_assert_int_eq(req_percent_decode("ab%41", 2, out), 2);
	ck_assert_str_eq(out, "ab");
}
END_TEST

START_TEST(percent_decode_bad)
{
	char out[16];
	ck_assert_int_eq(req_percent_decode("%", 1, out), -1);
	ck_assert_int_eq(req_percent_decode("%4", 2, out), -1);
	ck_assert_int_eq(req_percent_decode("%z", 2, out), -1);
	ck_assert_int_eq(req_percent_decode("%zz", 3, out), -1);
	ck_assert_int_eq(req_percent_decode("%4z", 3, out), -1);
	ck_assert_int_eq(req_percent_decode("%z4", 3, out), -1);
	ck_assert_int_eq(req_percent_decode("ok%", 3, out), -1);
	ck_assert_int_eq(req_percent_decode("% 41", 4, out), -1);
}
END_TEST

/* ---- req_media_type ---- */

START_TEST(media_type)
{
	char out[64];
	req_media_type("Application/X-WWW-Form-Urlencoded; charset=UTF-8", out, sizeof out);
	ck_assert_str_eq(out, "application/x-www-form-urlencoded");
	req_media_type("application/x-www-form-urlencoded", out, sizeof out);
	ck_assert_str_eq(out, "application/x-www-form-urlencoded");
	req_media_type("  text/html ;charset=utf-8", out, sizeof out);
	ck_assert_str_eq(out, "text/html");
	req_media_type("multipart/form-data;boundary=x", out, sizeof out);
	ck_assert_str_eq(out, "multipart/form-data");
	req_media_type("", out, sizeof out);
	ck_assert_str_eq(out, "");
	req_media_type(NULL, out, sizeof out);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(media_type_small_buffer)
{
	char out[8];
	memset(out, '#', sizeof out);
	req_media_type("application/json", out, 5);
	ck_assert_str_eq(out, "appl");
	ck_assert_int_eq(out[5], '#');
	/* no room at all: nothing written */
	memset(out, '#', sizeof out);
	req_media_type("text/plain", out, 0);
	ck_assert_int_eq(out[0], '#');
}
END_TEST

/* ---- fcgi/http.c: http_safe_next, http_method_parse ---- */

START_TEST(safe_next_local_paths)
{
	const char *local[] = {
		"/",   "/x", "/signin", "/a/b?c=d&e=f#g", "/caf\xc3\xa9", "/path/with%2F/escape",
		"/a:b"
	};
	for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
		ck_assert_ptr_eq(http_safe_next(local[i]), local[i]);
}
END_TEST

static const char *const unsafe_next[] = {
	NULL,
	"",
	"//evil.example",
	"///evil.example",
	"/\\evil.example",
	"/a\\b",
	"\\\\evil.example",
	"http://evil.example/",
	"https://evil.example/",
	"javascript:alert(1)",
	"evil.example",
	"x/y",
	" /x",
	"/x\r\nSet-Cookie: a=b",
	"/x\ny",
	"/x\ty",
	"/\t/evil.example",
	"/x\x01",
	"/x\x7f",
};

START_TEST(safe_next_unsafe)
{
	const char *next = unsafe_next[_i];
	ck_assert_msg(strcmp(http_safe_next(next), "/") == 0, "unsafe_next[%d] was not replaced",
		      _i);
}
END_TEST

START_TEST(method_parse)
{
	ck_assert_int_eq(http_method_parse("GET"), HTTP_GET);
	ck_assert_int_eq(http_method_parse("HEAD"), HTTP_HEAD);
	ck_assert_int_eq(http_method_parse("POST"), HTTP_POST);
	ck_assert_int_eq(http_method_parse("PUT"), HTTP_PUT);
	ck_assert_int_eq(http_method_parse("DELETE"), HTTP_DELETE);
	ck_assert_int_eq(http_method_parse("PATCH"), HTTP_PATCH);
	ck_assert_int_eq(http_method_parse("OPTIONS"), HTTP_OPTIONS);
	/* methods are case-sensitive (RFC 9110, 9.1) */
	ck_assert_int_eq(http_method_parse("get"), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse("Post"), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse("GETX"), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse("GE"), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse("TRACE"), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse("OTHER"), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse(""), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse(NULL), HTTP_OTHER);
}
END_TEST

START_TEST(method_names_round_trip)
{
	for (int m = 0; m < HTTP_OTHER; m++) {
		ck_assert_ptr_nonnull(http_method_names[m]);
		ck_assert_int_eq(http_method_parse(http_method_names[m]), m);
	}
	ck_assert_ptr_nonnull(http_method_names[HTTP_OTHER]);
}
END_TEST

#define COUNT(array) ((int)(sizeof(array) / sizeof((array)[0])))

static Suite *request_suite(void)
{
	Suite *s = suite_create("request");

	TCase *tc = tcase_create("urlencoded");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, urlencoded_plain);
	tcase_add_test(tc, urlencoded_empty_input);
	tcase_add_test(tc, urlencoded_plus_is_space);
	tcase_add_test(tc, urlencoded_percent_escapes);
	tcase_add_test(tc, urlencoded_names_are_decoded);
	tcase_add_test(tc, urlencoded_utf8_accents);
	tcase_add_test(tc, urlencoded_raw_utf8_accepted);
	tcase_add_test(tc, urlencoded_empty_values);
	tcase_add_test(tc, urlencoded_name_without_equals);
	tcase_add_test(tc, urlencoded_value_keeps_later_equals);
	tcase_add_test(tc, urlencoded_empty_pairs_skipped);
	tcase_add_test(tc, urlencoded_repeated_name_first_wins);
	tcase_add_test(tc, urlencoded_respects_len);
	tcase_add_test(tc, urlencoded_appends);
	tcase_add_test(tc, urlencoded_many_fields_grow);
	tcase_add_test(tc, urlencoded_valid_utf8_edges);
	suite_add_tcase(s, tc);

	tc = tcase_create("urlencoded_refused");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, urlencoded_malformed, 0, COUNT(malformed_inputs));
	tcase_add_test(tc, urlencoded_malformed_after_good_fields);
	tcase_add_test(tc, urlencoded_fields_at_limit);
	tcase_add_test(tc, urlencoded_fields_over_limit);
	tcase_add_test(tc, urlencoded_fields_limit_counts_pairs_not_separators);
	tcase_add_test(tc, urlencoded_value_at_limit);
	tcase_add_test(tc, urlencoded_value_over_limit);
	tcase_add_test(tc, urlencoded_encoded_value_at_limit);
	tcase_add_test(tc, urlencoded_encoded_value_over_limit);
	tcase_add_test(tc, urlencoded_long_name_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("cookies");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cookies_several);
	tcase_add_test(tc, cookies_spaces);
	tcase_add_test(tc, cookies_quoted_value);
	tcase_add_test(tc, cookies_malformed_pairs_skipped);
	tcase_add_test(tc, cookies_equals_in_value);
	tcase_add_test(tc, cookies_empty_value);
	tcase_add_test(tc, cookies_repeated_name_first_wins);
	tcase_add_test(tc, cookies_empty_header);
	tcase_add_test(tc, cookies_null_header);
	tcase_add_test(tc, cookies_values_not_decoded);
	suite_add_tcase(s, tc);

	tc = tcase_create("helpers");
	tcase_add_loop_test(tc, utf8_good, 0, COUNT(good_utf8));
	tcase_add_loop_test(tc, utf8_bad, 0, COUNT(bad_utf8));
	tcase_add_test(tc, utf8_respects_len);
	tcase_add_test(tc, percent_decode);
	tcase_add_test(tc, percent_decode_bad);
	tcase_add_test(tc, media_type);
	tcase_add_test(tc, media_type_small_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("http");
	tcase_add_test(tc, safe_next_local_paths);
	tcase_add_loop_test(tc, safe_next_unsafe, 0, COUNT(unsafe_next));
	tcase_add_test(tc, method_parse);
	tcase_add_test(tc, method_names_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(request_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
