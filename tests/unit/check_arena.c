/* Unit tests of the per-request arena (fcgi/arena.c): alignment, growth past a chunk,
 * reset back to one chunk (what keeps a worker's memory flat), and the string helpers. */
#include <check.h>
#include <signal.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/arena.h"

#define CHUNK 4096

static struct arena *arena;
static size_t one_chunk; /* what a fresh arena holds */

static void setup(void)
{
	arena = arena_new(CHUNK);
	one_chunk = arena_bytes_held(arena);
}

static void teardown(void)
{
	arena_free(arena);
	arena = NULL;
}

static bool aligned(const void *p)
{
	return (uintptr_t)p % alignof(max_align_t) == 0;
}

START_TEST(fresh_arena_holds_one_chunk)
{
	ck_assert_uint_ge(one_chunk, CHUNK);
	ck_assert_uint_lt(one_chunk, 2 * CHUNK);
	/* a tiny chunk size still gives a usable arena */
	struct arena *tiny = arena_new(1);
	ck_assert_uint_gt(arena_bytes_held(tiny), 0);
	char *p = arena_alloc(tiny, 100);
	memset(p, 'x', 100);
	arena_free(tiny);
}
END_TEST

START_TEST(allocations_aligned)
{
	/* odd sizes in a row: each allocation starts aligned for any type */
	for (size_t size = 0; size < 200; size++) {
		void *p = arena_alloc(arena, size);
		ck_assert_ptr_nonnull(p);
		ck_assert_msg(aligned(p), "arena_alloc(%zu) gave %p", size, p);
	}
	ck_assert(aligned(arena_zalloc(arena, 3)));
	ck_assert(aligned(arena_strdup(arena, "odd")));
	ck_assert(aligned(arena_strndup(arena, "odd", 1)));
	ck_assert(aligned(arena_printf(arena, "%d", 1)));
	/* and the types that need it can be used there */
	long double *ld = arena_alloc(arena, sizeof *ld);
	*ld = 1.5L;
	ck_assert(*ld == 1.5L);
}
END_TEST

START_TEST(zalloc_zeroes)
{
	unsigned char *dirty = arena_alloc(arena, 1000);
	memset(dirty, 0xa5, 1000);
	arena_reset(arena);
	/* the same memory again, now through zalloc */
	unsigned char *clean = arena_zalloc(arena, 1000);
	for (size_t i = 0; i < 1000; i++)
		ck_assert_uint_eq(clean[i], 0);
}
END_TEST

START_TEST(many_allocations)
{
	/* far more than one chunk; every allocation keeps its own bytes */
	enum { COUNT = 2000, SIZE = 100 };
	unsigned char **blocks = calloc(COUNT, sizeof *blocks);
	ck_assert_ptr_nonnull(blocks);
	for (int i = 0; i < COUNT; i++) {
		blocks[i] = arena_alloc(arena, SIZE);
		ck_assert(aligned(blocks[i]));
		memset(blocks[i], i & 0xff, SIZE);
	}
	/* counted, then asserted once: 200,000 ck_asserts (each a message to the test runner)
	 * took seconds on a loaded machine */
	size_t wrong = 0;
	for (int i = 0; i < COUNT; i++)
		for (int k = 0; k < SIZE; k++)
			wrong += blocks[i][k] != (unsigned char)(i & 0xff);
	ck_assert_uint_eq(wrong, 0);
	ck_assert_uint_ge(arena_bytes_held(arena), (size_t)COUNT * SIZE);
	ck_assert_uint_gt(arena_bytes_held(arena), one_chunk);
	free(blocks);
}
END_TEST

START_TEST(huge_allocation)
{
	char *small = arena_strdup(arena, "before");
	size_t huge = 16 * 1024 * 1024;
	char *p = arena_alloc(arena, huge);
	ck_assert_ptr_nonnull(p);
	ck_assert(aligned(p));
	memset(p, 'h', huge);
	ck_assert_uint_ge(arena_bytes_held(arena), huge);
	/* what came before is intact and small allocations still work after it */
	ck_assert_str_eq(small, "before");
	char *after = arena_strdup(arena, "after");
	ck_assert_str_eq(after, "after");
	ck_assert_int_eq(p[0], 'h');
	ck_assert_int_eq(p[huge - 1], 'h');
}
END_TEST

