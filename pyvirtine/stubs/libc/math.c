/* libm. The elementary functions reduce their argument with table values kept
   to twice double precision (libm_tables.h) and evaluate short Taylor series
   on the small remainder, carrying a low-order correction term where rounding
   would otherwise cost accuracy. Results are within a couple of ulps of the
   correctly rounded value; pow and exp carry a double-double intermediate so
   large results stay accurate too. */
#include <math.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "libm_tables.h"
#include "bigint.h"

#define SIGN_BIT ((uint64_t)1 << 63)
#define EXP_MASK 0x7ff0000000000000ULL
#define FRAC_MASK 0x000fffffffffffffULL

static uint64_t to_bits(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static double from_bits(uint64_t b)
{
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static uint32_t float_bits(float x)
{
    uint32_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

/* ---- classification ---- */

int __fpclassify(double x)
{
    uint64_t b = to_bits(x) & ~SIGN_BIT;
    if (b >= EXP_MASK)
        return b > EXP_MASK ? FP_NAN : FP_INFINITE;
    if (b == 0)
        return FP_ZERO;
    return b < 0x0010000000000000ULL ? FP_SUBNORMAL : FP_NORMAL;
}

int __fpclassifyf(float x)
{
    uint32_t b = float_bits(x) & 0x7fffffffu;
    if (b >= 0x7f800000u)
        return b > 0x7f800000u ? FP_NAN : FP_INFINITE;
    if (b == 0)
        return FP_ZERO;
    return b < 0x00800000u ? FP_SUBNORMAL : FP_NORMAL;
}

int __isnan(double x) { return __fpclassify(x) == FP_NAN; }
int __isnanf(float x) { return __fpclassifyf(x) == FP_NAN; }
/* -1 for -inf, as glibc's isinf (gcc's __builtin_isinf_sign) has it. */
int __isinf(double x) { return __fpclassify(x) == FP_INFINITE ? 1 - 2 * (x < 0) : 0; }
int __isinff(float x) { return __fpclassifyf(x) == FP_INFINITE ? 1 - 2 * (x < 0) : 0; }
int __isfinite(double x) { return (to_bits(x) & EXP_MASK) != EXP_MASK; }
int __isfinitef(float x) { return (float_bits(x) & 0x7f800000u) != 0x7f800000u; }
int __signbit(double x) { return (int)(to_bits(x) >> 63); }
int __signbitf(float x) { return (int)(float_bits(x) >> 31); }

/* ---- exact operations ---- */

double fabs(double x) { return from_bits(to_bits(x) & ~SIGN_BIT); }

double copysign(double x, double y)
{
    return from_bits((to_bits(x) & ~SIGN_BIT) | (to_bits(y) & SIGN_BIT));
}

double trunc(double x)
{
    uint64_t b = to_bits(x);
    int e = (int)((b >> 52) & 0x7ff) - 1023;
    if (e >= 52)
        return x; /* integral, inf or nan */
    if (e < 0)
        return from_bits(b & SIGN_BIT);
    return from_bits(b & ~(FRAC_MASK >> e));
}

double floor(double x)
{
    double t = trunc(x);
    return t > x ? t - 1 : t;
}

double ceil(double x)
{
    double t = trunc(x);
    return t < x ? t + 1 : t;
}

double round(double x)
{
    double t = trunc(x);
    if (fabs(x - t) >= 0.5)
        t += copysign(1.0, x);
    return t;
}

/* Rounds in the current rounding mode (half to even by default): moving x by
   2^52 away from zero and back leaves only integer bits. It must move x itself,
   not |x|, for the directed modes to round the right way. */
double rint(double x)
{
    double big = 4503599627370496.0;
    if (!(fabs(x) < big))
        return x;
    return copysign(x > 0 ? (x + big) - big : (x - big) + big, x);
}

double nearbyint(double x) { return rint(x); }
long lrint(double x) { return (long)rint(x); }
long lround(double x) { return (long)round(x); }

double scalbn(double x, int n)
{
    /* Scale in steps that stay inside the exponent range of 2^n itself. */
    while (n > 1023) {
        x *= 8.98846567431158e307; /* 2^1023 */
        n -= 1023;
        if (n > 1023 && !__isfinite(x))
            return x;
    }
    while (n < -1022) {
        /* 2^-969 keeps the intermediate normal, so only the last step rounds. */
        x *= 2.0041683600089728e-292; /* 2^-969 */
        n += 969;
        if (n < -1022 && x == 0)
            return x;
    }
    return x * from_bits((uint64_t)(n + 1023) << 52);
}

double ldexp(double x, int n) { return scalbn(x, n); }

double frexp(double x, int *exp)
{
    uint64_t b = to_bits(x);
    int e = (int)((b >> 52) & 0x7ff);
    if (e == 0x7ff || x == 0) {
        *exp = 0;
        return x;
    }
    if (e == 0) {
        x *= 18014398509481984.0; /* 2^54 */
        b = to_bits(x);
        e = (int)((b >> 52) & 0x7ff) - 54;
    }
    *exp = e - 1022;
    return from_bits((b & ~EXP_MASK) | ((uint64_t)1022 << 52));
}

double modf(double x, double *ipart)
{
    double t = trunc(x);
    *ipart = t;
    if (__isinf(x))
        return copysign(0.0, x);
    return copysign(x - t, x);
}

double fmin(double x, double y)
{
    if (__isnan(x))
        return y;
    if (__isnan(y))
        return x;
    if (x == y)
        return __signbit(x) ? x : y;
    return x < y ? x : y;
}

double fmax(double x, double y)
{
    if (__isnan(x))
        return y;
    if (__isnan(y))
        return x;
    if (x == y)
        return __signbit(x) ? y : x;
    return x > y ? x : y;
}

double fdim(double x, double y)
{
    if (__isnan(x) || __isnan(y))
        return x + y;
    return x > y ? x - y : 0.0;
}

double nextafter(double x, double y)
{
    uint64_t b;
    if (__isnan(x) || __isnan(y))
        return x + y;
    if (x == y)
        return y;
    if (x == 0)
        return copysign(from_bits(1), y);
    b = to_bits(x);
    if ((x < y) == (x > 0))
        b++;
    else
        b--;
    return from_bits(b);
}

/* Exact remainder by long division of the integer mantissas. */
double fmod(double x, double y)
{
    uint64_t bx = to_bits(x), by = to_bits(y), mx, my;
    int ex, ey;
    if (__isnan(x) || __isnan(y))
        return x + y;
    if (__isinf(x) || y == 0) {
        errno = EDOM;
        return NAN;
    }
    if (fabs(x) < fabs(y))
        return x;
    ex = (int)((bx >> 52) & 0x7ff);
    ey = (int)((by >> 52) & 0x7ff);
    mx = (bx & FRAC_MASK) | (ex ? (uint64_t)1 << 52 : 0);
    my = (by & FRAC_MASK) | (ey ? (uint64_t)1 << 52 : 0);
    ex = ex ? ex - 1075 : -1074;
    ey = ey ? ey - 1075 : -1074;
    /* subnormals normalised: the division below needs my's top bit at mx's */
    for (; !(mx >> 52); ex--)
        mx <<= 1;
    for (; !(my >> 52); ey--)
        my <<= 1;
    for (; ex > ey; ex--) {
        if (mx >= my)
            mx -= my;
        mx <<= 1;
    }
    if (mx >= my)
        mx -= my;
    return copysign(scalbn((double)mx, ey), x);
}

/* ---- double-double helpers (no fused multiply-add is assumed) ---- */

/* a + b = *hi + *lo exactly. */
static void two_sum(double a, double b, double *hi, double *lo)
{
    double s = a + b, bb = s - a;
    *hi = s;
    *lo = (a - (s - bb)) + (b - bb);
}

/* Same, for |a| >= |b|. */
static void fast_two_sum(double a, double b, double *hi, double *lo)
{
    double s = a + b;
    *hi = s;
    *lo = b - (s - a);
}

/* Dekker's product: a * b = *hi + *lo exactly (barring over/underflow). */
static void two_prod(double a, double b, double *hi, double *lo)
{
    const double split = 134217729.0; /* 2^27 + 1 */
    double ca = split * a, cb = split * b;
    double ah = ca - (ca - a), al = a - ah;
    double bh = cb - (cb - b), bl = b - bh;
    double p = a * b;
    *hi = p;
    *lo = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

static void dd_add(double ah, double al, double bh, double bl, double *hi, double *lo)
{
    double s, e;
    two_sum(ah, bh, &s, &e);
    e += al + bl;
    fast_two_sum(s, e, hi, lo);
}

static void dd_mul(double ah, double al, double bh, double bl, double *hi, double *lo)
{
    double p, e;
    two_prod(ah, bh, &p, &e);
    e += ah * bl + al * bh;
    fast_two_sum(p, e, hi, lo);
}

/* ---- logarithms ---- */

/* log(x) as *hi + *lo for finite x > 0, to about 2^-100 relative: x = 2^k m
   with m in [sqrt(1/2), sqrt(2)), m = c (1 + r) with c = i/128 from the table,
   then log(1 + r) by its series, |r| < 1/180. */
static void log_dd(double x, double *hi, double *lo)
{
    uint64_t b = to_bits(x);
    int k = 0, i;
    double m, c, d, rh, rl, ph, pl, sh, sl, tail, h, l;
    if (!(b & EXP_MASK)) {
        x *= 18014398509481984.0; /* subnormal: scale by 2^54 */
        b = to_bits(x);
        k = -54;
    }
    k += (int)((b >> 52) & 0x7ff) - 1023;
    m = from_bits((b & FRAC_MASK) | ((uint64_t)1023 << 52));
    if (m > 1.4142135623730951) {
        m *= 0.5;
        k++;
    }
    i = (int)(m * 128 + 0.5);
    c = i / 128.0;
    /* r = (m - c) / c as a double-double; m - c is exact. */
    d = m - c;
    rh = d / c;
    two_prod(rh, c, &ph, &pl);
    rl = ((d - ph) - pl) / c;
    /* log(1 + r) = r - r^2/2 + r^3/3 - ...; r^2/2 kept exact. */
    two_prod(rh, rh, &sh, &sl);
    sh *= 0.5;
    sl = sl * 0.5 + rh * rl;
    tail = rh * rh * rh *
           (1.0 / 3 - rh * (1.0 / 4 - rh * (1.0 / 5 - rh * (1.0 / 6 - rh * (1.0 / 7 -
           rh * (1.0 / 8 - rh * (1.0 / 9 - rh * (1.0 / 10))))))));
    fast_two_sum(rh, -sh, &h, &l);
    l += rl - sl + tail;
    fast_two_sum(h, l, &h, &l);
    dd_add(log_table[i - 91][0], log_table[i - 91][1], h, l, &h, &l);
    dd_add(k * LN2_HI, k * LN2_LO, h, l, hi, lo);
}

/* Handles the arguments where log is not an ordinary finite value. */
static int log_special(double x, double *result)
{
    if (__isnan(x)) {
        *result = x + x;
        return 1;
    }
    if (x == 0) {
        errno = ERANGE;
        *result = -HUGE_VAL;
        return 1;
    }
    if (x < 0) {
        errno = EDOM;
        *result = NAN;
        return 1;
    }
    if (__isinf(x)) {
        *result = x;
        return 1;
    }
    return 0;
}

double log(double x)
{
    double r, hi, lo;
    if (log_special(x, &r))
        return r;
    log_dd(x, &hi, &lo);
    return hi + lo;
}

/* log(x) * (scale_hi + scale_lo), the product taken in double-double precision. */
static double log_scaled(double x, double scale_hi, double scale_lo)
{
    double r, hi, lo;
    if (log_special(x, &r))
        return r;
    log_dd(x, &hi, &lo);
    dd_mul(hi, lo, scale_hi, scale_lo, &hi, &lo);
    return hi + lo;
}

double log2(double x) { return log_scaled(x, INV_LN2_HI, INV_LN2_LO); }

double log10(double x) { return log_scaled(x, INV_LN10_HI, INV_LN10_LO); }

double log1p(double x)
{
    double u, hi, lo, r;
    if (x == -1) {
        errno = ERANGE;
        return -HUGE_VAL;
    }
    if (x < -1) {
        errno = EDOM;
        return NAN;
    }
    if (__isnan(x) || __isinf(x))
        return x + x;
    if (fabs(x) < 1e-300)
        return x;
    /* log(1 + x) = log(u) + log(1 + e/u), where u = 1 + x rounded and e is
       what the rounding lost. */
    two_sum(1.0, x, &u, &r);
    if (log_special(u, &hi))
        return hi;
    log_dd(u, &hi, &lo);
    return hi + (lo + r / u);
}

/* ---- exponentials ---- */

/* exp(hi + lo) = (*rh + *rl) * 2^(*n) for |hi| <= 746: hi = (64 n + j) ln2/64
   + r with |r| <= ln2/128, so exp = 2^n * 2^(j/64) * exp(r). */
static void exp_dd(double hi, double lo, double *rh, double *rl, int *n)
{
    double kf = floor(hi * INV_LN2_64 + 0.5), r, q, th, tl;
    int k = (int)kf, j;
    r = (hi - kf * LN2_64_HI) - kf * LN2_64_LO + lo;
    q = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720)))));
    j = k & 63;
    *n = (k - j) / 64;
    th = exp2_table[j][0];
    tl = exp2_table[j][1];
    fast_two_sum(th, tl + th * q + tl * q, rh, rl);
}

