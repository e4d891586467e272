#include <stdlib.h>
#include <virtine.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <inttypes.h>

/* Reads the magnitude of an integer in strtol syntax. Sets *negative, and
   *overflow when the magnitude exceeds unsigned long long. */
static unsigned long long scan_integer(const char *s, char **end, int base, int *negative,
                                       int *overflow)
{
    const char *p = s;
    unsigned long long value = 0;
    int any = 0;
    *negative = 0;
    *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
        isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    for (;; p++) {
        int c = (unsigned char)*p, digit;
        if (isdigit(c))
            digit = c - '0';
        else if (isalpha(c))
            digit = tolower(c) - 'a' + 10;
        else
            break;
        if (digit >= base)
            break;
        any = 1;
        if (value > (ULLONG_MAX - (unsigned)digit) / (unsigned)base)
            *overflow = 1;
        else
            value = value * (unsigned)base + (unsigned)digit;
    }
    if (end)
        *end = (char *)(any ? p : s);
    if (!any)
        *negative = 0;
    return value;
}

/* Clamps a scanned magnitude into [min, max] (min = -(max + 1), or 0 for the
   unsigned functions, which negate in unsigned arithmetic as C requires). */
static unsigned long long to_signed(unsigned long long mag, int negative, int overflow,
                                    unsigned long long max)
{
    if (!negative && (overflow || mag > max)) {
        errno = ERANGE;
        return max;
    }
    if (negative && (overflow || mag > max + 1)) {
        errno = ERANGE;
        return -(max + 1);
    }
    return negative ? -mag : mag;
}

static unsigned long long to_unsigned(unsigned long long mag, int negative, int overflow,
                                      unsigned long long max)
{
    if (overflow || mag > max) {
        errno = ERANGE;
        return max;
    }
    return negative ? (-mag & max) : mag;
}

long long strtoll(const char *s, char **end, int base)
{
    int negative, overflow;
    unsigned long long mag = scan_integer(s, end, base, &negative, &overflow);
    return (long long)to_signed(mag, negative, overflow, LLONG_MAX);
}

long strtol(const char *s, char **end, int base)
{
    int negative, overflow;
    unsigned long long mag = scan_integer(s, end, base, &negative, &overflow);
    return (long)to_signed(mag, negative, overflow, LONG_MAX);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    int negative, overflow;
    unsigned long long mag = scan_integer(s, end, base, &negative, &overflow);
    return to_unsigned(mag, negative, overflow, ULLONG_MAX);
}

unsigned long strtoul(const char *s, char **end, int base)
{
    int negative, overflow;
    unsigned long long mag = scan_integer(s, end, base, &negative, &overflow);
    return (unsigned long)to_unsigned(mag, negative, overflow, ULONG_MAX);
}

intmax_t strtoimax(const char *s, char **end, int base) { return strtoll(s, end, base); }
uintmax_t strtoumax(const char *s, char **end, int base) { return strtoull(s, end, base); }

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
intmax_t imaxabs(intmax_t x) { return x < 0 ? -x : x; }

div_t div(int num, int den)
{
    div_t r;
    r.quot = num / den;
    r.rem = num % den;
    return r;
}

ldiv_t ldiv(long num, long den)
{
    ldiv_t r;
    r.quot = num / den;
    r.rem = num % den;
    return r;
}

lldiv_t lldiv(long long num, long long den)
{
    lldiv_t r;
    r.quot = num / den;
    r.rem = num % den;
    return r;
}

imaxdiv_t imaxdiv(intmax_t num, intmax_t den)
{
    imaxdiv_t r;
    r.quot = num / den;
    r.rem = num % den;
    return r;
}

void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *))
{
    const char *lo = base;
    while (count) {
        const char *mid = lo + (count / 2) * size;
        int c = compare(key, mid);
        if (c == 0)
            return (void *)mid;
        if (c > 0) {
            lo = mid + size;
            count -= count / 2 + 1;
        } else {
            count /= 2;
        }
    }
    return NULL;
}

/* A 64-bit LCG; the high bits are the good ones. Unseeded, a call starts it from
 * virtine_random, so two calls from one snapshot do not draw the same numbers (C's
 * "as if srand(1)" would make every call alike); srand() makes it repeatable as usual,
 * and an srand() before the snapshot makes every call repeat the same sequence. */
static unsigned long long rand_state;
static int rand_seeded;

void srand(unsigned seed)
{
    rand_state = seed;
    rand_seeded = 1;
}

int rand(void)
{
    if (!rand_seeded) {
        if (virtine_random(&rand_state, sizeof rand_state) < 0)
            rand_state = 1;
        rand_seeded = 1;
    }
    rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)(rand_state >> 33);
}

/* A virtine has no environment. */
char *getenv(const char *name)
{
    (void)name;
    return NULL;
}

/* A virtine runs no other program: there is no command processor. */
int system(const char *command)
{
    if (!command)
        return 0;
    errno = ENOSYS;
    return -1;
}
