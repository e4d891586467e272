#ifndef _MATH_H
#define _MATH_H

/* Without compiler builtins, infinity comes from an overflowing product and
   NaN from infinity times zero (0/0 is rejected in constant expressions). The
   sign of NAN depends on the compiler's constant folding; C leaves it open. */
#define HUGE_VAL (1e300 * 1e300)
#define HUGE_VALF ((float)HUGE_VAL)
#define INFINITY ((float)HUGE_VAL)
#define NAN (-(float)(HUGE_VAL * 0.0))

#define M_E 2.7182818284590452354
#define M_LOG2E 1.4426950408889634074
#define M_LOG10E 0.43429448190325182765
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_1_PI 0.31830988618379067154
#define M_2_PI 0.63661977236758134308
#define M_2_SQRTPI 1.12837916709551257390
#define M_SQRT2 1.41421356237309504880
#define M_SQRT1_2 0.70710678118654752440

#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4

/* The classification macros pick the float, double or long double helper by
   operand size (a long double holds values no double can). */
#define __fp_generic(name, x) (sizeof(x) == sizeof(float) ? name##f(x) \
                               : sizeof(x) == sizeof(double) ? name(x) : name##l(x))
#define fpclassify(x) __fp_generic(__fpclassify, x)
#define isnan(x) __fp_generic(__isnan, x)
#define isinf(x) __fp_generic(__isinf, x)
#define isfinite(x) __fp_generic(__isfinite, x)
#define isnormal(x) (fpclassify(x) == FP_NORMAL)
#define signbit(x) __fp_generic(__signbit, x)
/* Comparisons that are false, not an error, when an operand is a NaN. */
#define isunordered(x, y) (isnan(x) || isnan(y))
#define isgreater(x, y) (!isunordered(x, y) && (x) > (y))
#define isgreaterequal(x, y) (!isunordered(x, y) && (x) >= (y))
#define isless(x, y) (!isunordered(x, y) && (x) < (y))
#define islessequal(x, y) (!isunordered(x, y) && (x) <= (y))
#define islessgreater(x, y) (!isunordered(x, y) && ((x) < (y) || (x) > (y)))

typedef float float_t;
typedef double double_t;
#define HUGE_VALL ((long double)HUGE_VAL)
#define FP_ILOGB0 (-2147483647 - 1)
#define FP_ILOGBNAN (-2147483647 - 1)
#define MATH_ERRNO 1
#define MATH_ERREXCEPT 2
#define math_errhandling MATH_ERRNO

int __fpclassify(double x);
int __fpclassifyf(float x);
int __isnan(double x);
int __isnanf(float x);
int __isinf(double x);
int __isinff(float x);
int __isfinite(double x);
int __isfinitef(float x);
int __signbit(double x);
int __signbitf(float x);
int __fpclassifyl(long double x);
int __isnanl(long double x);
int __isinfl(long double x);
int __isfinitel(long double x);
int __signbitl(long double x);

double sqrt(double x);
double fabs(double x);
double floor(double x);
double ceil(double x);
double round(double x);
double trunc(double x);
double rint(double x);
double nearbyint(double x);
long lround(double x);
long lrint(double x);
double fmod(double x, double y);
double pow(double x, double y);
double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log10(double x);
double log2(double x);
double log1p(double x);
double cbrt(double x);
double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double hypot(double x, double y);
double frexp(double x, int *exp);
double ldexp(double x, int exp);
double scalbn(double x, int exp);
double modf(double x, double *ipart);
double fmin(double x, double y);
double fmax(double x, double y);
double fdim(double x, double y);
double copysign(double x, double y);
double nextafter(double x, double y);