#define EXP_OVERFLOW 709.782712893384
#define EXP_UNDERFLOW -745.1332191019412

static double exp_of_dd(double hi, double lo)
{
    double rh, rl;
    int n;
    if (hi > EXP_OVERFLOW) {
        errno = ERANGE;
        return HUGE_VAL;
    }
    if (hi < EXP_UNDERFLOW) {
        errno = ERANGE;
        return 0;
    }
    exp_dd(hi, lo, &rh, &rl, &n);
    return scalbn(rh + rl, n);
}

double exp(double x)
{
    if (__isnan(x))
        return x + x;
    if (__isinf(x))
        return x > 0 ? x : 0;
    return exp_of_dd(x, 0);
}

double exp2(double x)
{
    double hi, lo;
    if (__isnan(x))
        return x + x;
    if (__isinf(x))
        return x > 0 ? x : 0;
    if (x > 1100)
        return exp_of_dd(1000, 0);
    if (x < -1100)
        return exp_of_dd(-1000, 0);
    dd_mul(x, 0, LN2_FULL_HI, LN2_FULL_LO, &hi, &lo);
    return exp_of_dd(hi, lo);
}

double expm1(double x)
{
    double rh, rl, s, e;
    int n;
    if (__isnan(x))
        return x + x;
    if (x > EXP_OVERFLOW)
        return exp(x);
    if (x < -40)
        return -1.0;
    if (fabs(x) < 0.25) {
        /* Taylor series; the terms fall by at least a factor of 8. */
        double p = 1.0 / 2 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720 +
                   x * (1.0 / 5040 + x * (1.0 / 40320 + x * (1.0 / 362880 + x * (1.0 / 3628800 +
                   x * (1.0 / 39916800 + x * (1.0 / 479001600 + x * (1.0 / 6227020800.0)))))))))));
        return x + x * x * p;
    }
    exp_dd(x, 0, &rh, &rl, &n);
    /* Scaling by 2^n is exact here (no overflow, n >= -58). */
    rh = scalbn(rh, n);
    rl = scalbn(rl, n);
    two_sum(rh, -1.0, &s, &e);
    return s + (e + rl);
}

