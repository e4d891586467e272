/* Random malloc/calloc/realloc/free traffic. Every block is filled with a
   pattern derived from its slot and generation and checked before it is
   freed or resized, so overlapping blocks or lost contents are caught.
   Prints "ok" and a summary; any failure prints the reason and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include "rng.h"

#define SLOTS 512

static unsigned char *block[SLOTS];
static size_t length[SLOTS];
static unsigned char tag[SLOTS];
/* Results go through a volatile: a compiler may assume an allocation it can
   see unused succeeded. */
static void *volatile sink;

static void fail(const char *what, int slot)
{
    printf("FAIL %s slot %d\n", what, slot);
    exit(1);
}

static void fill(int s)
{
    size_t i;
    for (i = 0; i < length[s]; i++)
        block[s][i] = (unsigned char)(tag[s] + i * 7);
}

static void check(int s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (block[s][i] != (unsigned char)(tag[s] + i * 7))
            fail("corrupted", s);
}

static size_t random_size(void)
{
    switch (rng_below(10)) {
    case 0: return (size_t)rng_below(65536);
    case 1: return (size_t)rng_below(4096);
    case 2: return 0;
    default: return (size_t)rng_below(200);
    }
}

int main(void)
{
    int count = read_params(), i, live = 0, peak = 0;
    for (i = 0; i < count; i++) {
        int s = rng_below(SLOTS), op = rng_below(4);
        if (block[s] && op < 2) {
            check(s, length[s]);
            free(block[s]);
            block[s] = NULL;
            live--;
        } else if (block[s]) {
            size_t n = random_size(), keep = n < length[s] ? n : length[s];
            unsigned char *p;
            if (n == 0)
                n = 1;
            p = realloc(block[s], n);
            if (!p)
                fail("realloc returned NULL", s);
            block[s] = p;
            check(s, keep);
            length[s] = n;
            fill(s);
        } else {
            size_t n = random_size(), j;
            if (op == 3) {
                block[s] = calloc(n, 1);
                if (!block[s] && n)
                    fail("calloc returned NULL", s);
                for (j = 0; j < n; j++)
                    if (block[s][j])
                        fail("calloc memory not zero", s);
            } else {
                block[s] = malloc(n);
            }
            if (!block[s])
                fail("malloc returned NULL", s);
            if ((uintptr_t)block[s] % 16)
                fail("misaligned", s);
            length[s] = n;
            tag[s] = (unsigned char)rng_next();
            fill(s);
            if (++live > peak)
                peak = live;
        }
    }
    for (i = 0; i < SLOTS; i++)
        if (block[i]) {
            check(i, length[i]);
            free(block[i]);
        }
    sink = calloc((size_t)-1 / 2, 4);
    if (sink != NULL)
        fail("calloc overflow not detected", 0);
    sink = malloc((size_t)-1);
    if (sink != NULL)
        fail("malloc(SIZE_MAX) succeeded", 0);
    printf("ok peak=%d\n", peak);
    return 0;
}
