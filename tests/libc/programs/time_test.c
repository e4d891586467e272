/* clock() advances with work; time() agrees with the host's clock. */
#include <stdio.h>
#include <time.h>

int main(void)
{
    clock_t start = clock(), end;
    volatile double x = 0;
    long i;
    time_t now, stored;
    for (i = 0; i < 20000000; i++)
        x += 1e-9;
    end = clock();
    now = time(&stored);
    printf("%ld %ld %ld\n", (long)(end - start), (long)now, (long)(now - stored));
    return 0;
}
