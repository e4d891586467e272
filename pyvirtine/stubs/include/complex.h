#ifndef _COMPLEX_H
#define _COMPLEX_H

#define complex _Complex
#define _Complex_I (1.0fi)
#define I _Complex_I
#define CMPLX(x, y) __builtin_complex((double)(x), (double)(y))
#define CMPLXF(x, y) __builtin_complex((float)(x), (float)(y))
#define CMPLXL(x, y) __builtin_complex((long double)(x), (long double)(y))

/* Each function has float, double and long double forms; the float and long
   double ones are computed in double, as the rest of this libm is. */
#define __COMPLEX_FAMILY(ret, name, arg) \
    ret name(double _Complex arg); \
    ret##f name##f(float _Complex arg); \
    ret##l name##l(long double _Complex arg);

typedef double __cplx_r;
typedef float __cplx_rf;
typedef long double __cplx_rl;
typedef double _Complex __cplx_c;
typedef float _Complex __cplx_cf;
typedef long double _Complex __cplx_cl;

__COMPLEX_FAMILY(__cplx_r, creal, z)
__COMPLEX_FAMILY(__cplx_r, cimag, z)
__COMPLEX_FAMILY(__cplx_r, cabs, z)
__COMPLEX_FAMILY(__cplx_r, carg, z)
__COMPLEX_FAMILY(__cplx_c, conj, z)
__COMPLEX_FAMILY(__cplx_c, cproj, z)
__COMPLEX_FAMILY(__cplx_c, cexp, z)
__COMPLEX_FAMILY(__cplx_c, clog, z)
__COMPLEX_FAMILY(__cplx_c, csqrt, z)
__COMPLEX_FAMILY(__cplx_c, csin, z)
__COMPLEX_FAMILY(__cplx_c, ccos, z)
__COMPLEX_FAMILY(__cplx_c, ctan, z)
__COMPLEX_FAMILY(__cplx_c, casin, z)
__COMPLEX_FAMILY(__cplx_c, cacos, z)
__COMPLEX_FAMILY(__cplx_c, catan, z)
__COMPLEX_FAMILY(__cplx_c, csinh, z)
__COMPLEX_FAMILY(__cplx_c, ccosh, z)
__COMPLEX_FAMILY(__cplx_c, ctanh, z)
__COMPLEX_FAMILY(__cplx_c, casinh, z)
__COMPLEX_FAMILY(__cplx_c, cacosh, z)
__COMPLEX_FAMILY(__cplx_c, catanh, z)
#undef __COMPLEX_FAMILY

double _Complex cpow(double _Complex z, double _Complex w);
float _Complex cpowf(float _Complex z, float _Complex w);
long double _Complex cpowl(long double _Complex z, long double _Complex w);

#endif
