/* The long double functions on random arguments from each one's domain, over the
   whole x87 range (15-bit exponent) and at the edges; prints the 80-bit patterns of
   arguments and results for the test to compare with glibc, within an ulp bound. */
#include <math.h>
#include <stdio.h>
#include "rng.h"

union ld {
    long double v;
    struct { uint64_t m; uint16_t se; } p;
};

static long double ld_parts(uint64_t m, unsigned se)
{
    union ld u = {0};
    u.p.m = m;
    u.p.se = (uint16_t)se;
    return u.v;
}

static long double uniform(long double lo, long double hi)
{
    return lo + (hi - lo) * (long double)(rng_next() >> 1) * 0x1p-63L;
}

/* Any finite long double with |x| in [2^lo, 2^hi), either sign. */
static long double log_uniform(int lo, int hi)
{
    uint64_t m = rng_next() | (uint64_t)1 << 63;
    unsigned sign = rng_below(2) ? 0x8000 : 0;
    return ld_parts(m, sign | (unsigned)(16383 + lo + rng_below(hi - lo)));
}

static const long double specials[] = {0.0L, -0.0L, 1.0L, -1.0L, 0.5L, 2.0L, 1e4000L, -1e4000L,
                                       0x1p-16445L, -0x1p-16400L, 0x1p-16382L, 11356.5L,
                                       -11398.0L, 16383.9L, -16445.0L, 3.0L, -3.0L};

static long double special(void)
{
    if (rng_below(8) == 0)
        return rng_below(2) ? HUGE_VALL : -HUGE_VALL;
    return specials[rng_below(sizeof specials / sizeof specials[0])];
}

static long double arg(char domain)
{
    if (rng_below(16) == 0 && domain != 't')
        return special();
    switch (domain) {
    case 'a': return rng_below(3) ? log_uniform(-40, 40) : log_uniform(-16445, 16384);
    case 'e': return rng_below(3) ? uniform(-11400, 11357) : uniform(-2, 2);
    case '2': return rng_below(3) ? uniform(-16450, 16384) : uniform(-2, 2);
    case 'p': return fabsl(rng_below(3) ? log_uniform(-16382, 16384) : 1 + uniform(-0.01L, 0.01L));
    /* sinl, cosl and tanl reduce exactly below 2^30 only (libc/mathl.c) */
    case 't': return rng_below(3) ? uniform(-10, 10) : log_uniform(-40, 29);
    case 'u': return uniform(-1, 1);
    case 'm': return rng_below(2) ? uniform(-0.999L, 5) : log_uniform(-80, 0);
    case 'h': return uniform(-11360, 11360);
    case 'n': return uniform(-30, 30);
    case 'c': return rng_below(3) ? 1 + fabsl(log_uniform(-60, 3)) : fabsl(log_uniform(0, 16383));
    case 'y': return rng_below(3) ? uniform(-70, 70) : (long double)(rng_below(41) - 20);
    case 'i': return rng_below(2) ? uniform(-1e20L, 1e20L) : (long double)(rng_below(4001) - 2000) / 4;
    default: return log_uniform(-16445, 16384);
    }
}

static long double call_frexpl(long double x)
{
    int e;
    long double m = frexpl(x, &e);
    return m + e;
}

static long double call_modfl(long double x)
{
    long double i, f = modfl(x, &i);
    return f * 3 + i;
}

static long double call_ldexpl(long double x, long double n) { return ldexpl(x, (int)n * 300); }
static long double call_ilogbl(long double x) { return ilogbl(x); }
static long double call_llroundl(long double x) { return (long double)llroundl(x); }
static long double call_llrintl(long double x) { return (long double)llrintl(x); }
static long double call_classify(long double x)
{
    return fpclassify(x) * 100 + isnan(x) * 10 + isinf(x) * 4 + isfinite(x) * 2 + !!signbit(x);
}

static long double call_remquo_q(long double x, long double y)
{
    int q;
    if (y == 0 || !isfinite(x) || isnan(y))
        return 0; /* unspecified */
    remquol(x, y, &q);
    return q % 8; /* C promises three bits */
}

