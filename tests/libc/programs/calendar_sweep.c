/* gmtime, mktime (with fields out of range), strftime (every C99 conversion) and asctime
   on generated times from year 1 to 9999, for comparison with glibc in UTC. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "rng.h"

static const char *const FORMAT = "%a|%A|%b|%B|%c|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%m|%M|"
                                  "%n|%p|%r|%R|%S|%t|%T|%u|%U|%V|%w|%W|%x|%X|%y|%Y|%z|%Z|%%";

int main(void)
{
    char out[512];
#ifdef __GLIBC__
    setenv("TZ", "UTC", 1);
    tzset();
#endif
    int count = read_params();
    for (int i = 0; i < count; i++) {
        /* year 1 to 9999, biased towards year ends, where ISO weeks change years */
        time_t t = -62135596800LL + (time_t)(rng_next() % 315537897600ULL);
        if (i % 3 == 0) {
            struct tm edge = {0};
            edge.tm_year = (int)(rng_next() % 9998) + 1 - 1900;
            edge.tm_mon = 11;
            edge.tm_mday = 25 + rng_below(14);
            t = mktime(&edge) + rng_below(86400);
        }
        struct tm tm = *gmtime(&t);
        printf("%lld %d-%d-%d %d:%d:%d w%d y%d d%d\n", (long long)t, tm.tm_year, tm.tm_mon,
               tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_wday, tm.tm_yday,
               tm.tm_isdst);
        printf("%zu %s", strftime(out, sizeof out, FORMAT, &tm), out);
        printf("\n%s", asctime(&tm));
        struct tm off = tm;
        off.tm_mon += rng_below(61) - 30;
        off.tm_mday += rng_below(121) - 60;
        off.tm_hour += rng_below(97) - 48;
        off.tm_min += rng_below(241) - 120;
        off.tm_sec += rng_below(7201) - 3600;
        time_t back = mktime(&off);
        printf("%lld %d-%d-%d %d:%d:%d w%d y%d\n", (long long)back, off.tm_year, off.tm_mon,
               off.tm_mday, off.tm_hour, off.tm_min, off.tm_sec, off.tm_wday, off.tm_yday);
    }
    printf("%zu\n", strftime(out, 4, "%Y-%m", gmtime(&(time_t){0})));
    return 0;
}
