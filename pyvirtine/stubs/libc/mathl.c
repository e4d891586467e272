/* The long double functions of C99 on the x87 80-bit format (15-bit exponent,
   64-bit significand with an explicit integer bit), over its whole range.

   Exact ones (rounding, remainders, scaling, classification) work on the bits or
   use the x87's exact instructions (mathlasm.s). The transcendental ones keep the
   x87 instructions inside the domains where they are accurate to about an ulp:
   exponentials split off a power of two with ln 2 in two parts, logarithms near 1
   go through fyl2xp1, sines reduce by pi/2 in three parts (accurate for |x| below
   about 2^30; beyond that the x87's own reduction is used), and pow carries
   log2|x| in two long doubles so large results keep their precision. erf, erfc,
   lgamma and tgamma are computed in double. */
#include <errno.h>
#include <fenv.h>
#include <math.h>
#include <stdint.h>

long double __x87_f2xm1(long double x);
long double __x87_fyl2x(long double y, long double x);
long double __x87_fyl2xp1(long double y, long double x);
long double __x87_sin(long double x);
long double __x87_cos(long double x);
long double __x87_tan(long double x);
long double __x87_remquo(long double x, long double y, int *quo);

union ld {
    long double v;
    struct { uint64_t m; uint16_t se; } p;  /* significand, sign and exponent */
};

#define EXP_BIAS 16383
#define EXP_MAX 0x7fff

static int exponent_of(long double x) { union ld u = {x}; return u.p.se & EXP_MAX; }
static int sign_of(long double x) { union ld u = {x}; return u.p.se >> 15; }

static const long double LN2 = 0xb17217f7d1cf79acp-64L;
static const long double LN2_HI = 0xb17217f7d1cfp-48L;   /* n * LN2_HI is exact */
static const long double LN2_LO = 0xf35793c7673007e6p-113L;
static const long double LOG2E = 0xb8aa3b295c17f0bcp-63L;
static const long double LOG2E_LO = -0x82f0025f2dc582eep-128L;
static const long double LOG10_2 = 0x9a209a84fbcff799p-65L;
static const long double PIO2_1 = 0x3243f6a89p-33L;      /* n * PIO2_1 is exact */
static const long double PIO2_2 = -0x3d2e7b967p-68L;
static const long double PIO2_3 = -0xce675d1fc8f8cbb6p-133L;
static const long double TWO_OVER_PI = 0xa2f9836e4e44152ap-64L;
static const long double PIO4 = 0xc90fdaa22168c235p-64L;
static const long double TWO_PI = 0xc90fdaa22168c235p-61L;
static const long double HUGE_LD = 0x1p16000L, TINY_LD = 0x1p-16000L;

/* -- classification (math.h's macros on a long double) ----------------------- */

int __fpclassifyl(long double x)
{
    union ld u = {x};
    int e = exponent_of(x);
    if (e == EXP_MAX)
        return u.p.m << 1 ? FP_NAN : FP_INFINITE;
    if (e == 0)
        return u.p.m ? FP_SUBNORMAL : FP_ZERO;
    return FP_NORMAL;
}

int __isnanl(long double x) { return __fpclassifyl(x) == FP_NAN; }
int __isinfl(long double x)
{
    return __fpclassifyl(x) == FP_INFINITE ? 1 - 2 * sign_of(x) : 0;
}
int __isfinitel(long double x) { return exponent_of(x) != EXP_MAX; }
int __signbitl(long double x) { return sign_of(x); }

/* -- exact functions ------------------------------------------------------- */

long double fabsl(long double x)
{
    union ld u = {x};
    u.p.se &= EXP_MAX;
    return u.v;
}

long double copysignl(long double x, long double y)
{
    union ld u = {x};
    u.p.se = (uint16_t)((u.p.se & EXP_MAX) | (sign_of(y) << 15));
    return u.v;
}

/* x with its fraction bits below 2^0 handled by ``mode``: 0 truncate, 1 floor,
   2 ceil, 3 round half away from zero. No flag is raised. */
