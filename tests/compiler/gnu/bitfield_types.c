/* The type of a bit-field's value as gcc gives it (int below 32 bits whatever the
   declared type, int or unsigned at 32, the declared type's size beyond), seen through
   sizeof, signedness and varargs; and ms_struct / gcc_struct layouts. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

struct wide {
    long long a : 31;
    long long b : 32;
    long long c : 33;
    unsigned long long d : 32;
    unsigned long long e : 40;
    unsigned f : 32;
    unsigned g : 31;
    long h : 16;
    unsigned long long i : 64;
    _Bool j : 1;
};

#define SHOW(e) printf("%-6s size %zu signed %d\n", #e, sizeof((e) + 0), (e) * 0 - 1 < 0)
#define PRINT(e) printf(sizeof((e) + 0) == 8 ? " %016llx" : " %08x", (e))

struct __attribute__((ms_struct)) ms1 { unsigned x : 12; unsigned char y : 7; unsigned z : 28;
                                        unsigned a : 4; unsigned b : 5; };
struct __attribute__((gcc_struct)) gcc1 { unsigned x : 12; unsigned char y : 7; unsigned z : 28;
                                          unsigned a : 4; unsigned b : 5; };
struct ms2 { int d; unsigned char a; unsigned short b : 7; char c; } __attribute__((ms_struct));
struct __attribute__((ms_struct)) ms3 { char a : 4; short : 0; char b; };
struct __attribute__((ms_struct)) ms4 { char a; int : 0; char b; };
struct __attribute__((ms_struct)) ms5 { char a : 4; long long : 0; short : 0; char b; };
union __attribute__((ms_struct)) ms6 { char a : 3; long long : 5; };
#pragma pack(push, 1)
struct __attribute__((ms_struct)) ms7 { unsigned x : 12; unsigned char y : 7; unsigned z : 28; };
struct gcc2 { int x : 12; char y : 6; long long z : 63; char a : 4 __attribute__((aligned(16))); };
#pragma pack(pop)
struct gcc3 { unsigned x : 5, y : 5, : 0, z : 5; char a : 5;
              short b : 5 __attribute__((aligned(16))); };

#define LAYOUT(T) printf("%-12s size %2zu align %2zu\n", #T, sizeof(T), _Alignof(T))
#define BYTES(T, m) { T v; memset(&v, 0, sizeof v); v.m = -1; printf("  %s:", #m);      \
    for (size_t i = 0; i < sizeof v; i++) printf(" %02x", ((unsigned char *)&v)[i]);     \
    printf("\n"); }

int main(void) {
    struct wide s = {0};
    SHOW(s.a); SHOW(s.b); SHOW(s.c); SHOW(s.d); SHOW(s.e); SHOW(s.f); SHOW(s.g);
    SHOW(s.h); SHOW(s.i); SHOW(s.j);
    s.a = -2; s.b = -2; s.c = -2; s.d = -2; s.e = 5; s.f = -2; s.g = 7; s.h = -3; s.j = 1;
    PRINT(s.a); PRINT(s.b); PRINT(s.c); PRINT(s.d); PRINT(s.e); PRINT(s.f); PRINT(s.g);
    PRINT(s.h); PRINT(s.j);
    printf("\n%d %d\n", s.a < 0u, s.g - 8 < 0);
    LAYOUT(struct ms1); BYTES(struct ms1, y); BYTES(struct ms1, a); BYTES(struct ms1, b);
    LAYOUT(struct gcc1); BYTES(struct gcc1, y); BYTES(struct gcc1, b);
    LAYOUT(struct ms2); printf("  c at %zu\n", offsetof(struct ms2, c));
    LAYOUT(struct ms3); printf("  b at %zu\n", offsetof(struct ms3, b));
    LAYOUT(struct ms4); printf("  b at %zu\n", offsetof(struct ms4, b));
    LAYOUT(struct ms5); printf("  b at %zu\n", offsetof(struct ms5, b));
    LAYOUT(union ms6);
    LAYOUT(struct ms7); BYTES(struct ms7, z);
    LAYOUT(struct gcc2); BYTES(struct gcc2, a);
    LAYOUT(struct gcc3); BYTES(struct gcc3, b);
    return 0;
}
