#include <time.h>
#include "hypercall.h"

clock_t clock(void)
{
    return (clock_t)(__virtine_hypercall(HC_TIMES, 0, 0, 0) / 1000);
}

time_t time(time_t *out)
{
    struct { long sec, usec; } now;
    time_t t = __virtine_hypercall(HC_GETTIMEOFDAY, (long)&now, 0, 0) < 0 ? -1 : now.sec;
    if (out)
        *out = t;
    return t;
}

double difftime(time_t end, time_t start)
{
    return (double)(end - start);
}
