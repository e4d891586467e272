/* <complex.h>, and the helpers the compiler calls for complex * and / (named as
   gcc names them, so objects gcc compiled link against them too).

   Every function is computed in double; the float and long double forms round
   that result, as the rest of this libm does. Special values (infinities, NaNs,
   signed zeros, branch cuts) follow C99 Annex G. */
#include <complex.h>
#include <float.h>
#include <math.h>

#define LN2 0.693147180559945309417232121458176568
#define PI 3.14159265358979323846264338327950288

static double _Complex pair(double re, double im) { return __builtin_complex(re, im); }

/* -- the helpers of * and / ----------------------------------------------------- */

/* When both parts of a product came out NaN, an infinite operand (or an
   overflowed partial product) still makes it an infinity: recover its direction
   by redoing the product with the infinities as +-1 and the NaNs as 0. */
#define MULTIPLY(R, name, fabs_, copysign_, INF)                                          \
    R _Complex name(R a, R b, R c, R d)                                                   \
    {                                                                                     \
        R ac = a * c, bd = b * d, ad = a * d, bc = b * c;                                 \
        R x = ac - bd, y = ad + bc;                                                       \
        if (!isnan(x) || !isnan(y))                                                       \
            return __builtin_complex(x, y);                                               \
        int again = 0;                                                                    \
        if (isinf(a) || isinf(b)) {                                                       \
            a = copysign_(isinf(a) ? 1 : 0, a);                                           \
            b = copysign_(isinf(b) ? 1 : 0, b);                                           \
            if (isnan(c)) c = copysign_(0, c);                                            \
            if (isnan(d)) d = copysign_(0, d);                                            \
            again = 1;                                                                    \
        }                                                                                 \
        if (isinf(c) || isinf(d)) {                                                       \
            c = copysign_(isinf(c) ? 1 : 0, c);                                           \
            d = copysign_(isinf(d) ? 1 : 0, d);                                           \
            if (isnan(a)) a = copysign_(0, a);                                            \
            if (isnan(b)) b = copysign_(0, b);                                            \
            again = 1;                                                                    \
        }                                                                                 \
        if (!again && (isinf(ac) || isinf(bd) || isinf(ad) || isinf(bc))) {               \
            if (isnan(a)) a = copysign_(0, a);                                            \
            if (isnan(b)) b = copysign_(0, b);                                            \
            if (isnan(c)) c = copysign_(0, c);                                            \
            if (isnan(d)) d = copysign_(0, d);                                            \
            again = 1;                                                                    \
        }                                                                                 \
        if (again) {                                                                      \
            x = INF * (a * c - b * d);                                                    \
            y = INF * (a * d + b * c);                                                    \
        }                                                                                 \
        return __builtin_complex(x, y);                                                   \
    }

/* Smith's division (dividing through by the larger part of the divisor keeps
   c*c + d*d from overflowing; a divisor near the top of the range is halved
   first), then Annex G's recovery of infinite and zero quotients. */
#define DIVIDE(R, name, fabs_, copysign_, INF, MAX)                                       \
    R _Complex name(R a, R b, R c, R d)                                                   \
    {                                                                                     \
        R x, y, half = 1;                                                                 \
        if (fabs_(c) > MAX / 2 || fabs_(d) > MAX / 2) {                                   \
            c /= 2;                                                                       \
            d /= 2;                                                                       \
            half = 0.5;                                                                   \
        }                                                                                 \
        if (fabs_(c) < fabs_(d)) {                                                        \
            R ratio = c / d, den = c * ratio + d;                                         \
            x = (a * ratio + b) / den;                                                    \
            y = (b * ratio - a) / den;                                                    \
        } else {                                                                          \
            R ratio = d / c, den = c + d * ratio;                                         \
            x = (b * ratio + a) / den;                                                    \
            y = (b - a * ratio) / den;                                                    \
        }                                                                                 \
        if (!isnan(x) || !isnan(y))                                                       \
            return __builtin_complex(x * half, y * half);                                 \
        if (c == 0 && d == 0 && (!isnan(a) || !isnan(b))) {                               \
            x = copysign_(INF, c) * a;                                                    \
            y = copysign_(INF, c) * b;                                                    \
        } else if ((isinf(a) || isinf(b)) && isfinite(c) && isfinite(d)) {                \
            a = copysign_(isinf(a) ? 1 : 0, a);                                           \
            b = copysign_(isinf(b) ? 1 : 0, b);                                           \
            x = INF * (a * c + b * d);                                                    \
            y = INF * (b * c - a * d);                                                    \
        } else if ((isinf(c) || isinf(d)) && isfinite(a) && isfinite(b)) {                \
            c = copysign_(isinf(c) ? 1 : 0, c);                                           \
            d = copysign_(isinf(d) ? 1 : 0, d);                                           \
            x = 0.0 * (a * c + b * d);                                                    \
            y = 0.0 * (b * c - a * d);                                                    \
        }                                                                                 \
        return __builtin_complex(x, y);                                                   \
    }

