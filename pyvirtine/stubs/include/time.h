#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>

#ifndef __time_t_defined
#define __time_t_defined
typedef long time_t;
#endif
typedef long clock_t;

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

/* clock() reads the host's monotonic clock (the times hypercall): only
   differences between two calls are meaningful. */
#define CLOCKS_PER_SEC 1000000L

struct tm {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};

clock_t clock(void);
time_t time(time_t *out);
double difftime(time_t end, time_t start);

/* A virtine has no time zone: local time is UTC (tm_isdst 0). */
time_t mktime(struct tm *tm);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *t, struct tm *out);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *out);
char *asctime(const struct tm *tm);
char *ctime(const time_t *t);
size_t strftime(char *s, size_t max, const char *format, const struct tm *tm);

#endif