/* ---- power ---- */

/* 0 if y is not an integer, 1 if it is odd, 2 if even. */
static int integer_kind(double y)
{
    double half;
    if (trunc(y) != y)
        return 0;
    if (fabs(y) >= 9007199254740992.0)
        return 2;
    half = y * 0.5;
    return trunc(half) == half ? 2 : 1;
}

double pow(double x, double y)
{
    double ax = fabs(x), lh, ll, ph, pl, result;
    int kind, negate = 0;
    if (y == 0 || x == 1)
        return 1.0;
    if (__isnan(x) || __isnan(y))
        return x + y;
    kind = integer_kind(y);
    if (__isinf(y)) {
        if (ax == 1)
            return 1.0;
        return (ax > 1) == (y > 0) ? HUGE_VAL : 0.0;
    }
    if (x == 0) {
        if (y < 0) {
            errno = ERANGE;
            return kind == 1 ? copysign(HUGE_VAL, x) : HUGE_VAL;
        }
        return kind == 1 ? x : 0.0;
    }
    if (__isinf(x)) {
        if (x < 0 && kind == 1)
            return y > 0 ? -HUGE_VAL : -0.0;
        return y > 0 ? HUGE_VAL : 0.0;
    }
    if (x < 0) {
        if (kind == 0) {
            errno = EDOM;
            return NAN;
        }
        negate = kind == 1;
    }
    log_dd(ax, &lh, &ll);
    two_prod(y, lh, &ph, &pl);
    pl += y * ll;
    fast_two_sum(ph, pl, &ph, &pl);
    result = exp_of_dd(ph, pl);
    return negate ? -result : result;
}

