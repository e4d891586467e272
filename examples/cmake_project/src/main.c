/* Host side of the CMake example. */
#include <stdio.h>

#include "sorting.h"

int main(void) {
    int v[] = {42, 7, 19, 3, 88, 1, 56, 23};
    size_t n = sizeof v / sizeof v[0];
    long first = sort_ints(v, n, DESCENDING);
    long second = sort_ints(v, n, ASCENDING);
    for (size_t i = 0; i < n; i++)
        printf("%d ", v[i]);
    printf("\ncomparisons: %ld %s\n", second, first > 0 && second > 0 ? "ok" : "bad");
    return 0;
}
