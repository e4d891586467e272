/* The long double functions of C99, computed in double: a guest's long double is the
   x87 80-bit type, but its libm works in double, so these are only as precise. */
#include <math.h>

#define UNARY(name) \
    long double name##l(long double x) { return name((double)x); }
#define BINARY(name) \
    long double name##l(long double x, long double y) { return name((double)x, (double)y); }

UNARY(sqrt)
UNARY(fabs)
UNARY(floor)
UNARY(ceil)
UNARY(round)
UNARY(trunc)
UNARY(rint)
UNARY(nearbyint)
UNARY(exp)
UNARY(exp2)
UNARY(expm1)
UNARY(log)
UNARY(log10)
UNARY(log2)
UNARY(log1p)
UNARY(cbrt)
UNARY(sin)
UNARY(cos)
UNARY(tan)
UNARY(asin)
UNARY(acos)
UNARY(atan)
UNARY(sinh)
UNARY(cosh)
UNARY(tanh)
UNARY(asinh)
UNARY(acosh)
UNARY(atanh)
UNARY(logb)
UNARY(erf)
UNARY(erfc)
UNARY(lgamma)
UNARY(tgamma)
BINARY(fmod)
BINARY(pow)
BINARY(atan2)
BINARY(hypot)
BINARY(fmin)
BINARY(fmax)
BINARY(fdim)
BINARY(copysign)
BINARY(nextafter)
BINARY(remainder)

long double fmal(long double x, long double y, long double z)
{
    return fma((double)x, (double)y, (double)z);
}

long double frexpl(long double x, int *exp) { return frexp((double)x, exp); }
long double ldexpl(long double x, int exp) { return ldexp((double)x, exp); }
long double scalbnl(long double x, int exp) { return scalbn((double)x, exp); }
long double scalblnl(long double x, long exp) { return scalbln((double)x, exp); }

long double modfl(long double x, long double *ipart)
{
    double whole, fraction = modf((double)x, &whole);
    *ipart = whole;
    return fraction;
}

long double remquol(long double x, long double y, int *quo)
{
    return remquo((double)x, (double)y, quo);
}

long double nexttowardl(long double x, long double y) { return nexttoward((double)x, y); }
long double nanl(const char *tag) { return nan(tag); }
int ilogbl(long double x) { return ilogb((double)x); }
long lroundl(long double x) { return lround((double)x); }
long lrintl(long double x) { return lrint((double)x); }
long long llroundl(long double x) { return llround((double)x); }
long long llrintl(long double x) { return llrint((double)x); }
long double lgammal_r(long double x, int *sign) { return lgamma_r((double)x, sign); }
