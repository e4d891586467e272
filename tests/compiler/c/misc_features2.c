// Assorted C as people write it: struct values, function pointers, scoping, conversions.
#include <stdio.h>
#include <stdarg.h>
typedef struct Node Node;
struct Node { int v; Node *next; };
enum { N = 4 };
int table[N * 2];
char up(char c) { return c - 32; }
short twice(short s) { return s * 2; }
unsigned char wrap(unsigned char c) { return c + 1; }
double avg(int n, ...) { va_list ap; va_start(ap, n); double s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, double); va_end(ap); return s / n; }
int kr(a, b) double b; { return a + (int)b; }
static int *counter_ptr(void) { static int c; static int *p = &c; (*p)++; return p; }
int main(void) {
    Node n2 = {2, 0}, n1 = {1, &n2};
    printf("%d %d\n", n1.next->v, (int)sizeof(table));
    printf("%c %d %d\n", up('q'), twice(-20000), wrap(255));
    float f = 2.5f; printf("%.2f\n", avg(3, 1.0, f, 4.0));
    printf("%d\n", kr(3, 4.9));
    counter_ptr(); printf("%d\n", *counter_ptr());
    int typedef_shadow = 0; { typedef int T; T v = 3; typedef_shadow = v; } printf("%d\n", typedef_shadow);
    int Node = 5; printf("%d\n", Node);
    int i = 0; int s = sizeof(i++); printf("%d %d\n", i, s);
    long long a = 123456789012LL, b = -987654321LL; printf("%lld %lld %lld %lld\n", a * b, a / b, a % b, a >> 3);
    unsigned long long ua = 0xFFFFFFFFFFFFFFFFULL; printf("%llu %llu\n", ua / 7, ua % 1000);
    char cs = 'b'; switch (cs) { case 'a': printf("A\n"); break; case 'b': printf("B\n"); break; }
    long big = 1L << 33; switch (big) { case 1L << 33: printf("big\n"); break; default: printf("small\n"); }
    int m[2][3] = {{1}, {4, 5}}; printf("%d %d %d %d\n", m[0][0], m[0][1], m[1][1], m[1][2]);
    char ss[][4] = {"ab", "cd", "e"}; printf("%s %s %d\n", ss[1], ss[2], (int)sizeof ss);
    int k = 0; { goto inner; k = 100; inner: k += 1; } printf("%d\n", k);
    for (unsigned u = 3; u < 10; u--) printf("%u ", u); printf("\n");
    void (*pf)(void) = 0; printf("%d\n", pf == 0);
    extern int ext_later; printf("%d\n", ext_later);
    int prod(int, int); printf("%d\n", prod(6, 7));
    struct { int a; struct { int b, c; } in; } nest = {1, {2, 3}}; printf("%d\n", nest.in.c);
    int neg = -7; printf("%d %d %u\n", neg / 2, neg % 2, (unsigned)neg / 2);
    printf("%d\n", (int)(char)(unsigned char)255);
    double d = 1.0 / 3; float fl = d; printf("%.10f %.10f\n", d, (double)fl);
    int arr[5] = {5, 4, 3, 2, 1}; int *p = arr + 5; while (p > arr) printf("%d", *--p); printf("\n");
    printf("%d %d\n", 10 > 3 > 0, (1, 2));
    return 0;
}
int ext_later = 77;
int prod(int a, int b) { return a * b; }
