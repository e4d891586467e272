/* Counts qsort's comparisons on 50000-element arrays shaped to trouble naive
   quicksorts, and prints the worst count relative to n log2 n. */
#include <stdio.h>
#include <stdlib.h>

#define N 50000

static int data[N];
static long comparisons;

static int compare(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    comparisons++;
    return (x > y) - (x < y);
}

static int key(int shape, int i)
{
    switch (shape) {
    case 0: return i;                    /* sorted */
    case 1: return N - i;                /* reversed */
    case 2: return 7;                    /* all equal */
    case 3: return i < N / 2 ? i : N - i; /* organ pipe */
    case 4: return i % 100;              /* sawtooth */
    case 5: return i % 2 ? i : N - i;    /* interleaved */
    default: return (int)((i * 2654435761u) % 1000); /* scrambled, many duplicates */
    }
}

int main(void)
{
    double log2n = 15.61, worst = 0; /* log2(50000) */
    int shape, i;
    for (shape = 0; shape < 7; shape++) {
        double ratio;
        for (i = 0; i < N; i++)
            data[i] = key(shape, i);
        comparisons = 0;
        qsort(data, N, sizeof data[0], compare);
        for (i = 1; i < N; i++)
            if (data[i - 1] > data[i])
                printf("FAIL shape %d not sorted\n", shape);
        ratio = comparisons / (N * log2n);
        if (ratio > worst)
            worst = ratio;
    }
    printf("worst %.2f\n", worst);
    return 0;
}