double cbrt(double x)
{
    double ax = fabs(x), y, sh, sl, ch, cl;
    int scale = 0;
    if (x == 0 || __isnan(x) || __isinf(x))
        return x;
    /* Keep y^3 in range: scale x by 2^(3k), the root by 2^k. */
    if (ax > 1e150) {
        ax = scalbn(ax, -600);
        scale = 200;
    } else if (ax < 1e-150) {
        ax = scalbn(ax, 600);
        scale = -200;
    }
    y = pow(ax, 1.0 / 3);
    /* One Newton step on y^3 - x, with y^3 computed exactly, fixes the error
       of the rounded exponent 1/3. */
    two_prod(y, y, &sh, &sl);
    two_prod(y, sh, &ch, &cl);
    y -= ((ch - ax) + (cl + y * sl)) / (3 * sh);
    return copysign(scalbn(y, scale), x);
}

double hypot(double x, double y)
{
    double ax = fabs(x), ay = fabs(y), t, sh, sl, th, tl, r;
    int scale = 0;
    if (__isinf(x) || __isinf(y))
        return HUGE_VAL;
    if (__isnan(x) || __isnan(y))
        return x + y;
    if (ax < ay) {
        t = ax;
        ax = ay;
        ay = t;
    }
    if (ay == 0)
        return ax;
    /* Scale so the squares neither overflow nor lose bits to underflow. */
    if (ax > 1e150) {
        ax = scalbn(ax, -600);
        ay = scalbn(ay, -600);
        scale = 600;
    } else if (ax < 1e-150) {
        ax = scalbn(ax, 600);
        ay = scalbn(ay, 600);
        scale = -600;
    }
    /* sqrt of the exact sum of squares, corrected by one Newton step. */
    two_prod(ax, ax, &sh, &sl);
    two_prod(ay, ay, &th, &tl);
    dd_add(sh, sl, th, tl, &sh, &sl);
    r = sqrt(sh);
    two_prod(r, r, &th, &tl);
    r += ((sh - th) - tl + sl) / (2 * r);
    return scalbn(r, scale);
}

