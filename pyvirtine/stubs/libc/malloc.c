/* The heap allocator: boundary tags with segregated free lists over the
   [__heap_start, __heap_end) range the image linker reserves. It never asks
   the host for memory (sbrk is denied by default), so running out returns NULL.

   Every chunk starts with a size_t header: its size (a multiple of 16, header
   included) and two flag bits. Chunks start 8 bytes before a 16-byte boundary,
   so payloads are 16-aligned. A free chunk also keeps its size in its last word
   (the footer) so that freeing the chunk after it can find its start, and sits
   in the bin for its size. Adjacent free chunks are always merged, so the chunk
   before a free chunk is in use. A zero-size in-use sentinel ends the heap. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>
#include "hypercall.h"

extern char __heap_start[], __heap_end[];

#define HEADER sizeof(size_t)
#define MIN_CHUNK 32
#define IN_USE 1
#define PREV_IN_USE 2
#define SIZE_MASK (~(size_t)15)
/* Bins 2..63 hold exactly one size (16-byte steps below 1 KiB); bins 64 and
   up each hold a power-of-two range. */
#define EXACT_BINS 64
#define NBINS 128

struct chunk {
    size_t head;
    struct chunk *next, *prev; /* only while free */
};

static struct chunk *bins[NBINS];
static uint64_t bin_map[NBINS / 64];
static int heap_ready;

static size_t chunk_size(struct chunk *c) { return c->head & SIZE_MASK; }

static struct chunk *next_chunk(struct chunk *c)
{
    return (struct chunk *)((char *)c + chunk_size(c));
}

static void write_footer(struct chunk *c)
{
    *(size_t *)((char *)c + chunk_size(c) - HEADER) = chunk_size(c);
}

static int bin_index(size_t size)
{
    int index = EXACT_BINS;
    if (size < 1024)
        return (int)(size >> 4);
    for (size >>= 11; size; size >>= 1)
        index++;
    return index;
}

static void bin_insert(struct chunk *c)
{
    int i = bin_index(chunk_size(c));
    c->prev = NULL;
    c->next = bins[i];
    if (c->next)
        c->next->prev = c;
    bins[i] = c;
    bin_map[i / 64] |= (uint64_t)1 << (i % 64);
}

static void bin_remove(struct chunk *c)
{
    int i = bin_index(chunk_size(c));
    if (c->prev)
        c->prev->next = c->next;
    else
        bins[i] = c->next;
    if (c->next)
        c->next->prev = c->prev;
    if (!bins[i])
        bin_map[i / 64] &= ~((uint64_t)1 << (i % 64));
}

/* The first free chunk of at least `size` bytes: first fit inside the bin
   for `size` (its range may hold smaller chunks), else any chunk of the next
   non-empty bin. */
static struct chunk *find_free(size_t size)
{
    int i = bin_index(size);
    struct chunk *c;
    for (c = bins[i]; c; c = c->next)
        if (chunk_size(c) >= size)
            return c;
    for (i++; i < NBINS; i++) {
        uint64_t word = bin_map[i / 64] >> (i % 64);
        if (!word) {
            i = (i / 64) * 64 + 63;
            continue;
        }
        while (!(word & 1)) {
            word >>= 1;
            i++;
        }
        return bins[i];
    }
    return NULL;
}

/* Lay out the heap on the first malloc of a call, not before the snapshot: the few
 * pages this writes would otherwise be put back after every call of the VM that took
 * the snapshot, mallocs or not. */
static void heap_init(void)
{
    uintptr_t start = ((uintptr_t)__heap_start + HEADER + 15) / 16 * 16 - HEADER;
    uintptr_t end = (uintptr_t)__heap_end;
    struct chunk *first = (struct chunk *)start, *sentinel;
    heap_ready = 1;
    if (end < start + HEADER)
        return; /* no room even for the sentinel: every malloc fails */
    sentinel = (struct chunk *)((end - 2 * HEADER) / 16 * 16 + HEADER);
    if ((uintptr_t)sentinel >= start + MIN_CHUNK) {
        first->head = ((uintptr_t)sentinel - start) | PREV_IN_USE;
        write_footer(first);
        bin_insert(first);
        sentinel->head = IN_USE;
    } else {
        sentinel = first;
        sentinel->head = IN_USE | PREV_IN_USE;
    }
}

/* Chunk size for a request, or 0 if it cannot be represented. */
static size_t request_size(size_t n)
{
    if (n > SIZE_MAX / 2)
        return 0;
    n = (n + HEADER + 15) & SIZE_MASK;
    return n < MIN_CHUNK ? MIN_CHUNK : n;
}

/* Gives the tail of in-use chunk `c` beyond `size` back to the heap. */
static void shrink(struct chunk *c, size_t size)
{
    size_t total = chunk_size(c);
    struct chunk *rest;
    if (total - size < MIN_CHUNK)
        return;
    c->head = size | (c->head & ~SIZE_MASK);
    rest = next_chunk(c);
    rest->head = (total - size) | IN_USE | PREV_IN_USE;
    free((char *)rest + HEADER);
}

void *malloc(size_t n)
{
    size_t size = request_size(n);
    struct chunk *c;
    if (!heap_ready)
        heap_init();
    c = size ? find_free(size) : NULL;
    if (!c) {
        errno = ENOMEM;
        return NULL;
    }
    bin_remove(c);
    c->head |= IN_USE;
    next_chunk(c)->head |= PREV_IN_USE;
    shrink(c, size);
    return (char *)c + HEADER;
}

void free(void *p)
{
    struct chunk *c, *next;
    size_t size;
    if (!p)
        return;
    c = (struct chunk *)((char *)p - HEADER);
    size = chunk_size(c);
    next = next_chunk(c);
    if (!(next->head & IN_USE)) {
        bin_remove(next);
        size += chunk_size(next);
    }
    if (!(c->head & PREV_IN_USE)) {
        size_t prev_size = *(size_t *)((char *)c - HEADER);
        c = (struct chunk *)((char *)c - prev_size);
        bin_remove(c);
        size += prev_size;
    }
    c->head = size | PREV_IN_USE;
    write_footer(c);
    next_chunk(c)->head &= ~(size_t)PREV_IN_USE;
    bin_insert(c);
}

void *calloc(size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    p = malloc(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void *realloc(void *p, size_t n)
{
    size_t size = request_size(n), have;
    struct chunk *c, *next;
    void *moved;
    if (!p)
        return malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    if (!size) {
        errno = ENOMEM;
        return NULL;
    }
    c = (struct chunk *)((char *)p - HEADER);
    have = chunk_size(c);
    next = next_chunk(c);
    if (have < size && !(next->head & IN_USE) && have + chunk_size(next) >= size) {
        bin_remove(next);
        have += chunk_size(next);
        c->head = have | (c->head & ~SIZE_MASK);
        next_chunk(c)->head |= PREV_IN_USE;
    }
    if (have >= size) {
        shrink(c, size);
        return p;
    }
    moved = malloc(n);
    if (moved) {
        memcpy(moved, p, have - HEADER);
        free(p);
    }
    return moved;
}
