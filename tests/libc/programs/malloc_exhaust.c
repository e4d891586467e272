/* Fills the whole heap, checks exhaustion returns NULL, and that freed
   neighbours coalesce back into one large block. Guest-only: a hosted
   malloc never runs out this way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define BLOCK 65536
#define MAX_BLOCKS 4096

static char *blocks[MAX_BLOCKS];
/* Results go through a volatile: a compiler may assume an allocation it can
   see unused succeeded. */
static void *volatile sink;

int main(void)
{
    int n = 0, i;
    char *big;
    while (n < MAX_BLOCKS && (blocks[n] = malloc(BLOCK)) != NULL) {
        memset(blocks[n], n & 0xff, BLOCK);
        n++;
    }
    printf("blocks %d\n", n);
    sink = malloc(BLOCK);
    if (sink != NULL)
        printf("FAIL: allocation after exhaustion\n");
    /* Free every other block: no two free neighbours, so twice the block
       size cannot be satisfied... */
    for (i = 0; i < n; i += 2)
        free(blocks[i]);
    sink = malloc(2 * BLOCK);
    if (sink != NULL)
        printf("FAIL: fragmented heap satisfied a double block\n");
    for (i = 1; i < n; i += 2)
        if (blocks[i][0] != (char)(i & 0xff) || blocks[i][BLOCK - 1] != (char)(i & 0xff))
            printf("FAIL: block %d corrupted\n", i);
    /* ...until the rest is freed and everything merges again. */
    for (i = 1; i < n; i += 2)
        free(blocks[i]);
    big = malloc((size_t)(n - 1) * BLOCK);
    printf("merged %s\n", big ? "yes" : "no");
    free(big);
    big = malloc(100);
    {
        uintptr_t before = (uintptr_t)big;
        /* Everything after the block is free, so it grows where it is. */
        big = realloc(big, (size_t)(n / 2) * BLOCK);
        printf("realloc grow %s\n", big ? "yes" : "no");
        printf("in place %s\n", (uintptr_t)big == before ? "yes" : "no");
    }
    return 0;
}
