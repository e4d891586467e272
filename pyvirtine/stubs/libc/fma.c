/* fma and fmaf: x * y + z rounded once. The product of the two 53-bit mantissas is
   formed exactly in 128 bits, z is aligned beside it (what falls off the end kept as a
   sticky bit), and the sum is rounded to nearest, ties to even, at the precision and
   least exponent of the result's type. The guest may run on a CPU without FMA
   instructions (x86-64-v2), so this is all integer arithmetic. */
#include <math.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint64_t hi, lo;
} u128;

static u128 mul64(uint64_t a, uint64_t b)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    u128 r = {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (uint32_t)p00};
    return r;
}

static u128 shl(u128 a, int n)
{
    if (n == 0)
        return a;
    if (n >= 64) {
        u128 r = {a.lo << (n - 64), 0};
        return r;
    }
    u128 r = {a.hi << n | a.lo >> (64 - n), a.lo << n};
    return r;
}

/* a >> n, with every bit shifted out ORed into the lowest bit. */
static u128 shr_sticky(u128 a, int n)
{
    u128 r;
    uint64_t lost;
    if (n == 0)
        return a;
    if (n >= 128) {
        r.hi = 0;
        r.lo = (a.hi | a.lo) != 0;
        return r;
    }
    if (n >= 64) {
        lost = a.lo | (n > 64 ? a.hi << (128 - n) : 0);
        r.lo = n == 64 ? a.hi : a.hi >> (n - 64);
        r.hi = 0;
    } else {
        lost = a.lo << (64 - n);
        r.lo = a.lo >> n | a.hi << (64 - n);
        r.hi = a.hi >> n;
    }
    r.lo |= lost != 0;
    return r;
}

static u128 shr(u128 a, int n) /* 0 < n < 128 */
{
    u128 r;
    if (n >= 64) {
        r.hi = 0;
        r.lo = a.hi >> (n - 64);
    } else {
        r.hi = a.hi >> n;
        r.lo = a.lo >> n | a.hi << (64 - n);
    }
    return r;
}

/* Whether any of a's lowest n bits is set. */
static int low_bits(u128 a, int n)
{
    if (n >= 128)
        return a.hi || a.lo;
    if (n >= 64)
        return a.lo != 0 || (n > 64 && (a.hi << (128 - n)) != 0);
    return n > 0 && (a.lo << (64 - n)) != 0;
}

static int bit(u128 a, int n)
{
    return n >= 128 ? 0 : n >= 64 ? (int)(a.hi >> (n - 64) & 1) : (int)(a.lo >> n & 1);
}

static int less(u128 a, u128 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }

static u128 add(u128 a, u128 b)
{
    u128 r = {a.hi + b.hi, a.lo + b.lo};
    r.hi += r.lo < a.lo;
    return r;
}

static u128 sub(u128 a, u128 b) /* a >= b */
{
    u128 r = {a.hi - b.hi - (a.lo < b.lo), a.lo - b.lo};
    return r;
}

static int top_bit(u128 a) /* a != 0 */
{
    return a.hi ? 127 - __builtin_clzll(a.hi) : 63 - __builtin_clzll(a.lo);
}

/* A finite nonzero x as m * 2^e with m a 53-bit integer whose top bit is set. */
static uint64_t split(double x, int *e)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    int biased = (int)(b >> 52 & 0x7ff);
    uint64_t m = b & 0x000fffffffffffffULL;
    if (biased) {
        m |= 1ULL << 52;
    } else { /* subnormal: normalise */
        biased = 1;
        while (!(m >> 52)) {
            m <<= 1;
            biased--;
        }
    }
    *e = biased - 1075;
    return m;
}

/* x * y + z rounded to `bits` of precision, with no result bit below 2^least (the
   smallest subnormal). x, y, z finite; x and y nonzero. */
static double fused(double x, double y, double z, int bits, int least)
{
    int ex, ey, ez, negative = signbit(x) != signbit(y);
    /* the product's top bit (104 or 105) to bit 124 or 125, z's (52) to 124: both then
       have at least 20 zero bits below, so aligning loses nothing unless one is so much
       smaller that its bits only count as sticky */
    u128 r = shl(mul64(split(x, &ex), split(y, &ey)), 20);
    int e = ex + ey - 20;
    if (z != 0) {
        u128 q = {0, split(z, &ez)};
        q = shl(q, 72);
        ez -= 72;
        if (e >= ez) {
            q = shr_sticky(q, e - ez > 130 ? 130 : e - ez);
        } else {
            r = shr_sticky(r, ez - e > 130 ? 130 : ez - e);
            e = ez;
        }
        if (negative == (signbit(z) != 0)) {
            r = add(r, q);
        } else if (less(r, q)) {
            r = sub(q, r);
            negative = !negative;
        } else {
            r = sub(r, q);
            if (!r.hi && !r.lo)
                return 0.0; /* an exact zero is +0, rounding to nearest */
        }
    }
    /* the value is r * 2^e: keep `bits` bits, fewer where they would go below 2^least */
    int drop = top_bit(r) + 1 - bits;
    if (e + drop < least)
        drop = least - e;
    uint64_t m;
    if (drop <= 0) {
        m = r.lo << -drop; /* r is short: exact */
    } else {
        m = drop < 128 ? shr(r, drop).lo : 0;
        if (bit(r, drop - 1) && (low_bits(r, drop - 1) || (m & 1)))
            m++; /* to 2^bits at most: still exact in a double */
    }
    double result = ldexp((double)m, e + drop);
    return negative ? -result : result;
}

double fma(double x, double y, double z)
{
    if (!isfinite(x) || !isfinite(y) || x == 0 || y == 0)
        return x * y + z; /* an exact product: a zero, or infinities and NaNs decide */
    if (!isfinite(z))
        return z; /* (x * y might overflow where the exact product does not) */
    return fused(x, y, z, 53, -1074);
}

float fmaf(float x, float y, float z)
{
    if (!isfinite(x) || !isfinite(y) || x == 0 || y == 0)
        return x * y + z;
    if (!isfinite(z))
        return z;
    return (float)fused(x, y, z, 24, -149); /* already rounded to float: the cast is exact */
}