/* ---- trigonometry ---- */

static unsigned bit_at(const struct big *b, int pos)
{
    return pos >= 0 && pos / 32 < b->len ? (b->limb[pos / 32] >> (pos % 32)) & 1 : 0;
}

/* x mod pi/2 for huge |x| (Payne-Hanek): x = m 2^e exactly, so x * 2/pi is
   m times the bits of 2/pi shifted; only the bits near the binary point
   matter. Returns the quadrant; *rh + *rl is the remainder in [-pi/4, pi/4]. */
static int reduce_huge(double x, double *rh, double *rl)
{
    static struct big product, factor, mantissa;
    uint64_t b = to_bits(x), m = (b & FRAC_MASK) | ((uint64_t)1 << 52), top, bottom;
    int e = (int)((b >> 52) & 0x7ff) - 1075, point, i, quadrant;
    double fh, fl, h, l;
    factor.len = (int)(sizeof two_over_pi / sizeof two_over_pi[0]);
    for (i = 0; i < factor.len; i++)
        factor.limb[i] = two_over_pi[i];
    __big_set(&mantissa, m);
    __big_mul(&product, &mantissa, &factor);
    /* product * 2^(e - TWO_OVER_PI_BITS) = x * 2/pi: the binary point sits at
       bit `point` of product. Take 2 integer bits and 128 fraction bits. */
    point = TWO_OVER_PI_BITS - e;
    quadrant = (int)(bit_at(&product, point) | bit_at(&product, point + 1) << 1);
    top = 0;
    bottom = 0;
    for (i = 1; i <= 64; i++)
        top = (top << 1) | bit_at(&product, point - i);
    for (i = 65; i <= 128; i++)
        bottom = (bottom << 1) | bit_at(&product, point - i);
    /* Fraction f = top/2^64 + bottom/2^128, in [0, 1); take f - 1 above 1/2. */
    fh = (double)(top >> 11) * 1.1102230246251565e-16; /* 2^-53 */
    fl = ((double)(top & 2047) + (double)bottom * 5.421010862427522e-20) * 5.421010862427522e-20;
    if (fh >= 0.5) {
        fh -= 1.0;
        quadrant++;
    }
    fast_two_sum(fh, fl, &fh, &fl);
    dd_mul(fh, fl, PI_2_HI, PI_2_LO, &h, &l);
    if (x < 0) {
        /* Reduced |x|; x mod pi/2 is its mirror image. */
        h = -h;
        l = -l;
        quadrant = -quadrant;
    }
    *rh = h;
    *rl = l;
    return quadrant & 3;
}

