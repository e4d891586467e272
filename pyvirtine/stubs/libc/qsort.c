/* Introsort: quicksort with median-of-three pivots, insertion sort for short
   runs, and heapsort once recursion gets too deep, so adversarial inputs stay
   O(n log n). Elements are swapped a word at a time when size and alignment allow,
   else a byte at a time: their type is unknown. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int (*compare_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
    /* Whole words when both elements allow it: most arrays hold ints, longs, doubles or
     * pointers, and a byte at a time would make the swaps the cost of the sort. */
    if (((uintptr_t)a | (uintptr_t)b | size) % 8 == 0) {
        for (; size; size -= 8, a += 8, b += 8) {
            uint64_t t;
            memcpy(&t, a, 8);
            memcpy(a, b, 8);
            memcpy(b, &t, 8);
        }
        return;
    }
    if (((uintptr_t)a | (uintptr_t)b | size) % 4 == 0) {
        for (; size; size -= 4, a += 4, b += 4) {
            uint32_t t;
            memcpy(&t, a, 4);
            memcpy(a, b, 4);
            memcpy(b, &t, 4);
        }
        return;
    }
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void insertion_sort(char *base, size_t count, size_t size, compare_fn compare)
{
    size_t i, j;
    for (i = 1; i < count; i++)
        for (j = i; j > 0 && compare(base + (j - 1) * size, base + j * size) > 0; j--)
            swap(base + (j - 1) * size, base + j * size, size);
}

static void sift_down(char *base, size_t root, size_t count, size_t size, compare_fn compare)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= count)
            return;
        if (child + 1 < count && compare(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (compare(base + root * size, base + child * size) >= 0)
            return;
        swap(base + root * size, base + child * size, size);
        root = child;
    }
}

static void heap_sort(char *base, size_t count, size_t size, compare_fn compare)
{
    size_t i;
    for (i = count / 2; i > 0; i--)
        sift_down(base, i - 1, count, size, compare);
    for (i = count; i > 1; i--) {
        swap(base, base + (i - 1) * size, size);
        sift_down(base, 0, i - 1, size, compare);
    }
}

static char *median3(char *a, char *b, char *c, compare_fn compare)
{
    if (compare(a, b) < 0)
        return compare(b, c) < 0 ? b : compare(a, c) < 0 ? c : a;
    return compare(b, c) > 0 ? b : compare(a, c) > 0 ? c : a;
}

/* Moves the pivot to the front: the median of first, middle and last, or for
   longer runs the median of three such medians (Tukey's ninther), which
   keeps organ pipes and sawtooths from splitting badly. Either way another
   element >= the pivot remains, which stops the partition's upward scan. */
static void choose_pivot(char *base, size_t count, size_t size, compare_fn compare)
{
    char *lo = base, *mid = base + (count / 2) * size, *hi = base + (count - 1) * size;
    char *pivot;
    if (count > 40) {
        size_t d = (count / 8) * size;
        pivot = median3(median3(lo, lo + d, lo + 2 * d, compare),
                        median3(mid - d, mid, mid + d, compare),
                        median3(hi - 2 * d, hi - d, hi, compare), compare);
    } else {
        pivot = median3(lo, mid, hi, compare);
    }
    swap(base, pivot, size);
}

static void sort(char *base, size_t count, size_t size, compare_fn compare, int depth)
{
    while (count > 12) {
        size_t i = 1, j = count - 1;
        if (depth-- == 0) {
            heap_sort(base, count, size, compare);
            return;
        }
        choose_pivot(base, count, size, compare);
        /* Hoare partition around base[0]; both scans stop on equal keys so
           runs of duplicates split evenly. */
        for (;;) {
            while (compare(base + i * size, base) < 0)
                i++;
            while (compare(base + j * size, base) > 0)
                j--;
            if (i >= j)
                break;
            swap(base + i * size, base + j * size, size);
            i++;
            j--;
        }
        swap(base, base + j * size, size);
        /* Recurse into the smaller side, loop on the larger. */
        if (j < count - j - 1) {
            sort(base, j, size, compare, depth);
            base += (j + 1) * size;
            count -= j + 1;
        } else {
            sort(base + (j + 1) * size, count - j - 1, size, compare, depth);
            count = j;
        }
    }
    insertion_sort(base, count, size, compare);
}

void qsort(void *base, size_t count, size_t size, compare_fn compare)
{
    int depth = 0;
    size_t n;
    for (n = count; n > 1; n >>= 1)
        depth += 2;
    if (size)
        sort(base, count, size, compare, depth);
}
