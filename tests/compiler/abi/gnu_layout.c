/* GNU layout attributes, printed by a gcc build and a pyvirtine build: they must agree. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

struct __attribute__((packed)) p1 { char a; int b; short c; long d; };
struct p2 { char a; int b; } __attribute__((__packed__));
typedef struct { char a; double d; char e; } __attribute__((packed)) p3;
struct p4 { char a; int b __attribute__((packed)); char c; };
struct p5 { char a; int b __attribute__((aligned(4))); short s; } __attribute__((packed));
struct p6 { char a; int b; } __attribute__((packed, aligned(4)));
struct p7 { char a; struct p2 inner; short s; };
struct p8 { char a; struct { char b; int c; } __attribute__((packed)) in; int d; };
struct p9 { char a; long b : 5; char c : 3; int d : 20; } __attribute__((packed));
struct p10 { char a; int b : 4 __attribute__((packed)); int c : 30; char d; };
struct p11 { short a; int b[3]; } __attribute__((packed));
union u1 { char a; int b; long c; } __attribute__((packed));
struct a1 { char c; int x __attribute__((aligned(8))); };
struct a2 { char c; } __attribute__((aligned(32)));
struct a3 { int i; } __attribute__((aligned));
struct a4 { char c; struct a2 inner; char d; };
struct __attribute__((aligned(16))) a5 { char c[3]; };
struct a6 { char c; int __attribute__((aligned(16))) arr[3]; };
typedef int aligned16 __attribute__((aligned(16)));
typedef int aligned1 __attribute__((aligned(1)));
typedef char block16[16] __attribute__((aligned(16)));
struct a7 { char c; aligned16 i; };
struct a8 { char c; aligned1 i; short s; };
struct a9 { char c; block16 b; };
typedef struct a3 wide_a3 __attribute__((aligned(64)));
struct a10 { char c; wide_a3 w; };
#pragma pack(push, 2)
struct k1 { char c; int x __attribute__((aligned(8))); long y; };
struct k2 { char c; int x; } __attribute__((aligned(8)));
#pragma pack(pop)
typedef int byte_int __attribute__((mode(QI)));
typedef unsigned word_uint __attribute__((__mode__(__HI__)));
enum __attribute__((packed)) e1 { E1A, E1B = 255 };
enum __attribute__((packed)) e2 { E2A = -1, E2B = 127 };
enum __attribute__((packed)) e3 { E3A, E3B = 256 };
enum e4 { E4A, E4B } __attribute__((packed));
struct e5 { char c; enum e1 e; enum e3 f; };

#define SHOW(T) printf("%-16s size %2d align %2d\n", #T, (int)sizeof(T), (int)_Alignof(T));
#define OFF(T, m) printf("  %s.%s at %d\n", #T, #m, (int)offsetof(T, m));
#define DUMP(var) { unsigned char raw[sizeof var]; memcpy(raw, &var, sizeof var); \
    printf("%-6s", #var); for (unsigned i = 0; i < sizeof var; i++) printf(" %02x", raw[i]); printf("\n"); }

int main(void) {
    SHOW(struct p1) OFF(struct p1, b) OFF(struct p1, c) OFF(struct p1, d)
    SHOW(struct p2) SHOW(p3) OFF(p3, d) OFF(p3, e)
    SHOW(struct p4) OFF(struct p4, b) OFF(struct p4, c)
    SHOW(struct p5) OFF(struct p5, b) OFF(struct p5, s)
    SHOW(struct p6) SHOW(struct p7) OFF(struct p7, inner) OFF(struct p7, s)
    SHOW(struct p8) OFF(struct p8, in) OFF(struct p8, d)
    SHOW(struct p9) SHOW(struct p10) OFF(struct p10, d) SHOW(struct p11) SHOW(union u1)
    SHOW(struct a1) OFF(struct a1, x) SHOW(struct a2) SHOW(struct a3) SHOW(struct a4)
    OFF(struct a4, inner) OFF(struct a4, d) SHOW(struct a5) SHOW(struct a6) OFF(struct a6, arr)
    SHOW(aligned16) SHOW(aligned1) SHOW(block16) SHOW(struct a7) OFF(struct a7, i)
    SHOW(struct a8) OFF(struct a8, i) OFF(struct a8, s) SHOW(struct a9) OFF(struct a9, b)
    SHOW(wide_a3) SHOW(struct a10) OFF(struct a10, w)
    SHOW(struct k1) OFF(struct k1, x) OFF(struct k1, y) SHOW(struct k2)
    SHOW(byte_int) SHOW(word_uint) SHOW(enum e1) SHOW(enum e2) SHOW(enum e3) SHOW(enum e4)
    SHOW(struct e5) OFF(struct e5, e) OFF(struct e5, f)
    byte_int small = 300;
    word_uint half = 70000;
    enum e2 neg = E2A;
    printf("modes %d %u enum %d\n", small, half, neg < 0);
    struct p1 v1; memset(&v1, 0, sizeof v1); v1.a = 1; v1.b = 0x12345678; v1.c = -2; v1.d = 1L << 40; DUMP(v1)
    struct p9 v9; memset(&v9, 0, sizeof v9); v9.a = 7; v9.b = -3; v9.c = 2; v9.d = 0x54321; DUMP(v9)
    struct p10 v10; memset(&v10, 0, sizeof v10); v10.a = 1; v10.b = 5; v10.c = -9; v10.d = 3; DUMP(v10)
    struct p8 v8; memset(&v8, 0, sizeof v8); v8.a = 1; v8.in.b = 2; v8.in.c = 0x01020304; v8.d = 9; DUMP(v8)
    printf("read %d %d %ld %d %d %d %d\n", v1.b, v1.c, v1.d, v9.b, v9.d, v10.c, v8.in.c);
    return 0;
}
