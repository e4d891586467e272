/* Complex types (and structs holding them) for the complex side of the interop
   test: float _Complex is one SSE eightbyte, double _Complex two, long double
   _Complex goes in memory as an argument and comes back in st0/st1. */
#include <stdarg.h>
#include <stdio.h>

struct cf2 { float _Complex a, b; };
struct cd1 { double _Complex a; };
struct cfl { float _Complex a; long b; };
struct cl1 { long double _Complex a; };

typedef float _Complex c_f;
typedef double _Complex c_d;
typedef long double _Complex c_l;
typedef struct cf2 s_cf2;
typedef struct cd1 s_cd1;
typedef struct cfl s_cfl;
typedef struct cl1 s_cl1;

#define CSHAPES(X) X(c_f) X(c_d) X(c_l) X(s_cf2) X(s_cd1) X(s_cfl) X(s_cl1)

/* A value from a seed, and a number that tells its two parts apart. */
static double _Complex seeded(int seed) { return (seed % 17) + 0.5 + (seed % 13 - 6.25) * 1.0i; }
static double key(double _Complex z) { return __real__ z * 3 + __imag__ z * 7; }

static c_f mk_c_f(int s) { return seeded(s); }
static c_d mk_c_d(int s) { return seeded(s); }
static c_l mk_c_l(int s) { return seeded(s); }
static s_cf2 mk_s_cf2(int s) { s_cf2 v = {seeded(s), seeded(s * 5 + 1)}; return v; }
static s_cd1 mk_s_cd1(int s) { s_cd1 v = {seeded(s)}; return v; }
static s_cfl mk_s_cfl(int s) { s_cfl v = {seeded(s), s * 3 + 1}; return v; }
static s_cl1 mk_s_cl1(int s) { s_cl1 v = {seeded(s)}; return v; }
static double key_c_f(c_f v) { return key(v); }
static double key_c_d(c_d v) { return key(v); }
static double key_c_l(c_l v) { return key(v); }
static double key_s_cf2(s_cf2 v) { return key(v.a) + key(v.b) * 11; }
static double key_s_cd1(s_cd1 v) { return key(v.a); }
static double key_s_cfl(s_cfl v) { return key(v.a) + v.b * 11; }
static double key_s_cl1(s_cl1 v) { return key(v.a); }

#define DECLARE_CSIDE(P, T) \
    T P##cmake_##T(int seed); \
    double P##ckey_##T(T v); \
    double P##cmixed_##T(int a, double b, T v, long c, T w, float f); \
    double P##cspill_##T(double x1, double x2, double x3, double x4, double x5, double x6, \
                         double x7, T v, T w);
#define DECLARE_CGCC(T) DECLARE_CSIDE(gcc_, T)
#define DECLARE_COUR(T) DECLARE_CSIDE(our_, T)
CSHAPES(DECLARE_CGCC)
CSHAPES(DECLARE_COUR)
double _Complex gcc_arith(double _Complex a, float _Complex b, long double _Complex c);
double _Complex our_arith(double _Complex a, float _Complex b, long double _Complex c);
double gcc_cva_sum(int n, ...);
double our_cva_sum(int n, ...);
int gcc_ccheck(void);
int our_ccheck(void);

#define DEFINE_CSIDE(P, T) \
    T P##cmake_##T(int seed) { return mk_##T(seed); } \
    double P##ckey_##T(T v) { return key_##T(v); } \
    double P##cmixed_##T(int a, double b, T v, long c, T w, float f) { \
        return a + b + key_##T(v) * 5 + c + key_##T(w) * 7 + f; } \
    double P##cspill_##T(double x1, double x2, double x3, double x4, double x5, double x6, \
                         double x7, T v, T w) { \
        return x1 + x2 + x3 + x4 + x5 + x6 + x7 + key_##T(v) * 11 + key_##T(w) * 13; }

#define DEFINE_ARITH(P) \
    double _Complex P##arith(double _Complex a, float _Complex b, long double _Complex c) { \
        return a * b - (double _Complex)(c / a) + ~b; }

/* Complex values through ..., after enough of them to use up the registers. */
#define DEFINE_CVA_SUM(P) \
    double P##cva_sum(int n, ...) { \
        va_list ap; double s = 0; va_start(ap, n); \
        for (int i = 0; i < n; i++) { \
            switch (i % 3) { \
            case 0: s += key(va_arg(ap, float _Complex)) * (i + 1); break; \
            case 1: s += key(va_arg(ap, double _Complex)) * (i + 1); break; \
            default: s += key(va_arg(ap, long double _Complex)) * (i + 1); break; \
            } \
        } \
        va_end(ap); return s; }
#define CHECK_CVA(Q) { \
        float _Complex f = seeded(1); double _Complex d = seeded(2); \
        long double _Complex l = seeded(3); \
        double want = 0; \
        for (int i = 0; i < 12; i++) want += key(i % 3 == 0 ? f : i % 3 == 1 ? d : l) * (i + 1); \
        double got = Q##cva_sum(12, f, d, l, f, d, l, f, d, l, f, d, l); \
        if (got != want) { printf("cva_sum differs: %g != %g\n", got, want); bad++; } \
    }

/* The check of one side calls the other side (Q) and compares with local results. */
#define CHECK_CSHAPE(Q, T) { \
        T v = mk_##T(3), w = mk_##T(4); \
        if (key_##T(Q##cmake_##T(3)) != key_##T(v)) { printf("cmake_" #T " differs\n"); bad++; } \
        if (Q##ckey_##T(v) != key_##T(v)) { printf("ckey_" #T " differs\n"); bad++; } \
        if (Q##cmixed_##T(1, 2.0, v, 9, w, 4.5f) != 1 + 2.0 + key_##T(v) * 5 + 9 + key_##T(w) * 7 + 4.5) { \
            printf("cmixed_" #T " differs\n"); bad++; } \
        if (Q##cspill_##T(1, 2, 3, 4, 5, 6, 7, v, w) != 28 + key_##T(v) * 11 + key_##T(w) * 13) { \
            printf("cspill_" #T " differs\n"); bad++; } \
    }
#define CHECK_ARITH(Q) { \
        double _Complex a = seeded(5); float _Complex b = seeded(8); long double _Complex c = seeded(9); \
        double _Complex got = Q##arith(a, b, c), want = a * b - (double _Complex)(c / a) + ~b; \
        if (got != want) { printf("arith differs: %g%+gi, %g%+gi\n", __real__ got, __imag__ got, \
                                  __real__ want, __imag__ want); bad++; } \
    }
