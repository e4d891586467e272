/* Deterministic test-case generator shared by the test programs, so the libc
   build and the host reference build see identical inputs. */
#ifndef TEST_RNG_H
#define TEST_RNG_H

#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int rng_below(int n) { return (int)(rng_next() % (uint64_t)n); }

static double double_from_bits(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static uint64_t bits_from_double(double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return bits;
}

/* A double from a mix of shapes: arbitrary bits, short decimals, ties,
   integers, extremes and specials. Each random draw is its own statement:
   the order of two calls inside one expression is unspecified in C. */
static double rng_double(void)
{
    uint64_t r;
    static const double specials[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1e308, 1.7976931348623157e308,
                                      2.2250738585072014e-308, 4.9406564584124654e-324,
                                      0.1, 9.5, 0.05, 2.5, 1e22, 1e23, 123456789.0, 1e-7};
    switch (rng_below(8)) {
    case 0: {
        uint64_t bits = rng_next();
        if (((bits >> 52) & 0x7ff) == 0x7ff)
            bits ^= (uint64_t)1 << 62;
        return double_from_bits(bits);
    }
    case 1: {
        static const double scale[] = {1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8};
        r = rng_next() % 2000000001ULL;
        return (double)((int64_t)r - 1000000000) / scale[rng_below(9)];
    }
    case 2:
        r = rng_next() % 2001;
        return (double)((int64_t)r - 1000) + 0.5 * rng_below(3);
    case 3:
        r = rng_next() % 4096;
        return (double)r / (double)(1 << rng_below(12));
    case 4:
        r = (uint64_t)rng_below((int)(sizeof specials / sizeof specials[0]));
        return specials[r] * (rng_below(2) ? 1 : -1);
    case 5: {
        int e = rng_below(80) - 40;
        double v = (double)(rng_next() % 100000) ;
        while (e > 0) { v *= 10; e--; }
        while (e < 0) { v /= 10; e++; }
        return v;
    }
    case 6:
        r = rng_next() >> 12;
        return double_from_bits(r | (rng_below(2) ? (uint64_t)1 << 63 : 0));
    default:
        r = rng_next() & 0x800fffffffffffffULL;
        return double_from_bits(r | ((uint64_t)(1023 + rng_below(120) - 60) << 52));
    }
}

/* Reads "seed count" from the input (the call's argument bytes in a virtine). */
static int read_params(void)
{
    char line[64];
    char *end;
    uint64_t seed;
    if (!fgets(line, sizeof line, stdin))
        return 0;
    seed = strtoull(line, &end, 10);
    rng_state ^= seed * 0x9E3779B97F4A7C15ULL;
    if (!rng_state)
        rng_state = 1;
    return (int)strtol(end, NULL, 10);
}

#endif