float sqrtf(float x);
float fabsf(float x);
float floorf(float x);
float ceilf(float x);
float roundf(float x);
float truncf(float x);
float fmodf(float x, float y);
float powf(float x, float y);
float expf(float x);
float logf(float x);
float log10f(float x);
float log2f(float x);
float sinf(float x);
float cosf(float x);
float tanf(float x);
float asinf(float x);
float acosf(float x);
float atanf(float x);
float atan2f(float y, float x);
float sinhf(float x);
float coshf(float x);
float tanhf(float x);
float hypotf(float x, float y);
float fminf(float x, float y);
float fmaxf(float x, float y);
float copysignf(float x, float y);
float ldexpf(float x, int exp);
float frexpf(float x, int *exp);
float modff(float x, float *ipart);

/* C99's others (math_c99.c, fma.c). */
double fma(double x, double y, double z);
float fmaf(float x, float y, float z);
double remainder(double x, double y);
double remquo(double x, double y, int *quo);
int ilogb(double x);
double logb(double x);
double nan(const char *tag);
float nanf(const char *tag);
long long llround(double x);
long long llrint(double x);
double scalbln(double x, long n);
double nexttoward(double x, long double y);
double asinh(double x);
double acosh(double x);
double atanh(double x);
float acoshf(float x);
float asinhf(float x);
float atanhf(float x);
float cbrtf(float x);
float exp2f(float x);
float expm1f(float x);
float log1pf(float x);
float logbf(float x);
int ilogbf(float x);
float nearbyintf(float x);
float rintf(float x);
long lrintf(float x);
long long llrintf(float x);
long lroundf(float x);
long long llroundf(float x);
float scalbnf(float x, int n);
float scalblnf(float x, long n);
float fdimf(float x, float y);
float remquof(float x, float y, int *quo);
float remainderf(float x, float y);
float nextafterf(float x, float y);
float nexttowardf(float x, long double y);

/* erf.c and gamma.c. lgamma sets signgam to the sign of Gamma(x). */
extern int signgam;
double erf(double x);
double erfc(double x);
double lgamma(double x);
double lgamma_r(double x, int *sign);
double tgamma(double x);
float erff(float x);
float erfcf(float x);
float lgammaf(float x);
float lgammaf_r(float x, int *sign);
float tgammaf(float x);



/* long double: computed in double (these are as precise as the double functions) */
long double sqrtl(long double x);
long double fabsl(long double x);
long double floorl(long double x);
long double ceill(long double x);
long double roundl(long double x);
long double truncl(long double x);
long double rintl(long double x);
long double nearbyintl(long double x);
long double expl(long double x);
long double exp2l(long double x);
long double expm1l(long double x);
long double logl(long double x);
long double log10l(long double x);
long double log2l(long double x);
long double log1pl(long double x);
long double cbrtl(long double x);
long double sinl(long double x);
long double cosl(long double x);
long double tanl(long double x);
long double asinl(long double x);
long double acosl(long double x);
long double atanl(long double x);
long double sinhl(long double x);
long double coshl(long double x);
long double tanhl(long double x);
long double asinhl(long double x);
long double acoshl(long double x);
long double atanhl(long double x);
long double logbl(long double x);
long double erfl(long double x);
long double erfcl(long double x);
long double lgammal(long double x);
long double lgammal_r(long double x, int *sign);
long double tgammal(long double x);
long double fmodl(long double x, long double y);
long double powl(long double x, long double y);
long double atan2l(long double x, long double y);
long double hypotl(long double x, long double y);
long double fminl(long double x, long double y);
long double fmaxl(long double x, long double y);
long double fdiml(long double x, long double y);
long double copysignl(long double x, long double y);
long double nextafterl(long double x, long double y);
long double remainderl(long double x, long double y);
long double fmal(long double x, long double y, long double z);
long double frexpl(long double x, int *exp);
long double ldexpl(long double x, int exp);
long double scalbnl(long double x, int exp);
long double scalblnl(long double x, long exp);
long double modfl(long double x, long double *ipart);
long double remquol(long double x, long double y, int *quo);
long double nexttowardl(long double x, long double y);
long double nanl(const char *tag);
int ilogbl(long double x);
long lroundl(long double x);
long lrintl(long double x);
long long llroundl(long double x);
long long llrintl(long double x);

#endif
