#include <stdio.h>
#include <string.h>
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

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12), and back: the
 * civil-from-days arithmetic on 400-year eras, exact for every year a time_t holds. */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct tm *gmtime_r(const time_t *t, struct tm *out)
{
    long days = *t / 86400, secs = *t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2);
    if (y - 1900 > 0x7fffffffL || y - 1900 < -0x7fffffffL - 1)
        return NULL;
    out->tm_year = (int)(y - 1900);
    out->tm_mon = (int)(m - 1);
    out->tm_mday = (int)d;
    out->tm_hour = (int)(secs / 3600);
    out->tm_min = (int)(secs / 60 % 60);
    out->tm_sec = (int)(secs % 60);
    out->tm_wday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
    out->tm_yday = (int)(days - days_from_civil(y, 1, 1));
    out->tm_isdst = 0;
    return out;
}

struct tm *gmtime(const time_t *t)
{
    static struct tm tm;
    return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *out) { return gmtime_r(t, out); }

struct tm *localtime(const time_t *t) { return gmtime(t); }

/* Normalises out-of-range fields as C says (month 13 is January of the next year). */
time_t mktime(struct tm *tm)
{
    long mon = tm->tm_mon, year = tm->tm_year + 1900L + mon / 12;
    mon %= 12;
    if (mon < 0) {
        mon += 12;
        year--;
    }
    time_t t = (days_from_civil(year, mon + 1, 1) + tm->tm_mday - 1) * 86400L +
               tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
    if (!gmtime_r(&t, tm))
        return (time_t)-1;
    return t;
}

static const char *const wdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                    "Friday", "Saturday"};
static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December"};

char *asctime(const struct tm *tm)
{
    static char buf[32];
    strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y\n", tm);
    return buf;
}

char *ctime(const time_t *t) { return asctime(localtime(t)); }

static long floor_div(long a, long b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

/* ISO 8601 weeks in a year: 53 when it ends on a Thursday or the year before ends on a
 * Wednesday (the weekday of Dec 31 is p). */
static int iso_weeks(long y)
{
    long p = ((y + floor_div(y, 4) - floor_div(y, 100) + floor_div(y, 400)) % 7 + 7) % 7;
    long q = ((y - 1 + floor_div(y - 1, 4) - floor_div(y - 1, 100) + floor_div(y - 1, 400)) % 7
              + 7) % 7;
    return 52 + (p == 4 || q == 3);
}

/* The ISO 8601 week of tm (the week holding the year's first Thursday is week 1), and
 * the year it belongs to. */
static int iso_week(const struct tm *tm, long *year)
{
    int wd = ((tm->tm_wday + 6) % 7 + 7) % 7;
    int week = (tm->tm_yday - wd + 10) / 7;
    *year = tm->tm_year + 1900L;
    if (week < 1)
        return iso_weeks(--*year);
    if (week > iso_weeks(*year)) {
        ++*year;
        return 1;
    }
    return week;
}

/* The C99 conversions in the "C" locale (%E and %O modifiers read as plain). */
size_t strftime(char *s, size_t max, const char *f, const struct tm *tm)
{
    size_t n = 0;
    char tmp[64];
    for (; *f; f++) {
        const char *piece = tmp;
        if (*f != '%') {
            tmp[0] = *f;
            tmp[1] = 0;
        } else {
            if (f[1] == 'E' || f[1] == 'O')
                f++;
            int wday = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
            int mon = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;
            long year = tm->tm_year + 1900L;
            int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
            int wd = (wday + 6) % 7; /* Monday 0 */
            long iso_year;
            int week = iso_week(tm, &iso_year);
            switch (*++f) {
            case 'a': snprintf(tmp, sizeof tmp, "%.3s", wdays[wday]); break;
            case 'A': piece = wdays[wday]; break;
            case 'b': case 'h': snprintf(tmp, sizeof tmp, "%.3s", months[mon]); break;
            case 'B': piece = months[mon]; break;
            case 'c': strftime(tmp, sizeof tmp, "%a %b %e %H:%M:%S %Y", tm); break;
            case 'C': snprintf(tmp, sizeof tmp, "%ld", year / 100); break; /* unpadded, as %Y */
            case 'd': snprintf(tmp, sizeof tmp, "%02d", tm->tm_mday); break;
            case 'D': strftime(tmp, sizeof tmp, "%m/%d/%y", tm); break;
            case 'e': snprintf(tmp, sizeof tmp, "%2d", tm->tm_mday); break;
            case 'F': strftime(tmp, sizeof tmp, "%Y-%m-%d", tm); break;
            case 'g': snprintf(tmp, sizeof tmp, "%02ld", (iso_year % 100 + 100) % 100); break;
            case 'G': snprintf(tmp, sizeof tmp, "%ld", iso_year); break;
            case 'H': snprintf(tmp, sizeof tmp, "%02d", tm->tm_hour); break;
            case 'I': snprintf(tmp, sizeof tmp, "%02d", hour12); break;
            case 'j': snprintf(tmp, sizeof tmp, "%03d", tm->tm_yday + 1); break;
            case 'm': snprintf(tmp, sizeof tmp, "%02d", tm->tm_mon + 1); break;
            case 'M': snprintf(tmp, sizeof tmp, "%02d", tm->tm_min); break;
            case 'n': piece = "\n"; break;
            case 'p': piece = tm->tm_hour < 12 ? "AM" : "PM"; break;
            case 'r': strftime(tmp, sizeof tmp, "%I:%M:%S %p", tm); break;
            case 'R': strftime(tmp, sizeof tmp, "%H:%M", tm); break;
            case 'S': snprintf(tmp, sizeof tmp, "%02d", tm->tm_sec); break;
            case 't': piece = "\t"; break;
            case 'T': strftime(tmp, sizeof tmp, "%H:%M:%S", tm); break;
            case 'u': snprintf(tmp, sizeof tmp, "%d", wday ? wday : 7); break;
            case 'U': snprintf(tmp, sizeof tmp, "%02d", (tm->tm_yday + 7 - wday) / 7); break;
            case 'V': snprintf(tmp, sizeof tmp, "%02d", week); break;
            case 'w': snprintf(tmp, sizeof tmp, "%d", wday); break;
            case 'W': snprintf(tmp, sizeof tmp, "%02d", (tm->tm_yday + 7 - wd) / 7); break;
            case 'x': strftime(tmp, sizeof tmp, "%m/%d/%y", tm); break;
            case 'X': strftime(tmp, sizeof tmp, "%H:%M:%S", tm); break;
            case 'y': snprintf(tmp, sizeof tmp, "%02ld", (year % 100 + 100) % 100); break;
            case 'Y': snprintf(tmp, sizeof tmp, "%ld", year); break;
            case 'z': piece = "+0000"; break;
            case 'Z': piece = "GMT"; break; /* as glibc names gmtime's zone */
            case '%': piece = "%"; break;
            default: /* not a conversion: copied as it stands */
                snprintf(tmp, sizeof tmp, "%%%c", *f ? *f : ' ');
                if (!*f)
                    f--;
            }
        }
        size_t k = strlen(piece);
        if (n + k >= max)
            return 0;
        memcpy(s + n, piece, k);
        n += k;
    }
    if (n >= max)
        return 0;
    s[n] = 0;
    return n;
}
