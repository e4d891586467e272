/* qsort and bsearch on arrays of several element sizes and shapes; prints
   the sorted keys (equal keys are indistinguishable in the output, so an
   unstable sort still matches glibc) and bsearch hits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rng.h"

struct record {
    int key;
    char pad[17];
};

static int compare_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int compare_record(const void *a, const void *b)
{
    return compare_int(&((const struct record *)a)->key, &((const struct record *)b)->key);
}

static int ints[5000];
static double doubles[5000];
static struct record records[2000];
static unsigned char triples[2000][3];
static unsigned char unaligned[8 * 2000 + 1];

static int compare_byte(const void *a, const void *b)
{
    return *(const unsigned char *)a - *(const unsigned char *)b;
}

static int compare_long(const void *a, const void *b)
{
    long x, y;
    memcpy(&x, a, sizeof x);
    memcpy(&y, b, sizeof y);
    return (x > y) - (x < y);
}

/* Keys in one of several shapes that trouble naive quicksorts. */
static int key(int shape, int i, int n, int range)
{
    switch (shape) {
    case 0: return i;
    case 1: return n - i;
    case 2: return 7;
    case 3: return i < n / 2 ? i : n - i;
    default: return rng_below(range);
    }
}

int main(void)
{
    int count = read_params(), t, i;
    for (t = 0; t < count; t++) {
        int n = rng_below(t % 10 == 0 ? 5000 : 60), shape = rng_below(8),
            range = 1 + rng_below(1000);
        int probe = rng_below(range + 2) - 1, *hit;
        unsigned long sum = 0;
        for (i = 0; i < n; i++)
            ints[i] = key(shape, i, n, range);
        qsort(ints, (size_t)n, sizeof ints[0], compare_int);
        for (i = 0; i < n; i++)
            sum = sum * 31 + (unsigned)ints[i];
        hit = bsearch(&probe, ints, (size_t)n, sizeof ints[0], compare_int);
        printf("int n=%d shape=%d sum=%lu first=%d last=%d probe=%d %s\n", n, shape, sum,
               n ? ints[0] : -1, n ? ints[n - 1] : -1, probe, hit ? "found" : "absent");
        if (hit && *hit != probe)
            printf("FAIL bsearch returned a wrong element\n");
        for (i = 1; i < n; i++)
            if (ints[i - 1] > ints[i])
                printf("FAIL not sorted at %d\n", i);

        n = n > 2000 ? 2000 : n;
        for (i = 0; i < n; i++) {
            doubles[i] = rng_double();
            if (doubles[i] != doubles[i])
                doubles[i] = 0;
            records[i].key = key(shape, i, n, range);
        }
        qsort(doubles, (size_t)n, sizeof doubles[0], compare_double);
        qsort(records, (size_t)n, sizeof records[0], compare_record);
        for (i = 0, sum = 0; i < n; i++)
            /* -0 and +0 compare equal, so either may come first. */
            sum = sum * 31 + (unsigned)records[i].key +
                  (doubles[i] == 0 ? 0 : bits_from_double(doubles[i]));
        printf("mixed n=%d sum=%lu\n", n, sum);

        /* 3-byte elements, and 8-byte ones one byte off alignment: both swapped a byte at
         * a time. Keys are distinct, so the order is the same as glibc's. */
        n = n > 251 ? 251 : n;
        for (i = 0; i < n; i++) {
            long v = (long)((unsigned long)i * 2654435761u % 1000003u);
            triples[i][0] = (unsigned char)(i * 37 % 251);
            triples[i][1] = (unsigned char)(i * 37 / 251);
            triples[i][2] = (unsigned char)i;
            memcpy(unaligned + 1 + 8 * i, &v, sizeof v);
        }
        qsort(triples, (size_t)n, 3, compare_byte);
        qsort(unaligned + 1, (size_t)n, 8, compare_long);
        for (i = 0, sum = 0; i < n; i++) {
            long v;
            memcpy(&v, unaligned + 1 + 8 * i, sizeof v);
            sum = sum * 31 + triples[i][0] + triples[i][2] + (unsigned long)v;
        }
        printf("odd n=%d sum=%lu\n", n, sum);
    }
    return 0;
}
