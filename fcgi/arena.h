/* Per-request memory: everything a request allocates comes from one arena that is
 * reset when the request ends, so a worker's memory stays flat over millions of requests. */
#ifndef REFERRALS_ARENA_H
#define REFERRALS_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(size_t chunk_size);
void arena_free(struct arena *arena);
/* Frees every allocation but keeps the first chunk for the next request. */
void arena_reset(struct arena *arena);
/* Never returns NULL: running out of memory aborts the worker, whose master restarts it. */
void *arena_alloc(struct arena *arena, size_t size);
void *arena_zalloc(struct arena *arena, size_t size);
char *arena_strdup(struct arena *arena, const char *s);
char *arena_strndup(struct arena *arena, const char *s, size_t len);
char *arena_printf(struct arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *arena, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0), nonnull(2)));
/* An array growing in the arena, before adding its item count + 1: when count has reached
 * *capacity, a new array of twice as many items of size bytes (first when it is empty) with
 * the count items copied. Returns the array to use (items itself while there is room). */
void *arena_grow(struct arena *arena, void *items, size_t count, size_t *capacity, size_t size,
		 size_t first);
/* Bytes currently held (for tests and the memory benchmark). */
size_t arena_bytes_held(const struct arena *arena);

#endif
