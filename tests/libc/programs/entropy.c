/* Two rand() values (after srand(argv[1]) if given), 32 getentropy bytes, and whether
 * getentropy refuses more than 256 bytes as it must. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

int main(int argc, char **argv)
{
    if (argc > 1)
        srand((unsigned)atoi(argv[1]));
    int a = rand(), b = rand();
    unsigned char key[32], big[257];
    if (getentropy(key, sizeof key))
        return 1;
    int refused = getentropy(big, sizeof big) == -1 && errno == EIO;
    printf("%d %d ", a, b);
    for (unsigned i = 0; i < sizeof key; i++)
        printf("%02x", key[i]);
    printf(" %d\n", refused);
    return 0;
}
