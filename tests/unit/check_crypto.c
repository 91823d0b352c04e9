/* Unit tests of fcgi/crypto.c: SHA-256 against published and independently computed
 * digests, hex output, random tokens and the constant-time comparison. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/crypto.h"

static const char *sha256_hex(const void *data, size_t len)
{
	static char hex[SHA256_DIGEST_BYTES * 2 + 1];
	uint8_t digest[SHA256_DIGEST_BYTES];
	crypto_sha256(data, len, digest);
	crypto_hex(digest, sizeof digest, hex);
	return hex;
}

static const char *sha256_text(const char *text)
{
	return sha256_hex(text, strlen(text));
}

/* ---- FIPS 180-4 examples (NIST CSRC "Examples with intermediate values") ---- */

START_TEST(sha256_empty)
{
	ck_assert_str_eq(sha256_hex("", 0),
			 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(sha256_abc)
{
	ck_assert_str_eq(sha256_text("abc"),
			 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

START_TEST(sha256_448_bits)
{
	ck_assert_str_eq(sha256_text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
			 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(sha256_896_bits)
{
	ck_assert_str_eq(sha256_text("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
				     "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
			 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}
END_TEST

START_TEST(sha256_million_a)
{
	size_t len = 1000000;
	char *data = malloc(len);
	ck_assert_ptr_nonnull(data);
	memset(data, 'a', len);
	ck_assert_str_eq(sha256_hex(data, len),
			 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(data);
}
END_TEST

/* ---- lengths around the padding boundaries: n times 'a', digests from sha256sum(1),
 * e.g. `head -c 55 /dev/zero | tr '\0' a | sha256sum` ---- */

static const struct {
	size_t len;
	const char *hex;
} a_runs[] = {
	/* 55: the length still fits in the last block with the 0x80 */
	{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
	/* 56: it no longer does, padding takes a second block */
	{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
	{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
	/* 64: one whole block, then a block of padding */
	{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
	{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
	{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	{ 127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a" },
	{ 128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e" },
};

START_TEST(sha256_padding_boundaries)
{
	char data[128];
	memset(data, 'a', sizeof data);
	ck_assert_msg(strcmp(sha256_hex(data, a_runs[_i].len), a_runs[_i].hex) == 0,
		      "SHA-256 of %zu 'a's", a_runs[_i].len);
}
END_TEST

START_TEST(sha256_binary)
{
	/* every byte value, NUL included: the input is bytes, not a string */
	uint8_t data[256];
	for (int i = 0; i < 256; i++)
		data[i] = (uint8_t)i;
	ck_assert_str_eq(sha256_hex(data, sizeof data),
			 "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}
END_TEST

START_TEST(sha256_unaligned_input)
{
	/* the same bytes hash the same wherever they sit in memory */
	char buffer[80];
	memset(buffer, 'a', sizeof buffer);
	const char *expected = "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb";
	for (size_t offset = 0; offset < 8; offset++)
		ck_assert_str_eq(sha256_hex(buffer + offset, 64), expected);
}
END_TEST

/* ---- crypto_hex ---- */

START_TEST(hex)
{
	const uint8_t bytes[] = { 0x00, 0x01, 0x7f, 0x80, 0xab, 0xcd, 0xef, 0xff };
	char out[sizeof bytes * 2 + 1];
	crypto_hex(bytes, sizeof bytes, out);
	ck_assert_str_eq(out, "00017f80abcdefff");

	char empty[1] = { '#' };
	crypto_hex(bytes, 0, empty);
	ck_assert_str_eq(empty, "");
}
END_TEST

START_TEST(hex_exact_size)
{
	/* writes exactly 2 * len + 1 bytes */
	const uint8_t bytes[] = { 0xde, 0xad };
	char out[8];
	memset(out, '#', sizeof out);
	crypto_hex(bytes, sizeof bytes, out);
	ck_assert_str_eq(out, "dead");
	ck_assert_int_eq(out[5], '#');
}
END_TEST

/* ---- crypto_random, crypto_token ---- */

static bool lower_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

START_TEST(token_shape)
{
	char token[TOKEN_HEX_LEN + 2];
	memset(token, '#', sizeof token);
	ck_assert(crypto_token(token));
	ck_assert_uint_eq(strlen(token), 64);
	ck_assert_int_eq(TOKEN_HEX_LEN, 64);
	ck_assert(lower_hex(token));
	ck_assert_int_eq(token[TOKEN_HEX_LEN + 1], '#');
}
END_TEST

START_TEST(tokens_differ)
{
	char first[TOKEN_HEX_LEN + 1], second[TOKEN_HEX_LEN + 1];
	ck_assert(crypto_token(first));
	ck_assert(crypto_token(second));
	ck_assert_str_ne(first, second);
}
END_TEST

START_TEST(tokens_use_every_digit)
{
	/* 100 tokens are 6400 hex digits: each of the 16 turns up (unless a nibble is stuck) */
	int seen[16] = { 0 };
	for (int t = 0; t < 100; t++) {
		char token[TOKEN_HEX_LEN + 1];
		ck_assert(crypto_token(token));
		for (int i = 0; i < TOKEN_HEX_LEN; i++)
			seen[token[i] <= '9' ? token[i] - '0' : token[i] - 'a' + 10]++;
	}
	for (int d = 0; d < 16; d++)
		ck_assert_int_gt(seen[d], 0);
}
END_TEST

START_TEST(random_fills)
{
	uint8_t a[64] = { 0 }, b[64] = { 0 };
	ck_assert(crypto_random(a, sizeof a));
	ck_assert(crypto_random(b, sizeof b));
	ck_assert(memcmp(a, b, sizeof a) != 0);
	ck_assert(crypto_random(a, 0));
	/* more than the 256 bytes getrandom(2) guarantees to fill in one call */
	size_t big = 1 << 20;
	uint8_t *large = calloc(1, big);
	ck_assert_ptr_nonnull(large);
	ck_assert(crypto_random(large, big));
	size_t zeros = 0;
	for (size_t i = big - 4096; i < big; i++)
		zeros += large[i] == 0;
	/* about 16 expected; all 4096 if the tail was never filled */
	ck_assert_uint_lt(zeros, 100);
	free(large);
}
END_TEST

/* ---- crypto_equal ---- */

START_TEST(equal)
{
	ck_assert(crypto_equal("abc", "abc"));
	ck_assert(crypto_equal("", ""));
	char token[TOKEN_HEX_LEN + 1], copy[TOKEN_HEX_LEN + 1];
	ck_assert(crypto_token(token));
	memcpy(copy, token, sizeof copy);
	ck_assert(crypto_equal(token, copy));
}
END_TEST

START_TEST(not_equal)
{
	ck_assert(!crypto_equal("abc", "abd"));
	ck_assert(!crypto_equal("abc", "xbc"));
	ck_assert(!crypto_equal("abc", "ABC"));
	ck_assert(!crypto_equal("\xff", "\x7f"));
	ck_assert(!crypto_equal("\x80", "\x81"));
}
END_TEST

START_TEST(not_equal_lengths)
{
	ck_assert(!crypto_equal("abc", "abcd"));
	ck_assert(!crypto_equal("abcd", "abc"));
	ck_assert(!crypto_equal("", "a"));
	ck_assert(!crypto_equal("a", ""));
}
END_TEST

START_TEST(equal_null)
{
	/* a missing token never matches, not even another missing one */
	ck_assert(!crypto_equal(NULL, "abc"));
	ck_assert(!crypto_equal("abc", NULL));
	ck_assert(!crypto_equal(NULL, ""));
	ck_assert(!crypto_equal(NULL, NULL));
}
END_TEST

#define COUNT(array) ((int)(sizeof(array) / sizeof((array)[0])))

static Suite *crypto_suite(void)
{
	Suite *s = suite_create("crypto");

	TCase *tc = tcase_create("sha256");
	tcase_add_test(tc, sha256_empty);
	tcase_add_test(tc, sha256_abc);
	tcase_add_test(tc, sha256_448_bits);
	tcase_add_test(tc, sha256_896_bits);
	tcase_add_test(tc, sha256_million_a);
	tcase_add_loop_test(tc, sha256_padding_boundaries, 0, COUNT(a_runs));
	tcase_add_test(tc, sha256_binary);
	tcase_add_test(tc, sha256_unaligned_input);
	/* the million under valgrind takes a few seconds */
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("hex");
	tcase_add_test(tc, hex);
	tcase_add_test(tc, hex_exact_size);
	suite_add_tcase(s, tc);

	tc = tcase_create("tokens");
	tcase_add_test(tc, token_shape);
	tcase_add_test(tc, tokens_differ);
	tcase_add_test(tc, tokens_use_every_digit);
	tcase_add_test(tc, random_fills);
	suite_add_tcase(s, tc);

	tc = tcase_create("equal");
	tcase_add_test(tc, equal);
	tcase_add_test(tc, not_equal);
	tcase_add_test(tc, not_equal_lengths);
	tcase_add_test(tc, equal_null);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(crypto_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
