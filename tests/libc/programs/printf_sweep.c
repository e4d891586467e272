/* Formats random values with random printf conversions and prints each
   result; the test compares this against the same program on glibc. */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include "rng.h"

static void add_flags(char **p, const char *allowed)
{
    int n = rng_below(3), i;
    for (i = 0; i < n; i++)
        *(*p)++ = allowed[rng_below((int)strlen(allowed))];
}

/* Appends width/precision; returns how many '*' int arguments it used. */
static int add_width_precision(char **p, int *star, int precision_ok)
{
    int stars = 0;
    switch (rng_below(4)) {
    case 0: *p += sprintf(*p, "%d", rng_below(30)); break;
    case 1: *(*p)++ = '*'; star[stars++] = rng_below(40) - 20; break;
    default: break;
    }
    if (precision_ok) {
        switch (rng_below(5)) {
        case 0:
            /* Now and then past the longest exact expansion of a double. */
            *p += sprintf(*p, ".%d", rng_below(50) ? rng_below(25) : 1050 + rng_below(250));
            break;
        case 1: *(*p)++ = '.'; break;
        case 2: *p += sprintf(*p, ".*"); star[stars++] = rng_below(30) - 5; break;
        default: break;
        }
    }
    return stars;
}

int main(void)
{
    int count = read_params(), i;
    char fmt[64], out[4096], small[8];
    for (i = 0; i < count; i++) {
        char *p = fmt;
        int star[2] = {0, 0}, stars, kind = rng_below(10), ret;
        size_t size = rng_below(8) == 0 ? (size_t)rng_below(8) : sizeof out;
        char *dest = size == sizeof out ? out : small;
        *p++ = 'x';
        *p++ = '%';
        if (kind < 2) {
            static const char *lengths[] = {"", "hh", "h", "l", "ll", "z", "j", "t"};
            static const char conv[] = "di";
            int64_t v = (int64_t)rng_next();
            v >>= rng_below(64);
            int len = rng_below(8);
            add_flags(&p, "-+ 0");
            stars = add_width_precision(&p, star, 1);
            p += sprintf(p, "%s%c", lengths[len], conv[rng_below(2)]);
            *p = 0;
            if (len == 4)
                v = (long long)v;
            else if (len < 3)
                v = (int)v;
            if (stars == 2)
                ret = len >= 3 ? snprintf(dest, size, fmt, star[0], star[1], (long long)v)
                               : snprintf(dest, size, fmt, star[0], star[1], (int)v);
            else if (stars == 1)
                ret = len >= 3 ? snprintf(dest, size, fmt, star[0], (long long)v)
                               : snprintf(dest, size, fmt, star[0], (int)v);
            else
                ret = len >= 3 ? snprintf(dest, size, fmt, (long long)v)
                               : snprintf(dest, size, fmt, (int)v);
        } else if (kind < 4) {
            static const char *lengths[] = {"", "hh", "h", "l", "ll", "z", "j", "t"};
            static const char conv[] = "uxXo";
            uint64_t v = rng_next();
            v >>= rng_below(64);
            int len = rng_below(8);
            add_flags(&p, "-+ 0#");
            stars = add_width_precision(&p, star, 1);
            p += sprintf(p, "%s%c", lengths[len], conv[rng_below(4)]);
            *p = 0;
            if (len < 3)
                v = (unsigned)v;
            if (stars == 2)
                ret = len >= 3 ? snprintf(dest, size, fmt, star[0], star[1], (unsigned long long)v)
                               : snprintf(dest, size, fmt, star[0], star[1], (unsigned)v);
            else if (stars == 1)
                ret = len >= 3 ? snprintf(dest, size, fmt, star[0], (unsigned long long)v)
                               : snprintf(dest, size, fmt, star[0], (unsigned)v);
            else
                ret = len >= 3 ? snprintf(dest, size, fmt, (unsigned long long)v)
                               : snprintf(dest, size, fmt, (unsigned)v);
        } else if (kind < 9) {
            static const char conv[] = "fFeEgGaA";
            double v = rng_double();
            int c = rng_below(kind == 8 ? 8 : 6), is_long = rng_below(6) == 0;
            add_flags(&p, "-+ 0#");
            stars = add_width_precision(&p, star, 1);
            p += sprintf(p, "%s%c", is_long ? "L" : "", conv[c]);
            *p = 0;
            if (is_long) {
                long double lv = v;
                if (stars == 2)
                    ret = snprintf(dest, size, fmt, star[0], star[1], lv);
                else if (stars == 1)
                    ret = snprintf(dest, size, fmt, star[0], lv);
                else
                    ret = snprintf(dest, size, fmt, lv);
            } else if (stars == 2) {
                ret = snprintf(dest, size, fmt, star[0], star[1], v);
            } else if (stars == 1) {
                ret = snprintf(dest, size, fmt, star[0], v);
            } else {
                ret = snprintf(dest, size, fmt, v);
            }
        } else {
            static const char *strings[] = {"", "a", "hello", "pyvirtine libc", "tab\there"};
            const char *s = strings[rng_below(5)];
            int which = rng_below(3);
            add_flags(&p, "-");
            stars = add_width_precision(&p, star, which == 0);
            *p++ = which == 0 ? 's' : which == 1 ? 'c' : '%';
            *p = 0;
            if (which == 2) {
                /* "%%" with width is undefined; print it plain. */
                strcpy(fmt, "x%%");
                stars = 0;
            }
            if (which == 0)
                ret = stars == 2 ? snprintf(dest, size, fmt, star[0], star[1], s)
                      : stars == 1 ? snprintf(dest, size, fmt, star[0], s)
                                   : snprintf(dest, size, fmt, s);
            else if (which == 1)
                ret = stars ? snprintf(dest, size, fmt, star[0], 'A' + rng_below(26))
                            : snprintf(dest, size, fmt, 'A' + rng_below(26));
            else
                ret = snprintf(dest, size, fmt);
        }
        printf("%s|%d|%s\n", fmt, ret, size ? dest : "");
    }
    return 0;
}