/* x mod pi/2: returns the quadrant, remainder as *rh + *rl. */
static int reduce(double x, double *rh, double *rl)
{
    double n, a, w;
    if (fabs(x) <= 0.7853981633974483) {
        *rh = x;
        *rl = 0;
        return 0;
    }
    if (fabs(x) > 1e6)
        return reduce_huge(x, rh, rl);
    /* Cody-Waite: n * PIO2_k is exact for these n, each subtraction nearly so. */
    n = floor(x * TWO_OVER_PI + 0.5);
    a = x - n * PIO2_1;
    w = n * PIO2_2;
    two_sum(a, -w, &a, &w);
    w += -n * PIO2_3 - n * PIO2_4;
    fast_two_sum(a, w, rh, rl);
    return (int)((long)n & 3);
}

/* sin and cos on [-pi/4, pi/4] of r = rh + rl. */
static double sin_kernel(double rh, double rl)
{
    double z = rh * rh;
    double s = z * (-1.0 / 6 + z * (1.0 / 120 + z * (-1.0 / 5040 + z * (1.0 / 362880 +
               z * (-1.0 / 39916800 + z * (1.0 / 6227020800.0 + z * (-1.0 / 1307674368000.0 +
               z * (1.0 / 355687428096000.0))))))));
    return rh + (rh * s + rl * (1 - 0.5 * z));
}

static double cos_kernel(double rh, double rl)
{
    double z = rh * rh, hh, hl, t, e;
    double c = z * z * (1.0 / 24 + z * (-1.0 / 720 + z * (1.0 / 40320 + z * (-1.0 / 3628800 +
               z * (1.0 / 479001600 + z * (-1.0 / 87178291200.0 + z * (1.0 / 20922789888000.0 +
               z * (-1.0 / 6402373705728000.0))))))));
    two_prod(rh, rh, &hh, &hl);
    hh *= 0.5;
    hl *= 0.5;
    fast_two_sum(1.0, -hh, &t, &e);
    return t + (e - hl + c - rh * rl);
}

double sin(double x)
{
    double rh, rl;
    int q;
    if (__isinf(x) || __isnan(x))
        return x - x;
    if (fabs(x) < 1e-8)
        return x;
    q = reduce(x, &rh, &rl);
    switch (q) {
    case 0: return sin_kernel(rh, rl);
    case 1: return cos_kernel(rh, rl);
    case 2: return -sin_kernel(rh, rl);
    default: return -cos_kernel(rh, rl);
    }
}

double cos(double x)
{
    double rh, rl;
    int q;
    if (__isinf(x) || __isnan(x))
        return x - x;
    q = reduce(x, &rh, &rl);
    switch (q) {
    case 0: return cos_kernel(rh, rl);
    case 1: return -sin_kernel(rh, rl);
    case 2: return -cos_kernel(rh, rl);
    default: return sin_kernel(rh, rl);
    }
}