START_TEST(allocation_exactly_a_chunk)
{
	char *p = arena_alloc(arena, one_chunk);
	memset(p, 'c', one_chunk);
	char *q = arena_alloc(arena, one_chunk + 1);
	memset(q, 'd', one_chunk + 1);
	ck_assert_int_eq(p[one_chunk - 1], 'c');
}
END_TEST

START_TEST(reset_drops_to_one_chunk)
{
	for (int i = 0; i < 1000; i++)
		arena_alloc(arena, 1000);
	arena_alloc(arena, 8 * 1024 * 1024);
	ck_assert_uint_gt(arena_bytes_held(arena), one_chunk);
	arena_reset(arena);
	ck_assert_uint_eq(arena_bytes_held(arena), one_chunk);
	/* and is usable again */
	char *s = arena_strdup(arena, "again");
	ck_assert_str_eq(s, "again");
	ck_assert_uint_eq(arena_bytes_held(arena), one_chunk);
}
END_TEST

START_TEST(reset_after_huge_first_allocation)
{
	/* the chunk kept is the arena's own, not the huge one made for a single allocation */
	arena_alloc(arena, 4 * 1024 * 1024);
	arena_reset(arena);
	ck_assert_uint_eq(arena_bytes_held(arena), one_chunk);
}
END_TEST

START_TEST(reset_reuses_memory)
{
	/* a worker's requests: memory held stays flat however many there are */
	for (int request = 0; request < 2000; request++) {
		for (int i = 0; i < 50; i++) {
			char *s = arena_printf(arena, "request %d allocation %d", request, i);
			ck_assert_ptr_nonnull(s);
		}
		arena_alloc(arena, (size_t)(request % 7) * 1000);
		arena_reset(arena);
		ck_assert_uint_eq(arena_bytes_held(arena), one_chunk);
	}
}
END_TEST

START_TEST(grow_doubles_and_keeps_items)
{
	struct arena *a = arena_new(1024);
	int *items = NULL;
	size_t count = 0, capacity = 0;
	for (int i = 0; i < 100; i++) {
		int *before = items;
		size_t had = capacity;
		items = arena_grow(a, items, count, &capacity, sizeof *items, 4);
		if (count < had)
			ck_assert_ptr_eq(items, before); /* room left: the same array */
		else
			ck_assert_uint_eq(capacity, had ? had * 2 : 4);
		items[count++] = i;
	}
	ck_assert_uint_eq(capacity, 128);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(items[i], i);
	arena_free(a);
}
END_TEST

START_TEST(reset_fresh_arena)
{
	arena_reset(arena);
	arena_reset(arena);
	ck_assert_uint_eq(arena_bytes_held(arena), one_chunk);
	ck_assert_ptr_nonnull(arena_alloc(arena, 10));
}
END_TEST

START_TEST(printf_formats)
{
	char expected[128];
	snprintf(expected, sizeof expected, "%s-%d-%05.2f-%zu-%x-%c", "abc", -42, 3.14159,
		 (size_t)7, 255u, 'z');
	ck_assert_str_eq(arena_printf(arena, "%s-%d-%05.2f-%zu-%x-%c", "abc", -42, 3.14159,
				      (size_t)7, 255u, 'z'),
			 expected);
	ck_assert_str_eq(arena_printf(arena, "%s", ""), "");
	ck_assert_str_eq(arena_printf(arena, "100%%"), "100%");
	ck_assert_str_eq(arena_printf(arena, "%lld", -9223372036854775807LL - 1),
			 "-9223372036854775808");
}
END_TEST

START_TEST(printf_longer_than_chunk)
{
	size_t len = 3 * CHUNK;
	char *long_text = malloc(len + 1);
	ck_assert_ptr_nonnull(long_text);
	memset(long_text, 'q', len);
	long_text[len] = '\0';
	char *out = arena_printf(arena, "<%s>", long_text);
	ck_assert_uint_eq(strlen(out), len + 2);
	ck_assert_int_eq(out[0], '<');
	ck_assert_int_eq(out[len + 1], '>');
	ck_assert_int_eq(memcmp(out + 1, long_text, len), 0);
	free(long_text);
}
END_TEST

