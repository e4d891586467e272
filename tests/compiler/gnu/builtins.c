/* gcc's builtins: checked arithmetic over edge values, bit operations, byte swaps,
   compile-time queries, floating-point classification. */
#include <stdio.h>
#include <limits.h>
#include <stddef.h>

struct s { char c; int x[4]; };
enum { SHIFT = __builtin_ctz(64), IS_CONST = __builtin_constant_p(3 * 4) };
static int folded[__builtin_popcount(0xff)];

#define CHECK(op, T, a, b) do { T r = 0; int o = __builtin_##op##_overflow(a, b, &r); \
    printf("%s(%s) %d %lld; ", #op, #T, o, (long long)r); } while (0)

int main(void) {
    long long vals[] = { 0, 1, -1, 2, 127, 128, -128, 255, 32767, -32768, INT_MAX, INT_MIN,
                         (long long)UINT_MAX, LLONG_MAX, LLONG_MIN, 1LL << 32, -(1LL << 31) - 1 };
    int n = sizeof vals / sizeof *vals;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            long long a = vals[i], b = vals[j];
            CHECK(add, int, a, b); CHECK(sub, int, a, b); CHECK(mul, int, a, b);
            CHECK(add, unsigned, a, b); CHECK(mul, unsigned char, a, b); CHECK(sub, short, a, b);
            CHECK(mul, long long, a, b); CHECK(add, unsigned long long, a, b);
            CHECK(mul, unsigned long long, (unsigned long long)a, b);
            CHECK(sub, long long, a, (unsigned long long)b);
            printf("\n");
        }
    }
    int r;
    long lr;
    unsigned long long ur;
    int sadd = __builtin_sadd_overflow(INT_MAX, 1, &r);
    int smull = __builtin_smull_overflow(1L << 40, 1L << 30, &lr);
    int umulll = __builtin_umulll_overflow(1ULL << 40, 1ULL << 24, &ur);
    printf("typed %d %d %d %ld %d %llu %d %d\n", sadd, r, smull, lr, umulll, ur,
           __builtin_add_overflow_p(100, 100, (signed char)0), __builtin_mul_overflow_p(10, 10, (signed char)0));
    unsigned tests[] = { 1, 2, 0x80000000u, 0xf0, 0x12345678, 0xffffffff };
    for (int i = 0; i < 6; i++) {
        unsigned x = tests[i];
        printf("bits %d %d %d %d %d %d %d %d\n", __builtin_clz(x), __builtin_ctz(x),
               __builtin_popcount(x), __builtin_parity(x), __builtin_ffs((int)x),
               __builtin_clrsb((int)x), __builtin_clzll((unsigned long long)x << 3),
               __builtin_popcountl((unsigned long)x * 3));
    }
    printf("ffs0 %d clrsb0 %d clrsb-1 %d\n", __builtin_ffs(0), __builtin_clrsb(0), __builtin_clrsb(-1));
    printf("bswap %x %x %llx\n", __builtin_bswap16(0x1234), __builtin_bswap32(0x12345678),
           (unsigned long long)__builtin_bswap64(0x0102030405060708ULL));
    int v = 5;
    printf("queries %d %d %d %d %zu %d %d\n", SHIFT, IS_CONST,
           __builtin_types_compatible_p(int, signed), __builtin_types_compatible_p(long, long long),
           __builtin_offsetof(struct s, x[2]), (int)sizeof folded,
           __builtin_types_compatible_p(typeof(v), int));
    printf("choose %d %zu\n", __builtin_choose_expr(1, 10, (void)0),
           sizeof(__builtin_choose_expr(0, (char)1, 1.0)));
    if (__builtin_expect(v == 5, 1)) printf("expected\n");
    double inf = __builtin_inf(), nan = __builtin_nan("");
    printf("float %d %d %d %d %d %d %g %g %d %d\n", __builtin_isnan(nan), __builtin_isinf(inf),
           __builtin_isinf(-inf), __builtin_isfinite(1.0), __builtin_isfinite(inf),
           __builtin_signbit(-0.0), __builtin_fabs(-2.5), __builtin_copysign(3.0, -1.0),
           __builtin_isgreater(nan, 1.0), __builtin_isless(1.0, 2.0));
    char dst[8];
    __builtin_memset(dst, 'a', 7);
    dst[7] = 0;
    __builtin_memcpy(dst + 1, "xy", 2);
    printf("mem %s %d %zu\n", dst, __builtin_memcmp(dst, "axy", 3), __builtin_strlen(dst));
    int *aligned = __builtin_assume_aligned(&v, 4);
    __builtin_prefetch(aligned);
    printf("assumed %d %d\n", *aligned, __builtin_object_size(dst, 0) == (size_t)-1 || __builtin_object_size(dst, 0) == 8);
    if (v != 5) __builtin_unreachable();
    return 0;
}
