/* Aggregate shapes covering every SysV x86-64 classification, shared by the
   gcc-compiled side and the pyvirtine-compiled side of the interop test. */
#include <stdio.h>
#include <string.h>
#include <stdarg.h>

typedef struct { char a; } s_c;
typedef struct { short a, b, c; } s_s3;
typedef struct { char a; int b; } s_ci;
typedef struct { int a, b, c; } s_i3;
typedef struct { long a, b; } s_l2;
typedef struct { double a; } s_d;
typedef struct { double a, b; } s_d2;
typedef struct { float a; } s_f;
typedef struct { float a, b, c; } s_f3;
typedef struct { float a; int b; } s_fi;
typedef struct { int a; float b; } s_if;
typedef struct { double a; long b; } s_dl;
typedef struct { long a; double b; } s_ld;
typedef struct { float a; double b; } s_fd;
typedef struct { long a, b, c; } s_big;
typedef struct { char a[13]; } s_carr;
typedef struct { unsigned a : 3; int b : 7; unsigned c : 20; long d : 33; } s_bf;
typedef struct { struct { short x; float y; } in; char z; } s_nest;
typedef union { int i; float f; double d; } u_mix;
typedef struct { double a[2]; float b; } s_mem;
typedef struct { long double a; } s_ld1;
typedef struct { long double a; int b; } s_ld2;
typedef union { long double a; int b; } u_ld;
#pragma pack(push, 1)
typedef struct { char a; int b; short c; } s_pk;
typedef struct { char a; long b : 40; int c : 20; } s_pkbf;
typedef struct { char a; double b; } s_pkd;
#pragma pack(pop)
#pragma pack(2)
typedef struct { char a; float b; int c; } s_pk2;
#pragma pack()

#define FIELDS_s_c(F) F(a)
#define FIELDS_s_s3(F) F(a) F(b) F(c)
#define FIELDS_s_ci(F) F(a) F(b)
#define FIELDS_s_i3(F) F(a) F(b) F(c)
#define FIELDS_s_l2(F) F(a) F(b)
#define FIELDS_s_d(F) F(a)
#define FIELDS_s_d2(F) F(a) F(b)
#define FIELDS_s_f(F) F(a)
#define FIELDS_s_f3(F) F(a) F(b) F(c)
#define FIELDS_s_fi(F) F(a) F(b)
#define FIELDS_s_if(F) F(a) F(b)
#define FIELDS_s_dl(F) F(a) F(b)
#define FIELDS_s_ld(F) F(a) F(b)
#define FIELDS_s_fd(F) F(a) F(b)
#define FIELDS_s_big(F) F(a) F(b) F(c)
#define FIELDS_s_carr(F) F(a[0]) F(a[6]) F(a[12])
#define FIELDS_s_bf(F) F(a) F(b) F(c) F(d)
#define FIELDS_s_nest(F) F(in.x) F(in.y) F(z)
#define FIELDS_u_mix(F) F(d)
#define FIELDS_s_mem(F) F(a[0]) F(a[1]) F(b)
#define FIELDS_s_ld1(F) F(a)
#define FIELDS_s_ld2(F) F(a) F(b)
#define FIELDS_u_ld(F) F(a)
#define FIELDS_s_pk(F) F(a) F(b) F(c)
#define FIELDS_s_pkbf(F) F(a) F(b) F(c)
#define FIELDS_s_pkd(F) F(a) F(b)
#define FIELDS_s_pk2(F) F(a) F(b) F(c)

#define SHAPES(X) X(s_c) X(s_s3) X(s_ci) X(s_i3) X(s_l2) X(s_d) X(s_d2) X(s_f) X(s_f3) \
    X(s_fi) X(s_if) X(s_dl) X(s_ld) X(s_fd) X(s_big) X(s_carr) X(s_bf) X(s_nest) X(u_mix) X(s_mem) \
    X(s_pk) X(s_pkbf) X(s_pkd) X(s_pk2) X(s_ld1) X(s_ld2) X(u_ld)

