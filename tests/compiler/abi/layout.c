/* Printed by a gcc build and a pyvirtine build of this same file: they must agree. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include "shapes.h"

struct bits1 { char a; int b : 5; int c : 12; char d; };
struct bits2 { unsigned a : 31; unsigned b : 2; unsigned c : 31; };
struct bits3 { char a : 3; short b : 9; long c : 40; char d : 2; };
struct bits4 { int a : 4; int : 0; char b; int : 3; int c : 9; };
struct bits5 { unsigned char a : 1, b : 7, c : 2; unsigned long long d : 50; };
union ubits { int a : 3; unsigned b : 17; char c; };
struct mixed { char c; double d; short s; long double ld; int i; };
struct withflex { short n; long long items[]; };
struct aligned { char c; _Alignas(16) int x; };
#pragma pack(push)
#pragma pack(1)
struct pk1 { char a; int b : 17; int c : 20; short d; long e : 40; unsigned f : 31; };
#pragma pack(2)
struct pk2 { char a; int b : 1; int c : 32; char d; int : 0; char e; long f : 3; };
#pragma pack(pop)
struct unpacked_again { char a; long b; };

#define SHOW(T) printf("%-16s size %2d align %2d\n", #T, (int)sizeof(T), (int)_Alignof(T));
#define DUMP(var) { unsigned char raw[sizeof var]; memcpy(raw, &var, sizeof var); \
    printf("%-6s", #var); for (unsigned i = 0; i < sizeof var; i++) printf(" %02x", raw[i]); printf("\n"); }

int main(void) {
    SHAPES(SHOW)
    SHOW(struct bits1) SHOW(struct bits2) SHOW(struct bits3) SHOW(struct bits4)
    SHOW(struct bits5) SHOW(union ubits) SHOW(struct withflex) SHOW(struct aligned)
    SHOW(struct pk1) SHOW(struct pk2) SHOW(struct unpacked_again)
    printf("offsets %d %d %d %d %d\n", (int)offsetof(struct bits1, d), (int)offsetof(struct bits4, b),
           (int)offsetof(struct withflex, items), (int)offsetof(s_nest, z), (int)offsetof(struct aligned, x));
    printf("mixed %d %d %d\n", (int)offsetof(struct mixed, d), (int)offsetof(struct mixed, s), (int)offsetof(struct mixed, i));
    struct bits1 b1; memset(&b1, 0, sizeof b1); b1.a = 1; b1.b = -3; b1.c = 1000; b1.d = 7; DUMP(b1)
    struct bits2 b2; memset(&b2, 0, sizeof b2); b2.a = 0x7fffffff; b2.b = 2; b2.c = 12345; DUMP(b2)
    struct bits3 b3; memset(&b3, 0, sizeof b3); b3.a = -1; b3.b = 200; b3.c = -5; b3.d = 1; DUMP(b3)
    struct bits4 b4; memset(&b4, 0, sizeof b4); b4.a = 5; b4.b = 'x'; b4.c = -100; DUMP(b4)
    struct bits5 b5; memset(&b5, 0, sizeof b5); b5.a = 1; b5.b = 100; b5.c = 3; b5.d = 0x3ffffffffffffULL; DUMP(b5)
    union ubits u; memset(&u, 0, sizeof u); u.b = 0x1abcd; DUMP(u)
    struct pk1 p1; memset(&p1, 0, sizeof p1); p1.a = 1; p1.b = -1; p1.c = 0x12345; p1.d = 0x7777;
    p1.e = -2; p1.f = 0x5555555; DUMP(p1)
    struct pk2 p2; memset(&p2, 0, sizeof p2); p2.a = 1; p2.b = -1; p2.c = 0x12345678; p2.d = 9;
    p2.e = 2; p2.f = 3; DUMP(p2)
    printf("packed read %d %d %ld %u %d %d\n", p1.c, p1.b, p1.e, p1.f, p2.c, p2.b);
    printf("read %d %d %d %d %d\n", b1.b, b1.c, b3.a, (int)b3.c, b4.c);
    printf("promote %d %d\n", b2.b - 5 < 0, b5.b - 200 < 0);
    return 0;
}
