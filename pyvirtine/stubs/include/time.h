#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>

typedef long time_t;
typedef long clock_t;

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

/* clock() reads the host's monotonic clock (the times hypercall): only
   differences between two calls are meaningful. */
#define CLOCKS_PER_SEC 1000000L

clock_t clock(void);
time_t time(time_t *out);
double difftime(time_t end, time_t start);

#endif