double tan(double x)
{
    double rh, rl, s, c;
    int q;
    if (__isinf(x) || __isnan(x))
        return x - x;
    if (fabs(x) < 1e-8)
        return x;
    q = reduce(x, &rh, &rl);
    s = sin_kernel(rh, rl);
    c = cos_kernel(rh, rl);
    return q & 1 ? -c / s : s / c;
}

/* atan on [0, 1]: atan(x) = atan(c) + atan(t), c = i/16 nearest x,
   t = (x - c) / (1 + x c), |t| <= 1/32. Returns hi + *lo. */
static double atan_unit(double x, double *lo)
{
    int i = (int)(x * 16 + 0.5);
    double c = i / 16.0, t = (x - c) / (1 + x * c), z = t * t;
    double p = t * z * (-1.0 / 3 + z * (1.0 / 5 + z * (-1.0 / 7 + z * (1.0 / 9 + z * (-1.0 / 11 +
               z * (1.0 / 13))))));
    double hi;
    fast_two_sum(atan_table[i][0], t, &hi, lo);
    *lo += atan_table[i][1] + p;
    return hi;
}

double atan(double x)
{
    double ax = fabs(x), hi, lo;
    if (__isnan(x))
        return x + x;
    if (ax < 1e-8)
        return x;
    if (ax <= 1) {
        hi = atan_unit(ax, &lo);
    } else {
        /* atan(x) = pi/2 - atan(1/x). */
        double h = atan_unit(1 / ax, &lo);
        dd_add(PI_2_HI, PI_2_LO, -h, -lo, &hi, &lo);
    }
    return copysign(hi + lo, x);
}

double atan2(double y, double x)
{
    double ax = fabs(x), ay = fabs(y), hi, lo;
    if (__isnan(x) || __isnan(y))
        return x + y;
    if (y == 0) {
        /* atan2(+-0, x): +-0 for x > 0 or +0, +-pi for x < 0 or -0. */
        if (x > 0 || (x == 0 && !__signbit(x)))
            return y;
        return copysign(PI_HI, y);
    }
    if (__isinf(x) && __isinf(y)) {
        hi = x > 0 ? PI_2_HI / 2 : 3 * (PI_2_HI / 2);
        return copysign(hi, y);
    }
    if (ax >= ay) {
        double t = ay / ax;
        if (t < 1e-8) {
            hi = t;
            lo = 0;
        } else {
            hi = atan_unit(t, &lo);
        }
    } else {
        double h = atan_unit(ax / ay, &lo);
        dd_add(PI_2_HI, PI_2_LO, -h, -lo, &hi, &lo);
    }
    if (x < 0)
        dd_add(PI_HI, PI_LO, -hi, -lo, &hi, &lo);
    return copysign(hi + lo, y);
}

/* asin on [0, 1/2] as atan(x / sqrt(1 - x^2)), hi + *lo. */
static double asin_small(double x, double *lo)
{
    return atan_unit(x / sqrt((1 - x) * (1 + x)), lo);
}

double asin(double x)
{
    double ax = fabs(x), hi, lo;
    if (__isnan(x))
        return x + x;
    if (ax > 1) {
        errno = EDOM;
        return NAN;
    }
    if (ax < 1e-8)
        return x;
    if (ax <= 0.5) {
        hi = asin_small(ax, &lo);
    } else {
        /* asin(x) = pi/2 - 2 asin(sqrt((1 - x) / 2)); (1 - x) / 2 is exact. */
        double h = asin_small(sqrt((1 - ax) * 0.5), &lo);
        dd_add(PI_2_HI, PI_2_LO, -2 * h, -2 * lo, &hi, &lo);
    }
    return copysign(hi + lo, x);
}

