// Variadic functions with stdarg: ints, doubles, pointers, structs, va_copy, vsnprintf.
#include <stdio.h>
#include <stdarg.h>
struct Pair { long a; double b; };
struct Big { long x[5]; };
double total(int n, ...) {
    va_list ap; va_start(ap, n);
    double t = 0;
    for (int i = 0; i < n; i++) {
        int kind = va_arg(ap, int);
        if (kind == 0) t += va_arg(ap, int);
        else if (kind == 1) t += va_arg(ap, double);
        else if (kind == 2) t += *va_arg(ap, long *);
        else if (kind == 3) { struct Pair p = va_arg(ap, struct Pair); t += p.a + p.b; }
        else { struct Big b = va_arg(ap, struct Big); t += b.x[0] + b.x[4]; }
    }
    va_end(ap);
    return t;
}
int count_twice(int n, ...) {
    va_list ap, again; va_start(ap, n); va_copy(again, ap);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    for (int i = 0; i < n; i++) s += va_arg(again, int);
    va_end(again); va_end(ap);
    return s;
}
void format(char *out, const char *fmt, ...) {
    va_list ap; va_start(ap, fmt); vsnprintf(out, 64, fmt, ap); va_end(ap);
}
int main(void) {
    long v = 1000;
    struct Pair p = {5, 0.5};
    struct Big b = {{1, 2, 3, 4, 5}};
    printf("%g\n", total(5, 0, 7, 1, 2.5, 2, &v, 3, p, 4, b));
    printf("%g\n", total(12, 1, 1.0, 1, 2.0, 1, 3.0, 1, 4.0, 1, 5.0, 1, 6.0, 1, 7.0, 1, 8.0, 1, 9.0, 0, 1, 0, 2, 0, 3));
    printf("%d\n", count_twice(8, 1, 2, 3, 4, 5, 6, 7, 8));
    char out[64];
    format(out, "%s-%d-%.2f-%c", "x", 42, 3.14159, 'q');
    printf("%s\n", out);
    return 0;
}
