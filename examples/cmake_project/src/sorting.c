/* The virtine of the CMake example: v is copied into the virtine and back out. */
#include <stdlib.h>
#include <virtine.h>

#include "sorting.h"

static long swaps;

static int ascending(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    swaps++;
    return (x > y) - (x < y);
}

static int descending(const void *a, const void *b) { return ascending(b, a); }

virtine long sort_ints(int *v VIRTINE_INOUT(n), size_t n, enum order order) {
    qsort(v, n, sizeof *v, order == ASCENDING ? ascending : descending);
    return swaps; /* starts at 0 in every call: each virtine is clean */
}
