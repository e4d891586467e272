/* The error functions. erfc(x) = exp(-x^2) g(x), where g is smooth: on [0.5, 3)
   a table of Taylor polynomials (special_tables.h), beyond it the continued
   fraction g(x) = 1/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), which
   converges fast there. exp(-x^2) uses x^2 split exactly into two doubles. Near
   zero erf is its Maclaurin series, elsewhere 1 - erfc, which does not cancel. */
#include <math.h>
#include "special_tables.h"

#define ERFC_END (ERFC_START + ERFC_INTERVALS * ERFC_STEP)
#define CF_TERMS 32 /* enough for x >= ERFC_END (one ulp of g) */
#define ERF_IS_ONE 6.0 /* erfc(6) is below half an ulp of 1 */
#define ERFC_UNDERFLOWS 28.0 /* erfc(28) is below half the least subnormal */

/* erfc(x) exp(x^2) for x >= ERFC_START. */
static double scaled_erfc(double x)
{
    double t, h, g = 0;
    int n;
    if (x < ERFC_END) {
        int i = (int)((x - ERFC_START) / ERFC_STEP);
        const double *c = erfc_scaled_taylor[i];
        h = x - (ERFC_START + ERFC_STEP * (i + 0.5)); /* exact: x is near the midpoint */
        for (n = ERFC_DEGREE; n >= 0; n--)
            g = g * h + c[n];
        return g;
    }
    t = x;
    for (n = CF_TERMS; n > 0; n--)
        t = x + (n * 0.5) / t;
    return ONE_OVER_SQRT_PI / t;
}

/* erfc(x) for ERFC_START <= x < ERFC_UNDERFLOWS. */
static double erfc_tail(double x)
{
    double s = x * x, e = fma(x, x, -s), g = scaled_erfc(x);
    g -= g * e; /* exp(-(s + e)) = exp(-s) (1 - e) to double precision */
    if (s < 700)
        return exp(-s) * g;
    /* Scaled so exp's result stays normal: only the last product may round to a subnormal. */
    return exp(64 - s) * g * EXP_MINUS_64;
}

/* erf(x) for |x| < ERFC_START: its Maclaurin series. */
static double erf_series_sum(double x)
{
    double z = x * x, p = 0;
    int n;
    for (n = ERF_TERMS - 1; n >= 0; n--)
        p = p * z + erf_series[n];
    return x * p;
}

double erf(double x)
{
    double a = fabs(x);
    if (isnan(x))
        return x + x;
    if (a < ERFC_START)
        return erf_series_sum(x);
    if (a >= ERF_IS_ONE)
        return copysign(1 - 0x1p-100, x); /* 1, inexact */
    return copysign(1 - erfc_tail(a), x);
}

double erfc(double x)
{
    if (isnan(x))
        return x + x;
    if (fabs(x) < ERFC_START)
        return 1 - erf_series_sum(x);
    if (x < 0)
        return x <= -ERF_IS_ONE ? 2 - 0x1p-100 : 2 - erfc_tail(-x);
    if (x >= ERFC_UNDERFLOWS)
        return 0x1p-1000 * 0x1p-1000; /* 0, underflowing */
    return erfc_tail(x);
}

float erff(float x) { return (float)erf(x); }
float erfcf(float x) { return (float)erfc(x); }