MULTIPLY(float, __mulsc3, fabsf, copysignf, HUGE_VALF)
MULTIPLY(double, __muldc3, fabs, copysign, HUGE_VAL)
MULTIPLY(long double, __mulxc3, fabsl, copysignl, HUGE_VALL)
DIVIDE(float, __divsc3, fabsf, copysignf, HUGE_VALF, FLT_MAX)
DIVIDE(double, __divdc3, fabs, copysign, HUGE_VAL, DBL_MAX)
DIVIDE(long double, __divxc3, fabsl, copysignl, HUGE_VALL, LDBL_MAX)

/* -- parts, modulus, argument, projection ------------------------------------- */

/* exact in every type, so not computed in double */
#define EXACT(R, suffix, INF, copysign_)                                                 \
    R creal##suffix(R _Complex z) { return __real__ z; }                                  \
    R cimag##suffix(R _Complex z) { return __imag__ z; }                                  \
    R _Complex conj##suffix(R _Complex z) { return ~z; }                                  \
    R _Complex cproj##suffix(R _Complex z)                                                \
    {                                                                                     \
        if (isinf(__real__ z) || isinf(__imag__ z))                                       \
            return __builtin_complex(INF, copysign_(0, __imag__ z));                      \
        return z;                                                                         \
    }

EXACT(float, f, HUGE_VALF, copysignf)
EXACT(double, , HUGE_VAL, copysign)
EXACT(long double, l, HUGE_VALL, copysignl)

double cabs(double _Complex z) { return hypot(__real__ z, __imag__ z); }
double carg(double _Complex z) { return atan2(__imag__ z, __real__ z); }

/* -- exponential, logarithm, power, square root -------------------------------- */

double _Complex cexp(double _Complex z)
{
    double x = __real__ z, y = __imag__ z;
    if (y == 0)
        return pair(exp(x), y);                  /* exact zero imaginary part stays */
    if (isinf(x)) {
        if (x < 0)                               /* e^-inf is +0 whatever y is */
            return isfinite(y) ? pair(0.0 * cos(y), 0.0 * sin(y)) : pair(0.0, copysign(0.0, y));
        if (!isfinite(y))
            return pair(x, y - y);               /* inf + i NaN */
    }
    if (x > 708) {                               /* e^x overflows before its product does */
        double half = exp(x / 2);
        return pair(half * cos(y) * half, half * sin(y) * half);
    }
    double e = exp(x);
    return pair(e * cos(y), e * sin(y));
}

/* a + b as the rounded sum and its exact error (Knuth's two-sum) */
static double two_sum(double a, double b, double *err)
{
    double sum = a + b, bb = sum - a;
    *err = (a - (sum - bb)) + (b - bb);
    return sum;
}

/* log |z| without the rounding error of |z|: near the unit circle it is
   log1p(x^2 + y^2 - 1), the squares split exactly with fma and summed with
   their errors; at the ends of the range |z| is scaled into it. */
static double log_modulus(double x, double y)
{
    double ax = fabs(x), ay = fabs(y);
    if (ax > 0x1p1000 || ay > 0x1p1000)
        return log(hypot(ax * 0.5, ay * 0.5)) + LN2;
    if (ax < 0x1p-1000 && ay < 0x1p-1000)
        return log(hypot(ax * 0x1p600, ay * 0x1p600)) - 600 * LN2;
    double hx = ax * ax, hy = ay * ay;
    if (hx + hy < 0.5 || hx + hy > 2)
        return log(hypot(ax, ay));
    double lx = fma(ax, ax, -hx), ly = fma(ay, ay, -hy), e1, e2;
    double sum = two_sum(two_sum(hx, -1, &e1), hy, &e2);
    return 0.5 * log1p(sum + (e1 + e2 + lx + ly));
}