static long double integral(long double x, int mode)
{
    union ld u = {x};
    int e = exponent_of(x) - EXP_BIAS;
    if (e >= 63 || exponent_of(x) == EXP_MAX)
        return x; /* already integral, or inf or nan */
    int negative = sign_of(x);
    long double whole;
    if (e < 0) {
        whole = copysignl(0.0L, x);
    } else {
        union ld w = u;
        w.p.m &= ~(((uint64_t)1 << (63 - e)) - 1);
        whole = w.v;
    }
    if (whole == x)
        return x;
    long double one = negative ? -1.0L : 1.0L;
    if (mode == 1 && negative)
        return whole - 1.0L;
    if (mode == 2 && !negative)
        return whole + 1.0L;
    if (mode == 3 && fabsl(x - whole) >= 0.5L)
        return whole + one;
    return whole;
}

long double truncl(long double x) { return integral(x, 0); }
long double floorl(long double x) { return integral(x, 1); }
long double ceill(long double x) { return integral(x, 2); }
long double roundl(long double x) { return integral(x, 3); }

long double nearbyintl(long double x)
{
    fenv_t env;
    fegetenv(&env);
    long double r = rintl(x);
    fesetenv(&env); /* nearbyint never raises inexact */
    return r;
}

/* long results: outside long's range, the x87's "integer indefinite", LONG_MIN. */
static long long to_integer(long double r)
{
    if (!(r >= -0x1p63L && r < 0x1p63L)) {
        feraiseexcept(FE_INVALID);
        return INT64_MIN;
    }
    return (long long)r;
}

long lrintl(long double x) { return to_integer(rintl(x)); }
long long llrintl(long double x) { return to_integer(rintl(x)); }
long lroundl(long double x) { return to_integer(roundl(x)); }
long long llroundl(long double x) { return to_integer(roundl(x)); }

long double modfl(long double x, long double *ipart)
{
    long double whole = truncl(x);
    *ipart = whole;
    if (isinf(x))
        return copysignl(0.0L, x);
    return copysignl(x - whole, x);
}

long double remainderl(long double x, long double y)
{
    int quo;
    return __x87_remquo(x, y, &quo);
}

long double remquol(long double x, long double y, int *quo)
{
    int bits;
    long double r = __x87_remquo(x, y, &bits);
    *quo = sign_of(x) != sign_of(y) ? -bits : bits;
    return r;
}

long double ldexpl(long double x, int exp) { return scalbnl(x, exp); }

long double scalblnl(long double x, long exp)
{
    /* Past +-2^15 + 64 every finite x has overflowed or underflowed. */
    return scalbnl(x, exp > 40000 ? 40000 : exp < -40000 ? -40000 : (int)exp);
}

long double frexpl(long double x, int *exp)
{
    *exp = 0;
    if (x == 0 || exponent_of(x) == EXP_MAX)
        return x;
    int bias = 0;
    if (exponent_of(x) == 0) { /* subnormal: make it normal first */
        x *= 0x1p64L;
        bias = 64;
    }
    union ld u = {x};
    *exp = exponent_of(x) - (EXP_BIAS - 1) - bias;
    u.p.se = (uint16_t)((u.p.se & 0x8000) | (EXP_BIAS - 1));
    return u.v;
}

int ilogbl(long double x)
{
    if (x == 0) {
        feraiseexcept(FE_INVALID);
        return FP_ILOGB0;
    }
    if (exponent_of(x) == EXP_MAX) {
        feraiseexcept(FE_INVALID);
        return isnan(x) ? FP_ILOGBNAN : INT32_MAX;
    }
    int e;
    frexpl(x, &e);
    return e - 1;
}

long double logbl(long double x)
{
    if (x == 0) {
        errno = ERANGE;
        return -1.0L / fabsl(x);
    }
    if (exponent_of(x) == EXP_MAX)
        return x * x;
    return (long double)ilogbl(x);
}

