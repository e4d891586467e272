/* strtod and the strtol family on generated strings: prints value bits, how
   far each parse got and errno, for comparison with glibc. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <math.h>
#include "rng.h"

static char text[2048];

static void random_digits(char *p, int n)
{
    int i;
    for (i = 0; i < n; i++)
        p[i] = (char)('0' + rng_below(10));
    p[n] = 0;
}

/* A string in strtod's syntax, or near it. */
static void float_text(void)
{
    static const char *specials[] = {"inf", "-INF", "Infinity", "infinit", "nan", "-nan",
                                     "NaN(123)", "nan(", "0x1.8p3", "0X.8P-2", "0x1p-1074",
                                     "0x1.fffffffffffff8p1023", "0x", "0x.p1", ".", "-.e5",
                                     "1e", "1e+", "  +12.5e-3xyz", "0.000", "1e400", "-1e-400",
                                     "2.4703282292062327e-324", "2.4703282292062328e-324",
                                     "1.7976931348623158e308", "1.7976931348623159e308",
                                     "0x1.00000000000008p0", "0x1.000000000000081p0",
                                     "0x0.0000000000001p-1022", "0x1p-1075", "0x1.1p-1075",
                                     "0x1p-1200", "0x1.8p-1076", "0x1.00000000000001p-1074",
                                     "0xffffffffffffffffffffp-80", "0x1.0000000000000fffp0",
                                     "-0x1.fffffffffffffp1023", "0x1p1024", "0x.00000001p-1040"};
    char *p = text;
    switch (rng_below(6)) {
    case 0:
        strcpy(text, specials[rng_below((int)(sizeof specials / sizeof specials[0]))]);
        return;
    case 1: {
        /* The exact midpoint between two adjacent doubles, maybe nudged. */
        double v = fabs(rng_double());
        double next = double_from_bits(bits_from_double(v) + 1);
        if (isinf(next) || isnan(next))
            v = 1.5;
        next = double_from_bits(bits_from_double(v) + 1);
        snprintf(text, sizeof text - 2, "%.780e", v / 2 + next / 2);
        if (rng_below(3) == 0) {
            char *e = strchr(text, 'e'), saved[16];
            strcpy(saved, e);
            strcpy(e, rng_below(2) ? "0001" : "");
            if (!*e) {
                e[-1] = (char)(e[-1] == '0' ? '1' : e[-1] - 1);
            }
            strcat(text, saved);
        }
        return;
    }
    case 2: {
        int digits = 1 + rng_below(20);
        snprintf(text, sizeof text, "%.*g", digits, rng_double());
        return;
    }
    default:
        break;
    }
    if (rng_below(4) == 0)
        *p++ = ' ';
    if (rng_below(3) == 0)
        *p++ = rng_below(2) ? '-' : '+';
    if (rng_below(8) == 0) {
        memset(p, '0', 30);
        p += 30;
    }
    random_digits(p, rng_below(rng_below(10) == 0 ? 900 : 25));
    p += strlen(p);
    if (rng_below(2)) {
        *p++ = '.';
        random_digits(p, rng_below(rng_below(10) == 0 ? 900 : 25));
        p += strlen(p);
    }
    if (rng_below(2))
        p += sprintf(p, "e%d", rng_below(800) - 400);
    if (rng_below(5) == 0)
        strcpy(p, "x1");
}

static void integer_text(void)
{
    static const char *specials[] = {"9223372036854775807", "9223372036854775808",
                                     "-9223372036854775808", "-9223372036854775809",
                                     "18446744073709551615", "18446744073709551616",
                                     "-18446744073709551615", "0x", "0xg", "0X1f",
                                     "-0x8000000000000000",
                                     "  \t+077", "zz", "", "-", "1z", "0b101"};
    static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCXYZ";
    char *p = text;
    int n, i;
    if (rng_below(4) == 0) {
        strcpy(text, specials[rng_below((int)(sizeof specials / sizeof specials[0]))]);
        return;
    }
    if (rng_below(3) == 0)
        *p++ = ' ';
    if (rng_below(3) == 0)
        *p++ = rng_below(2) ? '-' : '+';
    if (rng_below(4) == 0) {
        *p++ = '0';
        *p++ = rng_below(2) ? 'x' : 'X';
    }
    n = rng_below(30);
    for (i = 0; i < n; i++)
        *p++ = alphabet[rng_below(rng_below(2) ? 10 : (int)sizeof alphabet - 1)];
    *p = 0;
}

int main(void)
{
    static const int bases[] = {0, 2, 8, 10, 16, 36, 3, 7, 10, 0};
    int count = read_params(), i;
    char *end;
    for (i = 0; i < count; i++) {
        double d;
        float_text();
        errno = 0;
        d = strtod(text, &end);
        if (isnan(d))
            printf("d %s nan%c %d %d\n", text, signbit(d) ? '-' : '+', (int)(end - text),
                   errno);
        else
            printf("d %s %016llx %d %d\n", text, (unsigned long long)bits_from_double(d),
                   (int)(end - text), errno == ERANGE && (isinf(d) || d == 0) ? ERANGE : 0);
    }
    for (i = 0; i < count; i++) {
        int base = bases[rng_below(10)];
        long long ll;
        unsigned long long ull;
        long l;
        unsigned long ul;
        integer_text();
        errno = 0;
        ll = strtoll(text, &end, base);
        printf("ll %d '%s' %lld %d %d\n", base, text, ll, (int)(end - text), errno);
        errno = 0;
        ull = strtoull(text, &end, base);
        printf("ull %d '%s' %llu %d %d\n", base, text, ull, (int)(end - text), errno);
        errno = 0;
        l = strtol(text, &end, base);
        printf("l %d '%s' %ld %d %d\n", base, text, l, (int)(end - text), errno);
        errno = 0;
        ul = strtoul(text, &end, base);
        printf("ul %d '%s' %lu %d %d\n", base, text, ul, (int)(end - text), errno);
        if (base == 10 && errno == 0)
            printf("a %d %ld %lld\n", atoi(text), atol(text), atoll(text));
    }
    return 0;
}