double _Complex clog(double _Complex z)
{
    double x = __real__ z, y = __imag__ z;
    if (isinf(x) || isinf(y))
        return pair(HUGE_VAL, atan2(y, x));
    if (x == 0 && y == 0)
        return pair(-1 / fabs(x), atan2(y, x)); /* -inf, and the divide-by-zero flag */
    return pair(log_modulus(x, y), atan2(y, x));
}

double _Complex cpow(double _Complex z, double _Complex w)
{
    return cexp(w * clog(z));
}

double _Complex csqrt(double _Complex z)
{
    double x = __real__ z, y = __imag__ z;
    if (isinf(y))
        return pair(HUGE_VAL, y);
    if (isinf(x)) {
        if (x > 0)
            return pair(x, isnan(y) ? y : copysign(0.0, y));
        return pair(isnan(y) ? y : 0.0, copysign(HUGE_VAL, y));
    }
    if (isnan(x) || isnan(y))
        return pair(x + y, x + y);
    if (x == 0 && y == 0)
        return pair(0.0, y);
    /* sqrt((|x| + |z|) / 2), scaled so that neither the sum overflows nor tiny
       parts lose their bits */
    double ax = fabs(x), ay = fabs(y), scale = 1;
    if (ax > DBL_MAX / 4 || ay > DBL_MAX / 4) {
        ax *= 0.25;
        ay *= 0.25;
        scale = 2;
    } else if (ax < 0x1p-1000 && ay < 0x1p-1000) {
        ax *= 0x1p600;
        ay *= 0x1p600;
        scale = 0x1p-300;
    }
    double t = sqrt((ax + hypot(ax, ay)) / 2);
    double other = ay / (2 * t);
    if (x >= 0)
        return pair(t * scale, copysign(other * scale, y));
    return pair(other * scale, copysign(t * scale, y));
}

/* -- hyperbolic and circular functions ---------------------------------------- */

/* sinh (odd) or cosh (even) of x + iy. */
static double _Complex hyperbolic(double x, double y, int odd)
{
    if (isfinite(x) && isfinite(y)) {
        if (y == 0)                              /* real argument: exact zero part */
            return odd ? pair(sinh(x), y) : pair(cosh(x), copysign(0.0, x) * y);
        double c = cos(y), s = sin(y);
        if (fabs(x) > 709) {                     /* cosh x and sinh x are e^|x| / 2 */
            double half = exp(fabs(x) / 2) / 2, h = half * 2, sign = x < 0 ? -1 : 1;
            double big_c = half * c * h, big_s = half * s * h;
            return odd ? pair(sign * big_c, big_s) : pair(big_c, sign * big_s);
        }
        return odd ? pair(sinh(x) * c, cosh(x) * s) : pair(cosh(x) * c, sinh(x) * s);
    }
    if (x == 0)                                  /* 0 + i inf, 0 + i NaN */
        return odd ? pair(x, y - y) : pair(y - y, 0.0);
    if (isinf(x)) {
        if (y == 0)
            return odd ? pair(x, y) : pair(HUGE_VAL, copysign(0.0, x) * y);
        if (!isfinite(y))
            return pair(HUGE_VAL, y - y);
        double c = cos(y), s = sin(y);
        return odd ? pair(x * c, HUGE_VAL * s) : pair(HUGE_VAL * c, x * s);
    }
    if (isnan(x) && y == 0)
        return pair(x, odd ? y : copysign(0.0, y));   /* NaN + i0 */
    return pair(x + y - y, x + y - y);                 /* NaN + i NaN */
}

double _Complex csinh(double _Complex z) { return hyperbolic(__real__ z, __imag__ z, 1); }
double _Complex ccosh(double _Complex z) { return hyperbolic(__real__ z, __imag__ z, 0); }

