// long double is the x87 80-bit type: arithmetic, calls, struct returns, varargs, constants.
#include <stdio.h>
#include <float.h>
#include <stdarg.h>
struct L1 { long double x; };
struct L2 { long double x; int y; };
long double half(long double v) { return v / 2; }
struct L1 mk1(long double v) { struct L1 r = {v * 3}; return r; }
struct L2 mk2(long double v, struct L1 a) { struct L2 r = {v + a.x, 7}; return r; }
long double vsum(int n, ...) { va_list ap; va_start(ap, n); long double s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, long double); va_end(ap); return s; }
long double g = 1.0L / 3;
long double big = LDBL_MAX;
struct { char c; long double d; } sd = {1, 2.5L};
int main(void) {
    long double x = 1.0L / 3.0L;
    printf("%.20Lf %.20Lf %d %d\n", x, g, (int)sizeof(long double), (int)_Alignof(long double));
    printf("%Lg %Lg %Lg\n", half(5.0L), mk1(2.0L).x, mk2(1.0L, mk1(1.0L)).x);
    printf("%Lg %d\n", vsum(3, 1.5L, 2.5L, (long double)4), mk2(0, mk1(0)).y);
    printf("%Le %Le %d\n", big, LDBL_EPSILON, LDBL_MANT_DIG);
    double d = x; float f = x; long long ll = (long long)(x * 3e18L);
    printf("%.17g %.9g %lld\n", d, f, ll);
    printf("%d %d %Lg\n", x < 0.5L, x == g, sd.d);
    long double acc = 1; for (int i = 0; i < 100; i++) acc *= 1.5L; printf("%.10Le\n", acc);
    /* hexadecimal constants keep all 64 bits and the whole exponent range */
    printf("%La %La %La %La\n", 0xb17217f7d1cf79acp-64L, 0x1p16000L, 0x1.8p-16400L, -0x.8p1L);
    return 0;
}