/* The neighbour of x toward y; the explicit integer bit makes the step from the
   largest subnormal (0x7fff...) to the smallest normal (0x8000..., exponent 1)
   an ordinary carry into the exponent field. */
long double nextafterl(long double x, long double y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == y)
        return y;
    if (x == 0) {
        union ld u = {0.0L};
        u.p.m = 1;
        u.p.se = (uint16_t)(sign_of(y) << 15);
        long double r = u.v;
        feraiseexcept(FE_UNDERFLOW | FE_INEXACT);
        return r;
    }
    union ld u = {x};
    int e = u.p.se & EXP_MAX;
    if ((x < y) == !sign_of(x)) { /* away from zero */
        if (++u.p.m == 0) {
            u.p.m = (uint64_t)1 << 63;
            u.p.se++;
        } else if (e == 0 && u.p.m == (uint64_t)1 << 63) {
            u.p.se++; /* the largest subnormal steps up to the smallest normal */
        }
    } else { /* toward zero */
        if (e != 0 && u.p.m == (uint64_t)1 << 63) {
            u.p.se--;
            u.p.m = e == 1 ? u.p.m - 1 : ~(uint64_t)0;
        } else {
            u.p.m--;
        }
    }
    e = u.p.se & EXP_MAX;
    if (e == EXP_MAX) {
        errno = ERANGE;
        feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    } else if (e == 0) {
        errno = ERANGE;
        feraiseexcept(FE_UNDERFLOW | FE_INEXACT);
    }
    return u.v;
}

long double nexttowardl(long double x, long double y) { return nextafterl(x, y); }

/* A signalling nan: exponent all ones, quiet bit (62) clear, not infinity. */
static int signalling(long double x)
{
    union ld u = {x};
    return isnan(x) && !(u.p.m >> 62 & 1);
}

long double fminl(long double x, long double y)
{
    if (signalling(x) || signalling(y)) return x + y;
    if (isnan(x)) return y;
    if (isnan(y)) return x;
    if (x == y) return sign_of(x) ? x : y; /* -0 is the smaller zero */
    return x < y ? x : y;
}

long double fmaxl(long double x, long double y)
{
    if (signalling(x) || signalling(y)) return x + y;
    if (isnan(x)) return y;
    if (isnan(y)) return x;
    if (x == y) return sign_of(x) ? y : x;
    return x > y ? x : y;
}

long double fdiml(long double x, long double y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    return x > y ? x - y : 0.0L;
}

long double nanl(const char *tag) { return nan(tag); }

/* -- error-free transformations (for fmal and powl) ------------------------- */

/* a + b == *hi + *lo exactly. */
static void two_sum(long double a, long double b, long double *hi, long double *lo)
{
    long double s = a + b, bb = s - a;
    *hi = s;
    *lo = (a - (s - bb)) + (b - bb);
}

/* a * b == *hi + *lo exactly (Veltkamp's split into 32-bit halves, Dekker's
   product), while a * b and the splits neither overflow nor underflow. */