double _Complex ctanh(double _Complex z)
{
    double x = __real__ z, y = __imag__ z;
    if (isinf(x)) {
        double im = isfinite(y) && fabs(y) > 1 ? sin(y) * cos(y) : y;
        return pair(copysign(1.0, x), copysign(0.0, im));
    }
    if (!isfinite(y))
        return x == 0 ? pair(x, y - y) : pair(y - y, y - y);
    if (isnan(x))
        return y == 0 ? pair(x, y) : pair(x, x);
    if (y == 0)
        return pair(tanh(x), y);
    double ax = fabs(x);
    if (ax > 22) {                               /* tanh x is +-1 within an ulp */
        double e = exp(-2 * ax);
        return pair(copysign(1.0, x), 4 * sin(y) * cos(y) * e);
    }
    if (ax > 1) {
        /* tanh z = (sinh 2x + i sin 2y) / (cosh 2x + cos 2y); the real part is
           near 1, so form 1 minus it: (e^-2|x| + cos 2y) / (cosh 2x + cos 2y) */
        double s = sin(y), c = cos(y);          /* not of 2y, which may overflow */
        double e = exp(2 * ax), c2 = (c - s) * (c + s), den = (e + 1 / e) / 2 + c2;
        double below_one = (1 / e + c2) / den;
        return pair(copysign(1 - below_one, x), 2 * s * c / den);
    }
    /* Kahan: with t = tan y, s = sinh x, cosh x = sqrt(1 + s^2),
       tanh z = (cosh x s (1 + t^2) + i t) / (1 + (1 + t^2) s^2) */
    double t = tan(y), beta = 1 + t * t, s = sinh(x), rho = sqrt(1 + s * s);
    double den = 1 + beta * s * s;
    return pair(beta * rho * s / den, t / den);
}

/* f(iz) rotated back by -i: the circular functions from the hyperbolic ones. */
static double _Complex times_minus_i(double _Complex w) { return pair(__imag__ w, -__real__ w); }
static double _Complex times_i(double _Complex z) { return pair(-__imag__ z, __real__ z); }

double _Complex csin(double _Complex z)
{
    double x = __real__ z, y = __imag__ z;
    if (isinf(y) && !isfinite(x))               /* NaN +- i inf: + as glibc has it */
        return pair(x - x, HUGE_VAL);
    return times_minus_i(csinh(times_i(z)));
}
double _Complex ccos(double _Complex z) { return ccosh(times_i(z)); }
double _Complex ctan(double _Complex z) { return times_minus_i(ctanh(times_i(z))); }

/* -- inverse functions ----------------------------------------------------------- */

/* asin of x + iy for x, y >= 0 (finite) as (re, im), after Hull, Fairgrieve and
   Tang: with r = |z + 1|, s = |z - 1| and A = (r + s) / 2, the real part is
   asin(x / A) and the imaginary part log(A + sqrt(A^2 - 1)); A - 1 and A - x
   are formed without cancellation. For cacos the real part is acos(x / A). */
static void inverse_sine(double x, double y, int cosine, double *re, double *im)
{
    if (x > 0x1p500 || y > 0x1p500 || !isfinite(x) || !isfinite(y)) {
        /* asin z ~ -i log(2iz) */
        *re = cosine ? atan2(y, x) : atan2(x, y);
        *im = log(hypot(x * 0.5, y * 0.5)) + 2 * LN2;
        return;
    }
    if (x < 0x1p-30 && y < 0x1p-30) {
        *re = cosine ? PI / 2 - x : x;
        *im = y;
        return;
    }
    double r = hypot(x + 1, y), s = hypot(x - 1, y), a = (r + s) / 2;
    /* y^2 / (r + x + 1) and y^2 / (s + |x - 1|), without squaring a tiny y */
    double from_r = y == 0 ? 0 : y * (y / (r + (x + 1)));
    double from_s = y == 0 ? 0 : y * (y / (s + fabs(x - 1)));
    double a_minus_1 = 0.5 * (from_r + from_s) + (x >= 1 ? x - 1 : 0);
    double a_minus_x = 0.5 * (from_r + from_s) + (x < 1 ? 1 - x : 0);
    *im = log1p(a_minus_1 + sqrt(a_minus_1 * (a + 1)));
    double b = x / a;
    if (b <= 0.6417)
        *re = cosine ? acos(b) : asin(b);
    else {
        double root = sqrt((a + x) * a_minus_x);      /* A sqrt(1 - b^2) */
        *re = cosine ? atan2(root, x) : atan2(x, root);
    }
}

double _Complex casin(double _Complex z)
{
    double x = __real__ z, y = __imag__ z, re, im;
    if (isnan(x) || isnan(y)) {
        if (isinf(x) || isinf(y))                /* NaN +- i inf */
            return pair(isnan(x) ? x : y, copysign(HUGE_VAL, isinf(y) ? y : 1.0));
        return x == 0 ? pair(x, y) : pair(x + y, x + y);
    }
    inverse_sine(fabs(x), fabs(y), 0, &re, &im);
    return pair(copysign(re, x), copysign(im, y));
}

