/* <tgmath.h>: the argument types pick the float, double, long double or complex
   function (sizeof tells which was called). */
#include <stdio.h>
#include <tgmath.h>

int main(void)
{
    float f = 2.0f;
    double d = 2.0;
    long double l = 2.0L;
    float _Complex cf = 1.0f + 1.0fi;
    double _Complex cd = 1.0 + 1.0i;
    long double _Complex cl = 1.0L + 1.0Li;
    printf("sqrt sizes %zu %zu %zu %zu\n", sizeof sqrt(f), sizeof sqrt(d), sizeof sqrt(l),
           sizeof sqrt(3));
    printf("complex sizes %zu %zu %zu\n", sizeof exp(cf), sizeof exp(cd), sizeof exp(cl));
    printf("fabs of complex %zu %zu\n", sizeof fabs(cf), sizeof fabs(cd));
    printf("pow mixed %zu %zu %zu\n", sizeof pow(f, f), sizeof pow(f, d), sizeof pow(f, cd));
    printf("fmax %zu %zu, creal of real %zu\n", sizeof fmax(f, 1), sizeof fmax(f, l),
           sizeof creal(f));
    printf("values %.6f %.6f %.6f\n", (double)sqrt(f), sqrt(d), (double)sqrt(l));
    double _Complex e = exp(cd);
    printf("exp %.6f %.6f, fabs %.6f, sqrt(-4) %.6f %.6f\n", creal(e), cimag(e), fabs(cd),
           creal(sqrt(-4.0 + 0.0i)), cimag(sqrt(-4.0 + 0.0i)));
    printf("atan2 %.6f hypot %.6f conj %.1f\n", atan2(f, 1), hypot(3, 4), cimag(conj(cd)));
    return 0;
}
