/* The rest of C99's <math.h> beside math.c: remainders, exponents, NaN payloads, the
   inverse hyperbolic functions, the last rounding functions, and each float
   function's twin computed in double. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* x - n*y with n the integer nearest x/y (ties to even), exactly; *quo gets n modulo
   8, rounded as n is (so 0 to 8, as glibc gives it), with the sign of x/y. */
double remquo(double x, double y, int *quo)
{
    double ax = fabs(x), ay = fabs(y), r;
    int q = 0, negative = signbit(x) != signbit(y);
    *quo = 0;
    if (isnan(x) || isnan(y))
        return x + y;
    if (isinf(x) || y == 0)
        return (x * y) / (x * y); /* NaN, as glibc raises it */
    if (ax < ay) {
        r = ax;
    } else {
        /* r = ax mod 8ay (exact), then 4ay, 2ay and ay off while they fit: each step
           subtracts numbers within a factor of two of each other, exactly. Scaled down
           where 8ay would overflow (exact: both are far from the subnormals then). */
        double scale = ay > 0x1p1020 ? 0x1p-4 : 1, sy = ay * scale;
        r = fmod(ax * scale, 8 * sy);
        for (int k = 4; k >= 1; k /= 2)
            if (r >= k * sy) {
                r -= k * sy;
                q += k;
            }
        r /= scale;
    }
    /* to the nearest multiple: r > ay / 2, or a tie with q odd */
    if (r > ay - r || (r == ay - r && (q & 1))) {
        r -= ay;
        q++;
    }
    *quo = negative ? -q : q;
    return x < 0 ? -r : r;
}

double remainder(double x, double y)
{
    int q;
    return remquo(x, y, &q);
}

int ilogb(double x)
{
    int e;
    if (x == 0 || isnan(x))
        return FP_ILOGB0; /* == FP_ILOGBNAN here, as in glibc */
    if (isinf(x))
        return INT_MAX;
    frexp(x, &e);
    return e - 1;
}

double logb(double x)
{
    if (x == 0)
        return -1 / fabs(x);
    if (!isfinite(x))
        return x * x;
    return ilogb(x);
}

/* A quiet NaN; a decimal, octal or hex string sets its payload, as glibc's does. */
double nan(const char *tag)
{
    char *end;
    uint64_t payload = tag && *tag ? strtoull(tag, &end, 0) : 0, bits;
    double x;
    if (tag && *tag && *end)
        payload = 0;
    bits = 0x7ff8000000000000ULL | (payload & 0x0007ffffffffffffULL);
    memcpy(&x, &bits, sizeof x);
    return x;
}

float nanf(const char *tag)
{
    char *end;
    uint32_t payload = tag && *tag ? (uint32_t)strtoull(tag, &end, 0) : 0, bits;
    float x;
    if (tag && *tag && *end)
        payload = 0;
    bits = 0x7fc00000u | (payload & 0x003fffffu);
    memcpy(&x, &bits, sizeof x);
    return x;
}

long long llround(double x) { return lround(x); }
long long llrint(double x) { return lrint(x); }

double scalbln(double x, long n)
{
    return scalbn(x, n > INT_MAX ? INT_MAX : n < INT_MIN ? INT_MIN : (int)n);
}

double nexttoward(double x, long double y)
{
    if (isnan(x) || isnan(y))
        return x + (double)y;
    if ((long double)x == y)
        return (double)y;
    return nextafter(x, (long double)x < y ? INFINITY : -INFINITY);
}

/* The inverse hyperbolic functions: log1p where the argument is near 1, log where it
   is large, and for huge ones log(x) + log(2), which cannot overflow. */
double asinh(double x)
{
    double a = fabs(x), r;
    if (!isfinite(x) || a < 0x1p-28)
        return x + x * 0; /* NaN, infinities, and x itself where x^2 is below an ulp */
    if (a > 0x1p28)
        r = log(a) + M_LN2;
    else if (a > 2)
        r = log(2 * a + 1 / (sqrt(a * a + 1) + a));
    else
        r = log1p(a + a * a / (1 + sqrt(1 + a * a)));
    return x < 0 ? -r : r;
}

double acosh(double x)
{
    if (isnan(x))
        return x + x;
    if (x < 1)
        return (x - x) / (x - x); /* NaN */
    if (x > 0x1p28)
        return isinf(x) ? x : log(x) + M_LN2;
    if (x > 2)
        return log(2 * x - 1 / (x + sqrt(x * x - 1)));
    double t = x - 1;
    return log1p(t + sqrt(2 * t + t * t));
}

double atanh(double x)
{
    double a = fabs(x), r;
    if (isnan(x))
        return x + x;
    if (a > 1)
        return (x - x) / (x - x); /* NaN */
    if (a == 1)
        return x / 0.0;
    if (a < 0x1p-28)
        return x;
    r = a < 0.5 ? 0.5 * log1p(2 * a + 2 * a * a / (1 - a)) : 0.5 * log1p(2 * a / (1 - a));
    return x < 0 ? -r : r;
}

/* ---- float: each computed in double and rounded once more ---- */

float acoshf(float x) { return (float)acosh(x); }
float asinhf(float x) { return (float)asinh(x); }
float atanhf(float x) { return (float)atanh(x); }
float cbrtf(float x) { return (float)cbrt(x); }
float exp2f(float x) { return (float)exp2(x); }
float expm1f(float x) { return (float)expm1(x); }
float log1pf(float x) { return (float)log1p(x); }
float logbf(float x) { return (float)logb(x); }
int ilogbf(float x) { return ilogb(x); }
float nearbyintf(float x) { return (float)nearbyint(x); }
float rintf(float x) { return (float)rint(x); }
long lrintf(float x) { return lrint(x); }
long long llrintf(float x) { return lrint(x); }
long lroundf(float x) { return lround(x); }
long long llroundf(float x) { return lround(x); }
float scalbnf(float x, int n) { return (float)scalbn(x, n); }
float scalblnf(float x, long n) { return (float)scalbln(x, n); }
float fdimf(float x, float y) { return (float)fdim(x, y); }
float remquof(float x, float y, int *quo) { return (float)remquo(x, y, quo); }
float remainderf(float x, float y) { return (float)remainder(x, y); }

float nextafterf(float x, float y)
{
    uint32_t b;
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == y)
        return y;
    if (x == 0) {
        b = 1;
        memcpy(&x, &b, sizeof x);
        return y > 0 ? x : -x;
    }
    memcpy(&b, &x, sizeof b);
    if ((x < y) == (x > 0))
        b++;
    else
        b--;
    memcpy(&x, &b, sizeof x);
    return x;
}

float nexttowardf(float x, long double y)
{
    if (isnan(x) || isnan(y))
        return x + (float)y;
    if ((long double)x == y)
        return (float)y;
    return nextafterf(x, (long double)x < y ? INFINITY : -INFINITY);
}
