#include <time.h>
#include "hypercall.h"

/* The TSC's rate in kHz, which the host publishes in the read-only trampoline page
 * when this virtine may use the times hypercall and the TSC is invariant (docs/ABI.md);
 * 0 otherwise. crt0 defines where. */
extern const volatile unsigned long __virtine_tsc_khz;

unsigned long __virtine_rdtsc(void);

/* Microseconds of the TSC when the host published its rate (no VM exit), else of the
 * host's monotonic clock. Either era is arbitrary, as C allows: only differences count. */
clock_t clock(void)
{
    unsigned long khz = __virtine_tsc_khz;
    if (khz) {
        unsigned long tsc = __virtine_rdtsc();
        return (clock_t)(tsc / khz * 1000 + tsc % khz * 1000 / khz);
    }
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
