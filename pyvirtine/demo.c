/* The main demo: an ordinary C program, compiled by pyvirtine and run in a virtine.
 * Each run of main() gets its own clean micro-VM: the counter below starts at zero
 * every time, however many times the program runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int runs;

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int compare(const void *a, const void *b) {
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20;
    int values[8] = {42, 7, 19, 3, 88, 1, 56, 23};
    qsort(values, 8, sizeof values[0], compare);
    char *greeting = malloc(64);
    snprintf(greeting, 64, "hello from a virtine (run %d)", ++runs);
    printf("%s: fib(%d) = %d, sorted:", greeting, n, fib(n));
    for (int i = 0; i < 8; i++) printf(" %d", values[i]);
    printf(", pi ~ %.5f\n", 355.0 / 113.0);
    free(greeting);
    return runs == 1 ? 0 : 1; /* 1 would mean state leaked from an earlier run */
}