#define INIT_FIELD(f) seed = seed * 31 + 7; v.f = seed % 61;
#define SUM_FIELD(f) s = s * 3 + (long)(v.f);
#define HELPERS(T) \
    static T mk_##T(int seed) { T v; memset(&v, 0, sizeof v); FIELDS_##T(INIT_FIELD) return v; } \
    static long sum_##T(T v) { long s = 0; FIELDS_##T(SUM_FIELD) return s; }
SHAPES(HELPERS)

#define DECLARE_SIDE(P, T) \
    T P##make_##T(int seed); \
    long P##sum_##T(T v); \
    long P##mixed_##T(int a, double b, T v, long c, T w, float f); \
    long P##spill_##T(long r1, long r2, long r3, long r4, long r5, double x1, double x2, \
                      double x3, double x4, double x5, double x6, double x7, T v, T w);
#define DECLARE_GCC(T) DECLARE_SIDE(gcc_, T)
#define DECLARE_OUR(T) DECLARE_SIDE(our_, T)
SHAPES(DECLARE_GCC)
SHAPES(DECLARE_OUR)
long gcc_va_sum(int n, ...);
long our_va_sum(int n, ...);
int gcc_check(void);
int our_check(void);

#define DEFINE_SIDE(P, T) \
    T P##make_##T(int seed) { return mk_##T(seed); } \
    long P##sum_##T(T v) { return sum_##T(v); } \
    long P##mixed_##T(int a, double b, T v, long c, T w, float f) { \
        return a + (long)b + sum_##T(v) * 5 + c + sum_##T(w) * 7 + (long)f; } \
    long P##spill_##T(long r1, long r2, long r3, long r4, long r5, double x1, double x2, \
                      double x3, double x4, double x5, double x6, double x7, T v, T w) { \
        return r1 + r2 + r3 + r4 + r5 + (long)(x1 + x2 + x3 + x4 + x5 + x6 + x7) \
               + sum_##T(v) * 11 + sum_##T(w) * 13; }

/* The check of one side calls the other side (Q) and compares with local results. */
#define CHECK_SHAPE(Q, T) { \
        T v = mk_##T(3), w = mk_##T(4), made = Q##make_##T(3); \
        long want_mixed = 1 + 2 + sum_##T(v) * 5 + 9 + sum_##T(w) * 7 + 4; \
        long want_spill = 15 + 28 + sum_##T(v) * 11 + sum_##T(w) * 13; \
        if (sum_##T(made) != sum_##T(v)) { printf("make_" #T " differs\n"); bad++; } \
        if (Q##sum_##T(v) != sum_##T(v)) { printf("sum_" #T " differs\n"); bad++; } \
        if (Q##mixed_##T(1, 2.0, v, 9, w, 4.5f) != want_mixed) { printf("mixed_" #T " differs\n"); bad++; } \
        if (Q##spill_##T(1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6, 7, v, w) != want_spill) { \
            printf("spill_" #T " differs\n"); bad++; } \
    }

#define DEFINE_VA_SUM(P) \
    long P##va_sum(int n, ...) { \
        va_list ap; long s = 0; va_start(ap, n); \
        for (int i = 0; i < n; i++) { \
            switch (i % 6) { \
            case 0: s += va_arg(ap, int); break; \
            case 1: s += (long)(va_arg(ap, double) * 2); break; \
            case 2: s += sum_s_dl(va_arg(ap, s_dl)); break; \
            case 3: s += sum_s_big(va_arg(ap, s_big)); break; \
            case 4: s += sum_s_fi(va_arg(ap, s_fi)); break; \
            default: s += (long)(va_arg(ap, long double) * 4); break; \
            } \
        } \
        va_end(ap); return s; }

#define CHECK_VA(Q) { \
        s_dl dl = mk_s_dl(5); s_big big = mk_s_big(6); s_fi fi = mk_s_fi(7); \
        long want = 2 * (1 + 5 + sum_s_dl(dl) + sum_s_big(big) + sum_s_fi(fi) + 7); \
        long got = Q##va_sum(12, 1, 2.5, dl, big, fi, 1.75L, 1, 2.5, dl, big, fi, 1.75L); \
        if (got != want) { printf("va_sum differs: %ld != %ld\n", got, want); bad++; } \
    }
