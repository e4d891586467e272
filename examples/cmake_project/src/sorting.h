#ifndef SORTING_H
#define SORTING_H
#include <stddef.h>

enum order { ASCENDING, DESCENDING };

/* Sort v[0..n) in place, in a virtine; returns the number of swaps. */
long sort_ints(int *v, size_t n, enum order order);

#endif
