#ifndef _TGMATH_H
#define _TGMATH_H

/* Type-generic math (C99 7.22) with _Generic: the type of the arguments, after
   the usual arithmetic conversions (so an integer means double), picks the
   float, double or long double function, or the complex one. */
#include <math.h>
#include <complex.h>

/* the type an argument counts as: its own, or double for an integer (never
   evaluated: it only steers _Generic) */
#define __tg_type(x) _Generic((x), float: (x), long double: (x), float _Complex: (x), \
    double _Complex: (x), long double _Complex: (x), default: 0.0)
#define __tg2(x, y) (__tg_type(x) + __tg_type(y))
#define __tg3(x, y, z) (__tg_type(x) + __tg_type(y) + __tg_type(z))

#define __tg_real(fn, x) _Generic((x), float: fn##f, long double: fn##l, default: fn)
#define __tg_both(fn, cfn, x) _Generic((x), float: fn##f, long double: fn##l, default: fn, \
    float _Complex: cfn##f, double _Complex: cfn, long double _Complex: cfn##l)
#define __tg_complex(cfn, x) _Generic((x), float: cfn##f, float _Complex: cfn##f, \
    long double: cfn##l, long double _Complex: cfn##l, default: cfn)

/* real and complex */
#define exp(x) __tg_both(exp, cexp, x)(x)
#define log(x) __tg_both(log, clog, x)(x)
#define pow(x, y) __tg_both(pow, cpow, __tg2(x, y))(x, y)
#define sqrt(x) __tg_both(sqrt, csqrt, x)(x)
#define fabs(x) __tg_both(fabs, cabs, x)(x)
#define sin(x) __tg_both(sin, csin, x)(x)
#define cos(x) __tg_both(cos, ccos, x)(x)
#define tan(x) __tg_both(tan, ctan, x)(x)
#define asin(x) __tg_both(asin, casin, x)(x)
#define acos(x) __tg_both(acos, cacos, x)(x)
#define atan(x) __tg_both(atan, catan, x)(x)
#define sinh(x) __tg_both(sinh, csinh, x)(x)
#define cosh(x) __tg_both(cosh, ccosh, x)(x)
#define tanh(x) __tg_both(tanh, ctanh, x)(x)
#define asinh(x) __tg_both(asinh, casinh, x)(x)
#define acosh(x) __tg_both(acosh, cacosh, x)(x)
#define atanh(x) __tg_both(atanh, catanh, x)(x)

/* complex only: a real argument is taken as complex */
#define carg(x) __tg_complex(carg, x)(x)
#define cimag(x) __tg_complex(cimag, x)(x)
#define creal(x) __tg_complex(creal, x)(x)
#define conj(x) __tg_complex(conj, x)(x)
#define cproj(x) __tg_complex(cproj, x)(x)

/* real only */
#define atan2(y, x) __tg_real(atan2, __tg2(y, x))(y, x)
#define cbrt(x) __tg_real(cbrt, x)(x)
#define ceil(x) __tg_real(ceil, x)(x)
#define copysign(x, y) __tg_real(copysign, __tg2(x, y))(x, y)
#define exp2(x) __tg_real(exp2, x)(x)
#define expm1(x) __tg_real(expm1, x)(x)
#define fdim(x, y) __tg_real(fdim, __tg2(x, y))(x, y)
#define floor(x) __tg_real(floor, x)(x)
#define fma(x, y, z) __tg_real(fma, __tg3(x, y, z))(x, y, z)
#define fmax(x, y) __tg_real(fmax, __tg2(x, y))(x, y)
#define fmin(x, y) __tg_real(fmin, __tg2(x, y))(x, y)
#define fmod(x, y) __tg_real(fmod, __tg2(x, y))(x, y)
#define frexp(x, e) __tg_real(frexp, x)(x, e)
#define hypot(x, y) __tg_real(hypot, __tg2(x, y))(x, y)
#define ilogb(x) __tg_real(ilogb, x)(x)
#define ldexp(x, e) __tg_real(ldexp, x)(x, e)
#define llrint(x) __tg_real(llrint, x)(x)
#define llround(x) __tg_real(llround, x)(x)
#define log10(x) __tg_real(log10, x)(x)
#define log1p(x) __tg_real(log1p, x)(x)
#define log2(x) __tg_real(log2, x)(x)
#define logb(x) __tg_real(logb, x)(x)
#define lrint(x) __tg_real(lrint, x)(x)
#define lround(x) __tg_real(lround, x)(x)
#define nearbyint(x) __tg_real(nearbyint, x)(x)
#define nextafter(x, y) __tg_real(nextafter, __tg2(x, y))(x, y)
#define nexttoward(x, y) __tg_real(nexttoward, x)(x, y)
#define remainder(x, y) __tg_real(remainder, __tg2(x, y))(x, y)
#define remquo(x, y, q) __tg_real(remquo, __tg2(x, y))(x, y, q)
#define rint(x) __tg_real(rint, x)(x)
#define round(x) __tg_real(round, x)(x)
#define scalbn(x, n) __tg_real(scalbn, x)(x, n)
#define scalbln(x, n) __tg_real(scalbln, x)(x, n)
#define trunc(x) __tg_real(trunc, x)(x)

#endif
