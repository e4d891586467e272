/* Evaluates libm functions on random arguments from each function's domain
   and prints the bit patterns; the test compares them, within an ulp bound,
   against the same program on the host's libm. */
#include <math.h>
#include <stdio.h>
#include "rng.h"

static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * (double)(rng_next() >> 11) / 9007199254740992.0;
}

/* Any finite double with |x| in [2^lo, 2^hi). */
static double log_uniform(int lo, int hi)
{
    uint64_t bits = rng_next() & 0x800fffffffffffffULL;
    return double_from_bits(bits | ((uint64_t)(1023 + lo + rng_below(hi - lo)) << 52));
}

static double positive(double x) { return fabs(x); }

/* Zeros, poles, infinities, the overflow and underflow edges. */
static const double erf_specials[] = {0.0, -0.0, HUGE_VAL, -HUGE_VAL, 0.5, -0.5, 3, 6, -6,
                                      26.5, 27.3, 28, 1e-320, -1e-320};
static const double gamma_specials[] = {0.0, -0.0, 1, 2, 3, -1, -2, -100, -1e20, HUGE_VAL,
                                        -HUGE_VAL, 171.6, 171.7, -170.5, -180.5, -200.5,
                                        1e-320, -1e-320, 0x1p-1023, 1e300, 0.5, -0.5};

static double special(const double *values, int count) { return values[rng_below(count)]; }

static double arg(const char *domain)
{
    switch (domain[0]) {
    case 'a': return rng_below(4) ? log_uniform(-30, 10) : log_uniform(-1022, 1023);
    case 'e': return rng_below(4) ? uniform(-746, 710) : uniform(-2, 2);
    case 'p': return positive(rng_below(3) ? log_uniform(-1022, 1023) : 1 + uniform(-0.01, 0.01));
    case 't': return rng_below(3) ? uniform(-10, 10) : log_uniform(-30, 1000);
    case 'u': return uniform(-1, 1);
    case 'h': return uniform(-720, 720);
    case 'n': return uniform(-25, 25);
    case 'm': return rng_below(2) ? uniform(-0.999, 5) : log_uniform(-60, 0);
    case 'y': return rng_below(3) ? uniform(-60, 60) : (double)(rng_below(41) - 20);
    case 'c': return rng_below(3) ? 1 + log_uniform(-40, 3) : log_uniform(0, 1023);
    case 'l': return rng_below(2) ? uniform(-1e15, 1e15) : (double)(rng_below(4001) - 2000) / 4;
    case 'f': /* erf: both branches, the far tail and subnormals */
        switch (rng_below(5)) {
        case 0: return uniform(-1, 1);
        case 1: return uniform(-7, 7);
        case 2: return uniform(-30, 30);
        case 3: return special(erf_specials, sizeof erf_specials / sizeof erf_specials[0]);
        default: return log_uniform(-1074, 0);
        }
    case 'g': /* gamma: near the poles, negative non-integers, overflow, subnormals */
        switch (rng_below(7)) {
        case 6: return special(gamma_specials, sizeof gamma_specials / sizeof gamma_specials[0]);
        case 0: return uniform(0, 13);
        case 1: return uniform(-30, 180);
        case 2: return (double)(rng_below(400) - 200) + uniform(-1e-3, 1e-3);
        case 3: return -uniform(0, 200);
        case 4: return log_uniform(-1074, -20);
        default: return log_uniform(0, 1000);
        }
    default: return rng_double();
    }
}

struct unary {
    const char *name, *domain;
    double (*fn)(double);
};

struct binary {
    const char *name, *domain_x, *domain_y;
    double (*fn)(double, double);
};

static double call_frexp(double x)
{
    int e;
    double m = frexp(x, &e);
    return m + e;
}

static double call_modf(double x)
{
    double i, f = modf(x, &i);
    return f * 3 + i;
}

static double call_ldexp(double x, double n) { return ldexp(x, (int)n); }
static double call_scalbln(double x, double n) { return scalbln(x, (long)n * 1000); }
static double call_ilogb(double x) { return ilogb(x); }
static double call_llround(double x) { return (double)llround(x); }
static double call_llrint(double x) { return (double)llrint(x); }
static double call_nexttoward(double x, double y) { return nexttoward(x, y); }

static double call_lgamma_sign(double x)
{
    lgamma(x);
    return signgam;
}

static double call_erff(double x) { return erff((float)x); }
static double call_erfcf(double x) { return erfcf((float)x); }
static double call_lgammaf(double x) { return lgammaf((float)fabs(x)); }
static double call_lgamma_positive(double x) { return lgamma(fabs(x)); }
static double call_lgamma_negative(double x) { return lgamma(-fabs(x)); }
static double call_tgammaf(double x) { return tgammaf((float)x); }

static double call_remquo_q(double x, double y)
{
    int q;
    if (y == 0 || !isfinite(x) || isnan(y))
        return 0; /* the quotient is unspecified (glibc leaves it unset) */
    remquo(x, y, &q);
    return q;
}

/* fma with a z made from x and y: the product's own rounding error, a neighbour, a
   near-cancellation, a tiny or a huge addend. */
static double fma_addend(double x, double y)
{
    double p = x * y;
    switch (bits_from_double(x) % 5) {
    case 0: return -p;
    case 1: return y;
    case 2: return -p * (1 + 0x1p-40) + y * 0x1p-70;
    case 3: return -y * 1e-300;
    default: return p * -0x1p60;
    }
}

