// Structs passed and returned by value in every SysV class (INTEGER, SSE, mixed, MEMORY).
#include <stdio.h>
struct C1 { char c; };
struct I3 { int a, b, c; };
struct L2 { long a, b; };
struct D2 { double a, b; };
struct FI { float f; int i; };
struct F3 { float a, b, c; };
struct DL { double d; long l; };
struct Big { long a, b, c, d; };
struct C1 c1(char c) { struct C1 r = {c}; return r; }
struct I3 i3(struct I3 v) { v.a += 1; v.b += 2; v.c += 3; return v; }
struct L2 l2(struct L2 v, long k) { v.a *= k; v.b *= k; return v; }
struct D2 d2(struct D2 v) { struct D2 r = {v.b, v.a}; return r; }
struct FI fi(struct FI v) { v.f *= 2; v.i *= 3; return v; }
struct F3 f3(struct F3 v) { v.c = v.a + v.b; return v; }
struct DL dl(struct DL v) { v.d += v.l; return v; }
struct Big big(struct Big v, struct Big w) { v.a += w.d; v.d += w.a; return v; }
long many(long a, long b, long c, long d, long e, struct L2 x, struct L2 y, struct D2 z) {
    return a + b + c + d + e + x.a + x.b + y.a + y.b + (long)z.a + (long)z.b;
}
int main(void) {
    struct I3 a = i3((struct I3){10, 20, 30});
    struct L2 b = l2((struct L2){3, 4}, 5);
    struct D2 c = d2((struct D2){1.5, 2.5});
    struct FI d = fi((struct FI){1.25f, 7});
    struct F3 e = f3((struct F3){1, 2, 0});
    struct DL f = dl((struct DL){0.5, 4});
    struct Big g = big((struct Big){1, 2, 3, 4}, (struct Big){10, 20, 30, 40});
    printf("%c\n", c1('z').c);
    printf("%d %d %d\n", a.a, a.b, a.c);
    printf("%ld %ld\n", b.a, b.b);
    printf("%g %g\n", c.a, c.b);
    printf("%g %d\n", d.f, d.i);
    printf("%g\n", e.c);
    printf("%g %ld\n", f.d, f.l);
    printf("%ld %ld %ld %ld\n", g.a, g.b, g.c, g.d);
    printf("%ld\n", many(1, 2, 3, 4, 5, (struct L2){6, 7}, (struct L2){8, 9}, (struct D2){10, 11}));
    return 0;
}
