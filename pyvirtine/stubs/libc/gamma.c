/* The gamma function and the log of its magnitude. Both rest on
   lgamma(2 + z) for |z| <= 1/2, a power series in z (special_tables.h): other
   arguments below 12 are moved into [1.5, 2.5] by Gamma(x + 1) = x Gamma(x),
   those above by Stirling's series, and negative ones by the reflection
   Gamma(x) Gamma(1 - x) = pi / sin(pi x). */
#include <errno.h>
#include <math.h>
#include "special_tables.h"

#define STIRLING_FROM 12.0
#define TINY 0x1p-60 /* below this, Gamma(x) = 1/x - euler + ... rounds to 1/x */
#define TGAMMA_OVERFLOWS 171.62437695630272 /* Gamma of anything above is past DBL_MAX */
#define REFLECTED_UNDERFLOWS 190.0 /* 1/Gamma(-x) from here is below the subnormals */

int signgam;

/* lgamma(2 + z), |z| <= 1/2. */
static double lgamma2(double z)
{
    double p = 0;
    int k;
    for (k = LGAMMA_TERMS - 1; k >= 0; k--)
        p = p * z + lgamma2_series[k];
    return z * (ONE_MINUS_EULER + z * p);
}

/* sin(pi x), with x reduced exactly first so that large x loses nothing. */
static double sinpi(double x)
{
    double r = fmod(fabs(x), 2.0), sign = x < 0 ? -1 : 1;
    if (r >= 1) {
        r -= 1;
        sign = -sign;
    }
    if (r > 0.5)
        r = 1 - r;
    return sign * sin(M_PI * r);
}

/* Stirling's series for lgamma(x) - ((x - 1/2) log x - x + log(2 pi) / 2), x >= 12. */
static double stirling_series(double x)
{
    double z = 1 / x, z2 = z * z;
    return z * (1.0 / 12 + z2 * (-1.0 / 360 + z2 * (1.0 / 1260 + z2 * (-1.0 / 1680 +
           z2 * (1.0 / 1188 + z2 * (-691.0 / 360360 + z2 * (1.0 / 156 +
           z2 * (-3617.0 / 122400))))))));
}

/* x moved into [1.5, 2.5] and the factor Gamma(x) / Gamma(moved): x in (0, STIRLING_FROM). */
static double reduce(double x, double *moved)
{
    double factor = 1;
    for (; x < 1.5; x += 1)
        factor /= x;
    for (; x > 2.5; factor *= x)
        x -= 1;
    *moved = x;
    return factor;
}

/* lgamma of a positive finite x. */
static double lgamma_positive(double x)
{
    double moved, lx;
    if (x < 0.5)
        return lgamma2(x) - log1p(x) - log(x);
    if (x < 1.5)
        return lgamma2(x - 1) - log1p(x - 1);
    if (x < STIRLING_FROM) {
        double factor = reduce(x, &moved);
        return lgamma2(moved - 2) + log(factor);
    }
    lx = log(x);
    if (x > 0x1p60)
        return x * (lx - 1);
    return (x - 0.5) * (lx - 1) + (HALF_LN_2PI - 0.5) + stirling_series(x);
}

static double range_error(double value)
{
    errno = ERANGE;
    return value;
}

double lgamma_r(double x, int *sign)
{
    double s, result;
    *sign = 1;
    if (isnan(x))
        return x + x;
    if (isinf(x))
        return INFINITY;
    if (x == 0) {
        *sign = signbit(x) ? -1 : 1;
        return range_error(1 / fabs(x));
    }
    if (x > 0) {
        result = lgamma_positive(x);
        return isinf(result) ? range_error(result) : result;
    }
    if (x == floor(x))
        return range_error(1 / fabs(x - x)); /* a pole */
    if (x > -TINY) { /* Gamma(x) = 1/x to double precision: sinpi(x) would be subnormal */
        *sign = -1;
        return -log(-x);
    }
    s = sinpi(x);
    *sign = s < 0 ? -1 : 1;
    result = LN_PI - log(fabs(s)) - (log(-x) + lgamma_positive(-x)); /* - lgamma(1 - x) */
    return isinf(result) ? range_error(result) : result;
}

double lgamma(double x) { return lgamma_r(x, &signgam); }
float lgammaf_r(float x, int *sign) { return (float)lgamma_r(x, sign); }
float lgammaf(float x) { return (float)lgamma_r(x, &signgam); }

/* Gamma(x) = t * u for STIRLING_FROM <= x <= REFLECTED_UNDERFLOWS, as two factors
   so that neither overflows: t = x^(x/2 - 1/4) (x/2 - 1/4 is exact). */
static double stirling_gamma(double x, double *u)
{
    double t = pow(x, x * 0.5 - 0.25);
    *u = t * exp(-x) * SQRT_2PI * exp(stirling_series(x));
    return t;
}

/* Gamma of a positive x up to TGAMMA_OVERFLOWS. */
static double gamma_positive(double x)
{
    double moved, u, t;
    if (x < STIRLING_FROM) {
        double factor = reduce(x, &moved);
        return exp(lgamma2(moved - 2)) * factor;
    }
    t = stirling_gamma(x, &u);
    return t * u;
}

double tgamma(double x)
{
    double s, y, t, u, result;
    if (isnan(x) || x == INFINITY)
        return x + x;
    if (x == 0)
        return range_error(1 / x);
    if (x < 0 && x == floor(x)) {
        errno = EDOM;
        return (x - x) / (x - x); /* a pole of either sign, or -inf: NaN */
    }
    if (fabs(x) < TINY) {
        result = 1 / x;
        return isinf(result) ? range_error(result) : result;
    }
    if (x > TGAMMA_OVERFLOWS)
        return range_error(x * 0x1p1023);
    if (x > 0) {
        result = gamma_positive(x);
        return isinf(result) ? range_error(result) : result;
    }
    /* Gamma(1 - x) is taken as -x Gamma(-x): 1 - x would round. */
    s = sinpi(x);
    y = -x;
    if (y < 1) /* y Gamma(y) is near 1, while pi / s / y could overflow */
        return M_PI / s / (y * gamma_positive(y));
    if (y <= TGAMMA_OVERFLOWS)
        return M_PI / s / y / gamma_positive(y);
    if (y > REFLECTED_UNDERFLOWS)
        return range_error(copysign(0x1p-1000, s) * 0x1p-1000);
    t = stirling_gamma(y, &u);
    result = M_PI / s / y / t / u;
    return fabs(result) < 0x1p-1022 ? range_error(result) : result;
}

float tgammaf(float x) { return (float)tgamma(x); }
