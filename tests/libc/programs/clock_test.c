/* clock() in a tight loop: it spins until clock() says 50 ms went by. */
#include <stdio.h>
#include <time.h>

int main(void)
{
    clock_t start = clock(), now;
    long reads = 0;
    do {
        now = clock();
        reads++;
    } while (now - start < CLOCKS_PER_SEC / 20);
    printf("%ld\n", reads);
    return 0;
}