static double call_fma(double x, double y) { return fma(x, y, fma_addend(x, y)); }

static double call_fmaf(double x, double y)
{
    float a = (float)x, b = (float)y;
    return fmaf(a, b, (float)fma_addend(a, b));
}

static const struct unary unaries[] = {
    {"sqrt", "p", sqrt},   {"fabs", "r", fabs},   {"floor", "a", floor}, {"ceil", "a", ceil},
    {"round", "a", round}, {"trunc", "a", trunc}, {"rint", "a", rint},   {"frexp", "r", call_frexp},
    {"modf", "a", call_modf},
    {"exp", "e", exp},     {"expm1", "m", expm1}, {"exp2", "e", exp2},   {"log", "p", log},
    {"log2", "p", log2},   {"log10", "p", log10}, {"log1p", "m", log1p}, {"cbrt", "r", cbrt},
    {"sin", "t", sin},     {"cos", "t", cos},     {"tan", "t", tan},     {"asin", "u", asin},
    {"acos", "u", acos},   {"atan", "a", atan},   {"sinh", "h", sinh},   {"cosh", "h", cosh},
    {"tanh", "n", tanh},   {"asinh", "a", asinh}, {"acosh", "c", acosh}, {"atanh", "u", atanh},
    {"logb", "r", logb},   {"ilogb", "r", call_ilogb}, {"llround", "l", call_llround},
    {"llrint", "l", call_llrint},
    {"erf", "f", erf},     {"erfc", "f", erfc},   {"lgamma", "g", call_lgamma_positive}, {"tgamma", "g", tgamma},
    {"lgamma_neg", "g", call_lgamma_negative},    {"lgamma_sign", "g", call_lgamma_sign},
    {"erff", "f", call_erff},
    {"erfcf", "f", call_erfcf}, {"lgammaf", "g", call_lgammaf}, {"tgammaf", "g", call_tgammaf},
};

static const struct binary binaries[] = {
    {"pow", "p", "y", pow},         {"atan2", "r", "r", atan2},   {"hypot", "r", "r", hypot},
    {"fmod", "r", "a", fmod},       {"fmin", "r", "r", fmin},     {"fmax", "r", "r", fmax},
    {"copysign", "r", "r", copysign}, {"ldexp", "r", "y", call_ldexp},
    {"fma", "r", "r", call_fma},    {"fmaf", "n", "n", call_fmaf}, {"fma_a", "a", "a", call_fma},
    {"remainder", "r", "r", remainder}, {"remquo_q", "r", "r", call_remquo_q},
    {"remainder_a", "a", "a", remainder}, {"nexttoward", "r", "r", call_nexttoward},
    {"scalbln", "r", "y", call_scalbln}, {"fmod_r", "r", "r", fmod},
};

/* The classification macros, on doubles and floats: printed as a 0 "function"
   result so the checker compares them exactly. */
static void classify(double x)
{
    float xf;
    if (x != x)
        x = fabs(x); /* the sign of NAN is the compiler's choice */
    xf = (float)x;
    int d = (fpclassify(x) == FP_NAN) | (fpclassify(x) == FP_INFINITE) << 1 |
            (fpclassify(x) == FP_ZERO) << 2 | (fpclassify(x) == FP_SUBNORMAL) << 3 |
            (fpclassify(x) == FP_NORMAL) << 4 | !!isnan(x) << 5 | !!isinf(x) << 6 |
            !!isfinite(x) << 7 | !!isnormal(x) << 8 | !!signbit(x) << 9;
    int f = !!isnan(xf) | !!isinf(xf) << 1 | !!isfinite(xf) << 2 | !!isnormal(xf) << 3 |
            !!signbit(xf) << 4 | (fpclassify(xf) == FP_SUBNORMAL) << 5;
    printf("classify %016llx 0 %016llx\n", (unsigned long long)bits_from_double(x),
           (unsigned long long)(d << 8 | f));
}

int main(void)
{
    int count = read_params(), i, f;
    static const double specials[] = {0.0, -0.0, 1e-310, -1e-40, 1e39, -1e300, 1.5};
    for (i = 0; i < (int)(sizeof specials / sizeof specials[0]); i++)
        classify(specials[i]);
    classify(HUGE_VAL);
    classify(-INFINITY);
    classify(NAN);
    for (i = 0; i < count; i++)
        classify(rng_double());
    for (f = 0; f < (int)(sizeof unaries / sizeof unaries[0]); f++)
        for (i = 0; i < count; i++) {
            double x = arg(unaries[f].domain);
            printf("%s %016llx 0 %016llx\n", unaries[f].name,
                   (unsigned long long)bits_from_double(x),
                   (unsigned long long)bits_from_double(unaries[f].fn(x)));
        }
    for (f = 0; f < (int)(sizeof binaries / sizeof binaries[0]); f++)
        for (i = 0; i < count; i++) {
            double x = arg(binaries[f].domain_x), y = arg(binaries[f].domain_y);
            if (f == 0 && rng_below(4) == 0)
                x = -x; /* negative bases with integer exponents */
            printf("%s %016llx %016llx %016llx\n", binaries[f].name,
                   (unsigned long long)bits_from_double(x),
                   (unsigned long long)bits_from_double(y),
                   (unsigned long long)bits_from_double(binaries[f].fn(x, y)));
        }
    return 0;
}