double _Complex cacos(double _Complex z)
{
    double x = __real__ z, y = __imag__ z, re, im;
    if (isnan(x) || isnan(y)) {
        if (isinf(x))                            /* NaN +- i inf */
            return pair(y, -HUGE_VAL);
        if (isinf(y))
            return pair(x, -y);
        return x == 0 ? pair(PI / 2, y) : pair(x + y, x + y);
    }
    inverse_sine(fabs(x), fabs(y), 1, &re, &im);
    return pair(x < 0 ? PI - re : re, copysign(im, -y));
}

double _Complex casinh(double _Complex z) { return times_minus_i(casin(times_i(z))); }

/* cacosh z = +-i cacos z, the sign making the real part >= 0 */
double _Complex cacosh(double _Complex z)
{
    double x = __real__ z, y = __imag__ z;
    if (isnan(x) || isnan(y)) {
        if (isinf(x) || isinf(y))
            return pair(HUGE_VAL, x + y);
        return x == 0 ? pair(y, PI / 2) : pair(x + y, x + y);
    }
    double _Complex w = cacos(z);
    if (signbit(y))
        return pair(__imag__ w, -__real__ w);
    return pair(-__imag__ w, __real__ w);
}

/* atanh of x + iy: (log1p(4x / ((1 - x)^2 + y^2)) / 4) + i atan2(2y, (1 - x)(1 + x) - y^2) / 2 */
double _Complex catanh(double _Complex z)
{
    double x = __real__ z, y = __imag__ z, ax = fabs(x), ay = fabs(y);
    if (isnan(x) || isnan(y)) {
        if (isinf(y))
            return pair(copysign(0.0, x), copysign(PI / 2, y));
        if (isinf(x) || x == 0)
            return pair(copysign(0.0, x), y);
        return pair(x + y, x + y);
    }
    if (ax > 0x1p30 || ay > 0x1p30) {
        /* atanh z = atanh(1/z) +- i pi/2, and atanh(1/z) is 1/z to within an ulp */
        double h = hypot(ax, ay);
        double re = isinf(h) ? 0 : ax / h / h, im = isinf(h) ? 0 : ay / h / h;
        return pair(copysign(re, x), copysign(PI / 2 - im, y));
    }
    if (ax < 0x1p-30 && ay < 0x1p-30)
        return z;
    double one_minus = 1 - ax, den = one_minus * one_minus + ay * ay;
    /* near +-1, (1 - x)^2 + y^2 may underflow: then log(|1 + z| / |1 - z|) / 2 */
    double re = den < 0x1p-900 ? 0.5 * (log(hypot(1 + ax, ay)) - log(hypot(one_minus, ay)))
                               : 0.25 * log1p(4 * ax / den);
    double im = 0.5 * atan2(2 * ay, one_minus * (1 + ax) - ay * ay);
    return pair(copysign(re, x), copysign(im, y));
}

double _Complex catan(double _Complex z) { return times_minus_i(catanh(times_i(z))); }

/* -- the float and long double forms ------------------------------------------ */

#define REAL_FORMS(name)                                                                \
    float name##f(float _Complex z) { return (float)name(z); }                           \
    long double name##l(long double _Complex z) { return name((double _Complex)z); }
#define COMPLEX_FORMS(name)                                                             \
    float _Complex name##f(float _Complex z) { return (float _Complex)name(z); }         \
    long double _Complex name##l(long double _Complex z) { return name((double _Complex)z); }

REAL_FORMS(cabs)
REAL_FORMS(carg)
COMPLEX_FORMS(cexp)
COMPLEX_FORMS(clog)
COMPLEX_FORMS(csqrt)
COMPLEX_FORMS(csin)
COMPLEX_FORMS(ccos)
COMPLEX_FORMS(ctan)
COMPLEX_FORMS(casin)
COMPLEX_FORMS(cacos)
COMPLEX_FORMS(catan)
COMPLEX_FORMS(csinh)
COMPLEX_FORMS(ccosh)
COMPLEX_FORMS(ctanh)
COMPLEX_FORMS(casinh)
COMPLEX_FORMS(cacosh)
COMPLEX_FORMS(catanh)

float _Complex cpowf(float _Complex z, float _Complex w) { return (float _Complex)cpow(z, w); }

long double _Complex cpowl(long double _Complex z, long double _Complex w)
{
    return cpow((double _Complex)z, (double _Complex)w);
}
