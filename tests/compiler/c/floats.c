// float and double arithmetic and conversions; long double is lowered to double.
#include <stdio.h>
float half(float x) { return x / 2; }
double mix(int a, float b, double c, long d) { return a + b + c + d; }
int main(void) {
    float f = 1.5f; double d = 2.25; long double ld = 3.5L;
    printf("%f %f %f\n", f, d, (double)ld);
    printf("%.3f %g %e\n", half(3.0f), mix(1, 2.5f, 3.25, 4L), 12345.678);
    printf("%d %d %u\n", (int)-2.7, (int)2.7, (unsigned)3.9);
    printf("%f %f\n", (double)(float)0.1, (float)1 / 3);
    double z = 0.0; double nan = z / z;
    printf("%d %d %d\n", nan == nan, nan != nan, 1.0 < 2.0f);
    printf("%.1f\n", 1e308 * 10 > 1e308 ? 1.0 : 0.0);
    printf("%d\n", (int)sizeof(float) + (int)sizeof(double) * 10);
    unsigned long big = 18446744073709551615UL;
    printf("%.0f\n", (double)big);
    printf("%lu\n", (unsigned long)1e19);
    f = 16777217; printf("%.1f\n", f);
    d = -0.0; printf("%g %d\n", d, d == 0.0);
    printf("%a\n", 0x1.8p1);
    float arr[3] = {1.25f, 2.5f, 3.75f}; float s = 0;
    for (int i = 0; i < 3; i++) s += arr[i];
    printf("%g\n", s);
    if (0.1) printf("truthy\n");
    return 0;
}
