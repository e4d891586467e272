/* Evaluates the <complex.h> functions on random arguments (small, huge, tiny,
   on and beside the branch cuts) and on every pair of special values, printing
   bit patterns; the test compares them, within an ulp bound, against the same
   program on the host's glibc. Each line: name, input re, im, output re, im. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include "rng.h"

typedef double _Complex (*cfn)(double _Complex);

static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * (double)(rng_next() >> 11) / 9007199254740992.0;
}

static double log_uniform(int lo, int hi)
{
    uint64_t bits = rng_next() & 0x800fffffffffffffULL;
    return double_from_bits(bits | ((uint64_t)(1023 + lo + rng_below(hi - lo)) << 52));
}

/* One part of an argument: mostly moderate, sometimes huge, tiny, or zero. */
static double part(void)
{
    switch (rng_below(10)) {
    case 0: return log_uniform(-1022, 1023);
    case 1: return log_uniform(-60, -20);
    case 2: return rng_below(2) ? 0.0 : -0.0;
    case 3: return uniform(-1.5, 1.5);
    case 4: return (rng_below(2) ? 1 : -1) * (1 + log_uniform(-50, -1));
    case 5: return rng_double();
    default: return uniform(-12, 12);
    }
}

static void print_one(const char *name, double x, double y, double _Complex w)
{
    printf("%s %016llx %016llx %016llx %016llx\n", name,
           (unsigned long long)bits_from_double(x), (unsigned long long)bits_from_double(y),
           (unsigned long long)bits_from_double(creal(w)),
           (unsigned long long)bits_from_double(cimag(w)));
}

static double _Complex call_cabs(double _Complex z) { return cabs(z) + 0.0 * I; }
static double _Complex call_carg(double _Complex z) { return carg(z) + 0.0 * I; }
static double _Complex call_cpow_real(double _Complex z) { return cpow(z, 2.5 - 0.75 * I); }
static double _Complex call_cexpf(double _Complex z) { return cexpf((float _Complex)z); }
static double _Complex call_clogf(double _Complex z) { return clogf((float _Complex)z); }
static double _Complex call_csqrtf(double _Complex z) { return csqrtf((float _Complex)z); }
static double _Complex call_catanf(double _Complex z) { return catanf((float _Complex)z); }
static double _Complex call_csinl(double _Complex z)
{
    return (double _Complex)csinl((long double _Complex)z);
}
static double _Complex call_cacoshl(double _Complex z)
{
    return (double _Complex)cacoshl((long double _Complex)z);
}
static double _Complex call_mul(double _Complex z) { return z * (z + 1.5 - 2.0 * I); }
static double _Complex call_div(double _Complex z) { return (3.0 - 0.5 * I) / z; }

static const struct { const char *name; cfn fn; } functions[] = {
    {"cabs", call_cabs}, {"carg", call_carg}, {"cproj", cproj}, {"conj", conj},
    {"cexp", cexp}, {"clog", clog}, {"csqrt", csqrt}, {"cpow", call_cpow_real},
    {"csin", csin}, {"ccos", ccos}, {"ctan", ctan},
    {"casin", casin}, {"cacos", cacos}, {"catan", catan},
    {"csinh", csinh}, {"ccosh", ccosh}, {"ctanh", ctanh},
    {"casinh", casinh}, {"cacosh", cacosh}, {"catanh", catanh},
    {"cexpf", call_cexpf}, {"clogf", call_clogf}, {"csqrtf", call_csqrtf},
    {"catanf", call_catanf}, {"csinl", call_csinl}, {"cacoshl", call_cacoshl},
    {"mul", call_mul}, {"div", call_div},
};

int main(void)
{
    int count = read_params();
    static const double specials[] = {0.0, -0.0, 1.0, -1.0, 0.5, -2.0, 1e300, -1e-300,
                                      HUGE_VAL, -HUGE_VAL, __builtin_nan("")};
    const int n = (int)(sizeof specials / sizeof specials[0]);
    for (unsigned f = 0; f < sizeof functions / sizeof functions[0]; f++) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                print_one(functions[f].name, specials[i], specials[j],
                          functions[f].fn(__builtin_complex(specials[i], specials[j])));
        for (int i = 0; i < count; i++) {
            double x = part();
            double y = part();
            if (rng_below(8) == 0)     /* on a branch cut: the real or imaginary axis */
                x = rng_below(2) ? 0.0 : -0.0;
            else if (rng_below(8) == 0)
                y = rng_below(2) ? 0.0 : -0.0;
            print_one(functions[f].name, x, y, functions[f].fn(__builtin_complex(x, y)));
        }
    }
    return 0;
}
