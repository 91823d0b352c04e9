/* A chunked bump allocator: cheap allocation, one reset per request. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
	struct chunk *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

struct arena {
	struct chunk *head; /* current chunk; the first chunk is last in the list */
	size_t chunk_size;
};

static struct chunk *chunk_new(size_t size)
{
	if (size > SIZE_MAX - sizeof(struct chunk))
		abort(); /* no such allocation can succeed: stop rather than wrap around */
	struct chunk *chunk = malloc(sizeof *chunk + size);
	if (chunk == NULL) {
		fputs("referrals: out of memory\n", stderr);
		abort();
	}
	chunk->next = NULL;
	chunk->size = size;
	chunk->used = 0;
	return chunk;
}

struct arena *arena_new(size_t chunk_size)
{
	struct arena *arena = malloc(sizeof *arena);
	if (arena == NULL)
		abort();
	arena->chunk_size = chunk_size < 1024 ? 1024 : chunk_size;
	arena->head = chunk_new(arena->chunk_size);
	return arena;
}

void arena_reset(struct arena *arena)
{
	while (arena->head->next != NULL) {
		struct chunk *next = arena->head->next;
		free(arena->head);
		arena->head = next;
	}
	arena->head->used = 0;
}

void arena_free(struct arena *arena)
{
	if (arena == NULL)
		return;
	arena_reset(arena);
	free(arena->head);
	free(arena);
}

void *arena_alloc(struct arena *arena, size_t size)
{
	const size_t align = sizeof(max_align_t);
	size_t rounded = (size + align - 1) & ~(align - 1);
	if (rounded < size)
		abort(); /* overflow */
	struct chunk *chunk = arena->head;
	if (chunk->size - chunk->used < rounded) {
		size_t want = rounded > arena->chunk_size ? rounded : arena->chunk_size;
		chunk = chunk_new(want);
		chunk->next = arena->head;
		arena->head = chunk;
	}
	void *p = (char *)chunk->data + chunk->used;
	chunk->used += rounded;
	return p;
}

void *arena_zalloc(struct arena *arena, size_t size)
{
	void *p = arena_alloc(arena, size);
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *arena, const char *s, size_t len)
{
	char *copy = arena_alloc(arena, len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *arena_strdup(struct arena *arena, const char *s)
{
	return s == NULL ? NULL : arena_strndup(arena, s, strlen(s));
}

char *arena_vprintf(struct arena *arena, const char *fmt, va_list ap)
{
	/* Printed straight into the current chunk's free space and kept when it fits: one
	 * vsnprintf instead of two (one to measure, one to print). Page building formats tens of
	 * thousands of names and numbers a second, and the second pass showed in the profile. */
	const size_t align = sizeof(max_align_t);
	struct chunk *chunk = arena->head;
	size_t room = (chunk->size - chunk->used) & ~(align - 1);
	char *space = (char *)chunk->data + chunk->used;
	va_list copy;
	va_copy(copy, ap);
	int len = vsnprintf(space, room, fmt, copy);
	va_end(copy);
	if (len < 0)
		abort();
	if ((size_t)len < room)
		return arena_alloc(arena, (size_t)len + 1); /* the same bytes: they fit */
	char *out = arena_alloc(arena, (size_t)len + 1);
	vsnprintf(out, (size_t)len + 1, fmt, ap);
	return out;
}

char *arena_printf(struct arena *arena, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *out = arena_vprintf(arena, fmt, ap);
	va_end(ap);
	return out;
}

size_t arena_bytes_held(const struct arena *arena)
{
	size_t total = 0;
	for (const struct chunk *c = arena->head; c != NULL; c = c->next)
		total += c->size;
	return total;
}

void *arena_grow(struct arena *arena, void *items, size_t count, size_t *capacity, size_t size,
		 size_t first)
{
	if (count < *capacity)
		return items;
	size_t grown = *capacity ? *capacity * 2 : first;
	void *copy = arena_alloc(arena, grown * size);
	if (count > 0)
		memcpy(copy, items, count * size);
	*capacity = grown;
	return copy;
}