/* arena_printf prints into the chunk's free space and keeps it when it fits: texts that end
 * just inside, exactly at and just past the chunk's end are whole, and later allocations
 * never overlap them. */
START_TEST(printf_at_the_end_of_a_chunk)
{
	for (size_t spare = 0; spare < 3 * sizeof(max_align_t); spare++) {
		arena_reset(arena);
		/* leave about `spare` bytes of the first chunk free */
		size_t used = 0;
		while (arena_bytes_held(arena) == one_chunk && used + 64 < CHUNK - spare) {
			arena_alloc(arena, 64);
			used += 64;
		}
		char *texts[4];
		for (int i = 0; i < 4; i++) {
			texts[i] = arena_printf(arena, "%0*d", (int)(spare + (size_t)i * 7), i);
			ck_assert(aligned(texts[i]));
		}
		char *after = arena_alloc(arena, 32);
		memset(after, 'x', 32);
		for (int i = 0; i < 4; i++) {
			size_t width = spare + (size_t)i * 7;
			ck_assert_uint_eq(strlen(texts[i]), width > 0 ? width : 1);
			ck_assert_int_eq(texts[i][strlen(texts[i]) - 1], '0' + i);
		}
	}
}
END_TEST

static char *via_vprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *via_vprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *out = arena_vprintf(arena, fmt, ap);
	va_end(ap);
	return out;
}

START_TEST(vprintf_formats)
{
	ck_assert_str_eq(via_vprintf("%s=%d", "n", 5), "n=5");
}
END_TEST

START_TEST(strndup_copies)
{
	ck_assert_str_eq(arena_strndup(arena, "hello world", 5), "hello");
	ck_assert_str_eq(arena_strndup(arena, "hello", 0), "");
	/* the source need not be NUL-terminated */
	const char bytes[3] = { 'a', 'b', 'c' };
	char *copy = arena_strndup(arena, bytes, sizeof bytes);
	ck_assert_str_eq(copy, "abc");
	ck_assert_ptr_ne(copy, bytes);
}
END_TEST

START_TEST(strdup_copies)
{
	char source[] = "original";
	char *copy = arena_strdup(arena, source);
	ck_assert_str_eq(copy, "original");
	source[0] = 'X';
	ck_assert_str_eq(copy, "original");
	ck_assert_str_eq(arena_strdup(arena, ""), "");
	ck_assert_ptr_null(arena_strdup(arena, NULL));
}
END_TEST

START_TEST(free_null)
{
	arena_free(NULL);
}
END_TEST

/* ---- regressions: bugs the tests found in fcgi/, fixed; each test fails without its fix ---- */

START_TEST(impossible_size_aborts)
{
	/* "never returns NULL: running out of memory aborts"; a size whose chunk header
	 * overflows size_t must abort too, not hand out a few bytes as if they were many */
	arena_alloc(arena, SIZE_MAX - 40);
}
END_TEST

static Suite *arena_suite(void)
{
	Suite *s = suite_create("arena");

	TCase *tc = tcase_create("alloc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fresh_arena_holds_one_chunk);
	tcase_add_test(tc, allocations_aligned);
	tcase_add_test(tc, zalloc_zeroes);
	tcase_add_test(tc, many_allocations);
	tcase_add_test(tc, huge_allocation);
	tcase_add_test(tc, allocation_exactly_a_chunk);
	tcase_add_test(tc, free_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("reset");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reset_drops_to_one_chunk);
	tcase_add_test(tc, reset_after_huge_first_allocation);
	tcase_add_test(tc, reset_reuses_memory);
	tcase_add_test(tc, reset_fresh_arena);
	tcase_add_test(tc, grow_doubles_and_keeps_items);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, printf_formats);
	tcase_add_test(tc, printf_longer_than_chunk);
	tcase_add_test(tc, vprintf_formats);
	tcase_add_test(tc, printf_at_the_end_of_a_chunk);
	tcase_add_test(tc, strndup_copies);
	tcase_add_test(tc, strdup_copies);
	suite_add_tcase(s, tc);

	tc = tcase_create("regressions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test_raise_signal(tc, impossible_size_aborts, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(arena_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