double acos(double x)
{
    double hi, lo;
    if (__isnan(x))
        return x + x;
    if (fabs(x) > 1) {
        errno = EDOM;
        return NAN;
    }
    if (x > 0.5) {
        hi = asin_small(sqrt((1 - x) * 0.5), &lo);
        return 2 * hi + 2 * lo;
    }
    if (x < -0.5) {
        hi = asin_small(sqrt((1 + x) * 0.5), &lo);
        dd_add(PI_HI, PI_LO, -2 * hi, -2 * lo, &hi, &lo);
        return hi + lo;
    }
    if (fabs(x) < 1e-8)
        return PI_2_HI + (PI_2_LO - x);
    hi = asin_small(fabs(x), &lo);
    if (x < 0)
        dd_add(PI_2_HI, PI_2_LO, hi, lo, &hi, &lo);
    else
        dd_add(PI_2_HI, PI_2_LO, -hi, -lo, &hi, &lo);
    return hi + lo;
}

/* ---- hyperbolic functions ---- */

double sinh(double x)
{
    double ax = fabs(x), r;
    if (__isnan(x) || __isinf(x))
        return x;
    if (ax < 1e-8)
        return x;
    if (ax < 1) {
        double e = expm1(ax);
        r = 0.5 * (e + e / (e + 1));
    } else if (ax < 22) {
        double e = exp(ax);
        r = 0.5 * (e - 1 / e);
    } else if (ax < EXP_OVERFLOW) {
        r = 0.5 * exp(ax);
    } else {
        /* e^x / 2 = (e^(x/2) / 2) e^(x/2), finite up to about 710.47. */
        double half = exp(0.5 * ax);
        r = (0.5 * half) * half;
        if (__isinf(r))
            errno = ERANGE;
    }
    return copysign(r, x);
}

double cosh(double x)
{
    double ax = fabs(x), r;
    if (__isnan(x))
        return x + x;
    if (__isinf(x))
        return ax;
    if (ax < 0.5) {
        double e = expm1(ax);
        return 1 + (e * e) / (2 * (1 + e));
    }
    if (ax < 22) {
        double e = exp(ax);
        return 0.5 * (e + 1 / e);
    }
    if (ax < EXP_OVERFLOW)
        return 0.5 * exp(ax);
    r = exp(0.5 * ax);
    r = (0.5 * r) * r;
    if (__isinf(r))
        errno = ERANGE;
    return r;
}

double tanh(double x)
{
    double ax = fabs(x), e;
    if (__isnan(x))
        return x + x;
    if (ax < 1e-8)
        return x;
    if (ax > 22)
        return copysign(1.0, x);
    e = expm1(2 * ax);
    return copysign(e / (e + 2), x);
}

/* ---- float versions: the double result rounds correctly often enough ---- */

float fabsf(float x) { return (float)fabs(x); }
float floorf(float x) { return (float)floor(x); }
float ceilf(float x) { return (float)ceil(x); }
float roundf(float x) { return (float)round(x); }
float truncf(float x) { return (float)trunc(x); }
float fmodf(float x, float y) { return (float)fmod(x, y); }
float powf(float x, float y) { return (float)pow(x, y); }
float expf(float x) { return (float)exp(x); }
float logf(float x) { return (float)log(x); }
float log10f(float x) { return (float)log10(x); }
float log2f(float x) { return (float)log2(x); }
float sinf(float x) { return (float)sin(x); }
float cosf(float x) { return (float)cos(x); }
float tanf(float x) { return (float)tan(x); }
float asinf(float x) { return (float)asin(x); }
float acosf(float x) { return (float)acos(x); }
float atanf(float x) { return (float)atan(x); }
float atan2f(float y, float x) { return (float)atan2(y, x); }
float sinhf(float x) { return (float)sinh(x); }
float coshf(float x) { return (float)cosh(x); }
float tanhf(float x) { return (float)tanh(x); }
float hypotf(float x, float y) { return (float)hypot(x, y); }
float fminf(float x, float y) { return (float)fmin(x, y); }
float fmaxf(float x, float y) { return (float)fmax(x, y); }
float copysignf(float x, float y) { return (float)copysign(x, y); }
float ldexpf(float x, int exp) { return (float)ldexp(x, exp); }
float frexpf(float x, int *exp) { return (float)frexp(x, exp); }

float modff(float x, float *ipart)
{
    double whole, frac = modf(x, &whole);
    *ipart = (float)whole;
    return (float)frac;
}