/* A z made from x and y: cancels the product, is a neighbour of it, or tiny. */
static long double call_fmal(long double x, long double y)
{
    long double p = x * y, z;
    switch (rng_below(4)) {
    case 0: z = -p; break;
    case 1: z = y; break;
    case 2: z = -p * (1 + 0x1p-50L); break;
    default: z = x * 0x1p-70L;
    }
    return fmal(x, y, z);
}

static long double call_pow_int(long double x, long double n) { return powl(x, truncl(n)); }

struct unary { const char *name; char domain; long double (*fn)(long double); };
struct binary { const char *name; char dx, dy; long double (*fn)(long double, long double); };

static const struct unary unaries[] = {
    {"sqrt", 'p', sqrtl}, {"fabs", 'a', fabsl}, {"floor", 'i', floorl}, {"ceil", 'i', ceill},
    {"round", 'i', roundl}, {"trunc", 'i', truncl}, {"rint", 'i', rintl},
    {"nearbyint", 'i', nearbyintl}, {"frexp", 'a', call_frexpl}, {"modf", 'i', call_modfl},
    {"ilogb", 'a', call_ilogbl}, {"logb", 'a', logbl}, {"llround", 'i', call_llroundl},
    {"llrint", 'i', call_llrintl}, {"classify", 'a', call_classify},
    {"exp", 'e', expl}, {"exp2", '2', exp2l}, {"expm1", 'm', expm1l}, {"log", 'p', logl},
    {"log2", 'p', log2l}, {"log10", 'p', log10l}, {"log1p", 'm', log1pl}, {"cbrt", 'a', cbrtl},
    {"sin", 't', sinl}, {"cos", 't', cosl}, {"tan", 't', tanl}, {"asin", 'u', asinl},
    {"acos", 'u', acosl}, {"atan", 'a', atanl}, {"sinh", 'h', sinhl}, {"cosh", 'h', coshl},
    {"tanh", 'n', tanhl}, {"asinh", 'a', asinhl}, {"acosh", 'c', acoshl}, {"atanh", 'u', atanhl},
};

static const struct binary binaries[] = {
    {"fmod", 'a', 'a', fmodl}, {"remainder", 'a', 'a', remainderl},
    {"remquo_q", 'a', 'a', call_remquo_q}, {"copysign", 'a', 'a', copysignl},
    {"nextafter", 'a', 'a', nextafterl}, {"fmin", 'a', 'a', fminl}, {"fmax", 'a', 'a', fmaxl},
    {"fdim", 'a', 'a', fdiml}, {"ldexp", 'a', 'y', call_ldexpl}, {"hypot", 'a', 'a', hypotl},
    {"atan2", 'a', 'a', atan2l}, {"pow", 'p', 'y', powl}, {"pow_wide", 'c', 'a', powl},
    {"pow_int", 'a', 'y', call_pow_int}, {"fma", 'a', 'a', call_fmal},
};

static void print(long double v)
{
    union ld u = {v};
    printf(" %04x%016llx", u.p.se, (unsigned long long)u.p.m);
}

int main(void)
{
    unsigned long long seed;
    int cases;
    if (scanf("%llu %d", &seed, &cases) != 2)
        return 1;
    rng_state ^= seed;
    for (int i = 0; i < cases; i++) {
        for (unsigned k = 0; k < sizeof unaries / sizeof unaries[0]; k++) {
            long double x = arg(unaries[k].domain);
            printf("%s", unaries[k].name);
            print(x);
            print(0);
            print(unaries[k].fn(x));
            printf("\n");
        }
        for (unsigned k = 0; k < sizeof binaries / sizeof binaries[0]; k++) {
            long double x = arg(binaries[k].dx);
            long double y = arg(binaries[k].dy);
            printf("%s", binaries[k].name);
            print(x);
            print(y);
            print(binaries[k].fn(x, y));
            printf("\n");
        }
    }
    return 0;
}