static void two_prod(long double a, long double b, long double *hi, long double *lo)
{
    const long double split = 0x1p32L + 1.0L;
    long double ca = split * a, cb = split * b;
    long double ah = ca - (ca - a), al = a - ah, bh = cb - (cb - b), bl = b - bh;
    long double p = a * b;
    *hi = p;
    *lo = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/* The exact product of the significands, then its sum with z rounded twice at
   most: within an ulp, and exact unless the low part decides a tie. */
long double fmal(long double x, long double y, long double z)
{
    if (!isfinite(x) || !isfinite(y) || x == 0 || y == 0)
        return x * y + z;
    if (!isfinite(z))
        return z; /* x * y is finite: only its rounding could overflow */
    int ex, ey;
    long double mx = frexpl(x, &ex), my = frexpl(y, &ey);
    long double ph, pl, sh, sl;
    two_prod(mx, my, &ph, &pl);
    int e = ex + ey;
    long double zs = scalbnl(z, -e); /* z on the scale where the product is ph + pl */
    if (isinf(zs))
        return z + x * y; /* the product is far below z's last bit */
    if (fabsl(zs) < 0x1p-16000L)
        return scalbnl(ph + (pl + zs), e); /* z is far below the product's last bit */
    two_sum(ph, zs, &sh, &sl);
    return scalbnl(sh + (sl + pl), e);
}

/* -- exponentials and logarithms -------------------------------------------- */

/* 2^f for |f| <= 1. */
static long double exp2_small(long double f) { return 1.0L + __x87_f2xm1(f); }

static long double overflow(int negative)
{
    errno = ERANGE;
    return negative ? -HUGE_LD * HUGE_LD : HUGE_LD * HUGE_LD;
}

static long double underflow(int negative)
{
    errno = ERANGE;
    return negative ? -TINY_LD * TINY_LD : TINY_LD * TINY_LD;
}

/* 2^n * 2^(r / ln 2): r is at most ln(2)/2, n an integer. */
static long double scaled_exp(long double r, int n)
{
    long double v = scalbnl(exp2_small(r * LOG2E), n);
    if (isinf(v))
        errno = ERANGE;
    else if (v < 0x1p-16382L)
        errno = ERANGE;
    return v;
}

long double expl(long double x)
{
    if (isnan(x))
        return x + x;
    if (x > 11357.0L)
        return overflow(0);
    if (x < -11400.0L)
        return underflow(0);
    long double n = rintl(x * LOG2E);
    long double r = (x - n * LN2_HI) - n * LN2_LO;
    return scaled_exp(r, (int)n);
}

long double exp2l(long double x)
{
    if (isnan(x))
        return x + x;
    if (x >= 16384.0L)
        return overflow(0);
    if (x < -16447.0L)
        return underflow(0);
    long double n = rintl(x);
    long double v = scalbnl(exp2_small(x - n), (int)n);
    if (isinf(v) || v < 0x1p-16382L)
        errno = ERANGE;
    return v;
}

long double expm1l(long double x)
{
    if (isnan(x))
        return x + x;
    if (fabsl(x) <= 0.6931L)
        return __x87_f2xm1(x * LOG2E);
    if (x > 11357.0L)
        return overflow(0);
    if (x < -46.0L)
        return -1.0L + TINY_LD; /* -1 to within an ulp, inexact */
    return expl(x) - 1.0L;
}

/* What the logarithms return for x <= 0, inf and nan; 0 when x is ordinary. */
static int log_special(long double x, long double *r)
{
    if (isnan(x)) {
        *r = x + x;
        return 1;
    }
    if (x == 0) {
        errno = ERANGE;
        *r = -1.0L / 0.0L;
        return 1;
    }
    if (x < 0) {
        errno = EDOM;
        *r = (x - x) / 0.0L;
        return 1;
    }
    if (isinf(x)) {
        *r = x;
        return 1;
    }
    return 0;
}

/* scale * log2(x) for a positive finite x: near 1, through log2(1 + (x - 1)),
   where x - 1 is exact. */
static long double scaled_log2(long double scale, long double x)
{
    if (x > 0.7072L && x < 1.4142L)
        return __x87_fyl2xp1(scale, x - 1.0L);
    return __x87_fyl2x(scale, x);
}

static long double log_of(long double x, long double scale)
{
    long double r;
    return log_special(x, &r) ? r : scaled_log2(scale, x);
}

long double logl(long double x) { return log_of(x, LN2); }
long double log2l(long double x) { return log_of(x, 1.0L); }
long double log10l(long double x) { return log_of(x, LOG10_2); }

long double log1pl(long double x)
{
    if (x == -1.0L) {
        errno = ERANGE;
        return -1.0L / 0.0L;
    }
    if (x < -1.0L) {
        errno = EDOM;
        return (x - x) / 0.0L;
    }
    if (isnan(x) || isinf(x))
        return x + x;
    if (fabsl(x) < 0.29L)
        return __x87_fyl2xp1(LN2, x);
    /* log(u) for u = 1 + x rounded, corrected by what the rounding lost. */
    long double u = 1.0L + x;
    return __x87_fyl2x(LN2, u) + (x - (u - 1.0L)) / u;
}

long double powl(long double x, long double y);

/* -- trigonometric functions ------------------------------------------------ */

/* x - n * pi/2 with n = *quadrant (mod 4), for |x| below about 2^30. */
static long double reduce_pio2(long double x, int *quadrant)
{
    long double n = rintl(x * TWO_OVER_PI);
    *quadrant = (int)((long long)n & 3);
    return ((x - n * PIO2_1) - n * PIO2_2) - n * PIO2_3;
}

static int needs_reduction(long double x) { return !(fabsl(x) <= PIO4); }
static int reducible(long double x) { return fabsl(x) < 0x1p30L; }

/* What fsin, fcos and fptan can take beyond reduce_pio2's range: they reduce by
   their own 66-bit pi below 2^63, and need help above it. */
static long double big_argument(long double x)
{
    return fabsl(x) < 0x1p63L ? x : fmodl(x, TWO_PI);
}

static long double trig_special(long double x)
{
    if (isinf(x))
        errno = EDOM;
    return x - x; /* nan for inf and nan */
}

long double sinl(long double x)
{
    if (!isfinite(x))
        return trig_special(x);
    if (!needs_reduction(x))
        return __x87_sin(x);
    if (!reducible(x))
        return __x87_sin(big_argument(x));
    int q;
    long double r = reduce_pio2(x, &q);
    switch (q) {
    case 0: return __x87_sin(r);
    case 1: return __x87_cos(r);
    case 2: return -__x87_sin(r);
    default: return -__x87_cos(r);
    }
}

long double cosl(long double x)
{
    if (!isfinite(x))
        return trig_special(x);
    if (!needs_reduction(x))
        return __x87_cos(x);
    if (!reducible(x))
        return __x87_cos(big_argument(x));
    int q;
    long double r = reduce_pio2(x, &q);
    switch (q) {
    case 0: return __x87_cos(r);
    case 1: return -__x87_sin(r);
    case 2: return -__x87_cos(r);
    default: return __x87_sin(r);
    }
}

long double tanl(long double x)
{
    if (!isfinite(x))
        return trig_special(x);
    if (!needs_reduction(x))
        return __x87_tan(x);
    if (!reducible(x))
        return __x87_tan(big_argument(x));
    int q;
    long double r = reduce_pio2(x, &q);
    return q & 1 ? -1.0L / __x87_tan(r) : __x87_tan(r);
}

long double atanl(long double x) { return atan2l(x, 1.0L); }

long double asinl(long double x)
{
    if (fabsl(x) > 1.0L) {
        errno = EDOM;
        return (x - x) / 0.0L;
    }
    return atan2l(x, sqrtl((1.0L - x) * (1.0L + x)));
}

long double acosl(long double x)
{
    if (fabsl(x) > 1.0L) {
        errno = EDOM;
        return (x - x) / 0.0L;
    }
    return atan2l(sqrtl((1.0L - x) * (1.0L + x)), x);
}

/* -- hyperbolic functions ---------------------------------------------------- */

long double sinhl(long double x)
{
    long double a = fabsl(x), h = sign_of(x) ? -0.5L : 0.5L;
    if (!isfinite(x) || a < 0x1p-33L)
        return x;
    if (a < 23.0L) {
        long double t = expm1l(a);
        return h * (t + t / (t + 1.0L));
    }
    if (a > 11358.0L)
        return overflow(sign_of(x));
    long double e = expl(0.5L * a); /* e * e would overflow before sinh does */
    return (h * e) * e;
}

long double coshl(long double x)
{
    long double a = fabsl(x);
    if (isnan(x))
        return x * x;
    if (a < 0.3466L) {
        long double t = expm1l(a);
        return 1.0L + (t * t) / (2.0L * (1.0L + t));
    }
    if (a < 23.0L) {
        long double t = expl(a);
        return 0.5L * t + 0.5L / t;
    }
    if (a > 11358.0L)
        return overflow(0);
    long double e = expl(0.5L * a);
    return (0.5L * e) * e;
}

long double tanhl(long double x)
{
    long double a = fabsl(x), r;
    if (isnan(x) || a < 0x1p-33L)
        return x;
    if (a > 23.0L) {
        r = 1.0L - TINY_LD; /* 1 to within an ulp, inexact */
    } else {
        long double t = expm1l(2.0L * a);
        r = t / (t + 2.0L);
    }
    return sign_of(x) ? -r : r;
}

long double asinhl(long double x)
{
    long double a = fabsl(x), r;
    if (!isfinite(x))
        return x + x;
    if (a < 0x1p-33L)
        return x;
    if (a > 0x1p33L)
        r = logl(a) + LN2;
    else
        r = log1pl(a + a * a / (1.0L + sqrtl(1.0L + a * a)));
    return sign_of(x) ? -r : r;
}

long double acoshl(long double x)
{
    if (x < 1.0L) {
        errno = EDOM;
        return (x - x) / 0.0L;
    }
    if (!isfinite(x))
        return x + x;
    if (x > 0x1p33L)
        return logl(x) + LN2;
    if (x > 2.0L)
        return logl(2.0L * x - 1.0L / (x + sqrtl(x * x - 1.0L)));
    long double t = x - 1.0L;
    return log1pl(t + sqrtl(2.0L * t + t * t));
}

long double atanhl(long double x)
{
    long double a = fabsl(x), r;
    if (a > 1.0L) {
        errno = EDOM;
        return (x - x) / 0.0L;
    }
    if (a == 1.0L) {
        errno = ERANGE;
        return x / 0.0L;
    }
    if (a < 0x1p-33L)
        return x;
    if (a < 0.5L)
        r = 0.5L * log1pl(2.0L * a + 2.0L * a * a / (1.0L - a));
    else
        r = 0.5L * log1pl(2.0L * a / (1.0L - a));
    return sign_of(x) ? -r : r;
}

/* -- roots and powers ---------------------------------------------------------- */

long double cbrtl(long double x)
{
    if (x == 0 || !isfinite(x))
        return x + x;
    int e;
    long double m = frexpl(fabsl(x), &e);
    int r = ((e % 3) + 3) % 3; /* m * 2^r in [0.5, 4): the rest of e divides by 3 */
    m = scalbnl(m, r);
    e -= r;
    long double y = cbrt((double)m);
    y -= (y * y * y - m) / (3.0L * y * y); /* one Newton step: double's 53 bits to 64 */
    y = scalbnl(y, e / 3);
    return sign_of(x) ? -y : y;
}

long double hypotl(long double x, long double y)
{
    long double a = fabsl(x), b = fabsl(y);
    if (isinf(a) || isinf(b))
        return 1.0L / 0.0L;
    if (isnan(a) || isnan(b))
        return a + b;
    if (a < b) {
        long double t = a;
        a = b;
        b = t;
    }
    if (b == 0)
        return a;
    int e = ilogbl(a);
    a = scalbnl(a, -e);
    b = scalbnl(b, -e);
    long double r = scalbnl(sqrtl(a * a + b * b), e);
    if (isinf(r))
        errno = ERANGE;
    return r;
}

/* 1 if y is an odd integer, 0 if an even one, -1 if not an integer. */
static int integer_parity(long double y)
{
    if (truncl(y) != y)
        return -1;
    if (fabsl(y) >= 0x1p64L)
        return 0;
    return truncl(0.5L * y) != 0.5L * y;
}

/* log2(x) = *hi + *lo for a positive finite x, to about 2^-76 relative: pow
   multiplies it by y, up to 2^14 for a result still in range. The exponent is
   exact; log of the rest m comes from the atanh series 2(s + s^3/3 + s^5/5 ...)
   with s = (m - 1)/(m + 1), s and its first two terms carried in two parts. */
static void log2_2part(long double x, long double *hi, long double *lo)
{
    int e;
    long double m = frexpl(x, &e);
    if (m < 0.70710678118654752440L) {
        m *= 2.0L;
        e--;
    }
    long double f = m - 1.0L, dh, dl, sh, sl, ph, pl;
    two_sum(m, 1.0L, &dh, &dl);
    sh = f / dh;
    two_prod(sh, dh, &ph, &pl);
    sl = ((f - ph) - pl - sh * dl) / dh;
    /* s^3 = c + d, then 2 s^3 / 3 = qh + ql */
    long double a, b, c, d, qh, ql;
    two_prod(sh, sh, &a, &b);
    b += 2.0L * sh * sl;
    two_prod(a, sh, &c, &d);
    d += b * sh + a * sl;
    qh = 2.0L * c / 3.0L;
    two_prod(qh, 3.0L, &ph, &pl);
    ql = ((2.0L * c - ph) - pl + 2.0L * d) / 3.0L;
    long double s2 = a, rest = 0.0L;
    for (int k = 29; k >= 5; k -= 2)
        rest = rest * s2 + 1.0L / k;
    rest *= 2.0L * c * s2; /* 2 s^5 (1/5 + s^2/7 + ...) */
    /* ln m = 2 sh + qh + (2 sl + ql + rest); times log2(e) in two parts. */
    long double lh, ll, th, tl;
    two_sum(2.0L * sh, qh, &lh, &ll);
    ll += 2.0L * sl + ql + rest;
    two_sum(lh, ll, &lh, &ll);
    two_prod(lh, LOG2E, &th, &tl);
    tl += lh * LOG2E_LO + ll * LOG2E;
    two_sum((long double)e, th, hi, lo);
    *lo += tl;
}

long double powl(long double x, long double y)
{
    if (y == 0 || x == 1.0L)
        return 1.0L;
    if (isnan(x) || isnan(y))
        return x + y;
    int parity = integer_parity(y);
    int negative = sign_of(x) && parity == 1;
    if (x == 0) {
        if (y > 0)
            return negative ? x : 0.0L;
        errno = ERANGE;
        return (negative ? -1.0L : 1.0L) / 0.0L;
    }
    long double a = fabsl(x);
    if (isinf(y)) {
        if (a == 1.0L)
            return 1.0L;
        return (a > 1.0L) == (y > 0) ? y * y : 0.0L;
    }
    if (isinf(x)) {
        long double r = y > 0 ? x * x : 0.0L;
        return negative ? -r : r;
    }
    if (sign_of(x) && parity < 0) {
        errno = EDOM;
        return (x - x) / (x - x);
    }
    int up = (a > 1.0L) == (y > 0);
    if (fabsl(y) > 0x1p16300L)
        return up ? overflow(negative) : underflow(negative);
    long double lh, ll, th, tl;
    log2_2part(a, &lh, &ll);
    two_prod(y, lh, &th, &tl);
    tl += y * ll;
    if (th >= 16384.0L)
        return overflow(negative);
    if (th < -16447.0L)
        return underflow(negative);
    long double n = rintl(th);
    long double v = scalbnl(exp2_small((th - n) + tl), (int)n);
    if (isinf(v) || v < 0x1p-16382L)
        errno = ERANGE;
    return negative ? -v : v;
}

/* -- in double -------------------------------------------------------------------- */

long double erfl(long double x) { return erf((double)x); }
long double erfcl(long double x) { return erfc((double)x); }
long double lgammal(long double x) { return lgamma((double)x); }
long double tgammal(long double x) { return tgamma((double)x); }
long double lgammal_r(long double x, int *sign) { return lgamma_r((double)x, sign); }
