/* strtof, strtod and strtold: correctly rounded, by one algorithm over the
   three formats. The decimal value D * 10^E is made exact in big integers
   (D * 5^E, or D / 5^-E to a few bits past the mantissa with the remainder
   as a sticky bit) and rounded half to even once. */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "bigint.h"

struct float_format {
    int mant_bits;  /* significand bits, the leading one included */
    int min_exp;    /* exponent of the subnormal ulp */
    int max_exp;    /* exponent of the largest finite value's last mantissa bit */
    int max_digits; /* significant digits that can matter: the longest halfway
                       point between two values, plus a margin; beyond them only
                       "is anything nonzero left" counts */
    int max10;      /* 0.DIGITS * 10^X with X above this overflows */
    int min10;      /* ... and with X below this is under half the smallest subnormal */
};

#define MOST_DIGITS 11530 /* long double's max_digits, the largest */
static const struct float_format float_format = {24, -149, 104, 120, 40, -46};
static const struct float_format double_format = {53, -1074, 971, 780, 310, -324};
static const struct float_format long_double_format = {64, -16445, 16320, MOST_DIGITS, 4934,
                                                       -4951};

/* Far past any format's range, so clamping there keeps the result (0 or inf)
   and keeps exponent arithmetic within int. */
#define EXP_CLAMP 200000

/* A parsed value m * 2^e with m of at most mant_bits bits; e == max_exp + 1 is
   infinity (m the leading bit alone) or NaN (m with the quiet bit too). */
struct parsed {
    int negative;
    uint64_t m;
    int e;
};

static uint64_t leading_bit(const struct float_format *f)
{
    return (uint64_t)1 << (f->mant_bits - 1);
}

static void set_infinity(const struct float_format *f, struct parsed *r)
{
    r->m = leading_bit(f);
    r->e = f->max_exp + 1;
}

static void set_zero(const struct float_format *f, struct parsed *r)
{
    r->m = 0;
    r->e = f->min_exp;
}

static int matches(const char *s, const char *word)
{
    for (; *word; s++, word++)
        if (tolower((unsigned char)*s) != *word)
            return 0;
    return 1;
}

/* Rounds n * 2^e2, plus a tail below n's last bit when sticky, to the format;
   ERANGE on overflow and on inexact tiny results. Callers leave at least
   three bits below the mantissa whenever sticky is set. */
static void round_to(const struct float_format *f, const struct big *n, long e2, int sticky,
                     struct parsed *r)
{
    int len = __big_bit_length(n), e, shift, i, inexact = 0, tiny = 0;
    uint64_t m = 0;
    if (e2 > EXP_CLAMP)
        e2 = EXP_CLAMP;
    if (e2 < -EXP_CLAMP)
        e2 = -EXP_CLAMP;
    e = len + (int)e2 - f->mant_bits;
    if (e < f->min_exp)
        e = f->min_exp;
    shift = e - (int)e2;
    if (shift <= 0) {
        for (i = len - 1; i >= 0; i--)
            m = m << 1 | (uint64_t)__big_bit(n, i);
        m <<= -shift;
    } else {
        int half = __big_bit(n, shift - 1);
        int rest = sticky || !__big_low_bits_zero(n, shift - 1);
        for (i = len - 1; i >= shift; i--)
            m = m << 1 | (uint64_t)__big_bit(n, i);
        inexact = half || rest;
        /* Tininess is judged after rounding to the full mantissa with an
           unbounded exponent (as x86 and glibc do): a value that rounds up
           to the smallest normal was tiny unless within a quarter ulp of it. */
        tiny = m + 1 == leading_bit(f) && !__big_bit(n, shift - 2);
        if (half && (rest || (m & 1))) {
            m++;
            if (f->mant_bits == 64 ? m == 0 : m >> f->mant_bits) {
                m = leading_bit(f);
                e++;
            }
        }
    }
    if (e > f->max_exp) {
        errno = ERANGE;
        set_infinity(f, r);
        return;
    }
    if (inexact && (m < leading_bit(f) || tiny))
        errno = ERANGE; /* precision was lost to the subnormal range */
    r->m = m;
    r->e = e;
}

/* D / 5^k * 2^-k: D is shifted left until the quotient has a few bits past
   the mantissa, then divided by 5^k in small steps (floor(floor(a/b)/c) is
   floor(a/(bc)), and the remainder is zero only when every step's is). */
static void round_quotient(const struct float_format *f, struct big *d, int k,
                           struct parsed *r)
{
    /* 2^(k * 2322 / 1000 + 1) exceeds 5^k, so the quotient keeps mant_bits + 4 bits. */
    int s = f->mant_bits + 4 + k * 2322 / 1000 + 1 - __big_bit_length(d);
    if (s < 0)
        s = 0;
    __big_shift_left(d, s);
    round_to(f, d, -(long)s - k, __big_divide_pow5(d, k), r);
}

static const double exact_pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* For double, u * 10^e10 with u < 2^53 and |e10| <= 22 is one IEEE operation on
   exact operands, so rounds once: the common short input needs no big numbers. */
static int double_fast_path(const struct float_format *f, const unsigned char *digits, int n,
                            int e10, struct parsed *r)
{
    uint64_t u = 0, bits;
    double v;
    int i;
    if (f != &double_format || n > 16 || e10 < -22 || e10 > 22)
        return 0;
    for (i = 0; i < n; i++)
        u = u * 10 + digits[i];
    if (u >= (uint64_t)1 << 53)
        return 0;
    v = e10 >= 0 ? (double)u * exact_pow10[e10] : (double)u / exact_pow10[-e10];
    memcpy(&bits, &v, sizeof bits);
    r->m = (bits & (leading_bit(f) - 1)) | leading_bit(f); /* v >= 1e-22: normal */
    r->e = (int)(bits >> 52) - 1075;
    return 1;
}

/* Rounds digits[0..n) * 10^e10 (digits as values 0-9, no leading zero). */
static void round_decimal(const struct float_format *f, const unsigned char *digits, int n,
                          long e10, struct parsed *r)
{
    static struct big d;
    int i;
    if (n + e10 > f->max10) {
        errno = ERANGE;
        set_infinity(f, r);
        return;
    }
    if (n + e10 < f->min10) {
        errno = ERANGE;
        set_zero(f, r);
        return;
    }
    if (double_fast_path(f, digits, n, (int)e10, r))
        return;
    __big_set(&d, 0);
    for (i = 0; i < n; i++)
        __big_mul_add_small(&d, 10, digits[i]);
    if (e10 >= 0) {
        __big_mul_pow5(&d, (int)e10);
        round_to(f, &d, e10, 0, r);
    } else {
        round_quotient(f, &d, (int)-e10, r);
    }
}

static int hex_value(int c)
{
    if (isdigit(c))
        return c - '0';
    return tolower(c) - 'a' + 10;
}

/* Significant hex digits kept: 93 bits or more, past every mantissa plus the
   rounding bits; later nonzero digits only set the sticky bit. */
#define HEX_DIGITS 24

/* Hexadecimal floating constant after "0x". */
static const char *parse_hex(const struct float_format *f, const char *p, struct parsed *r)
{
    static struct big mant;
    const char *end;
    long e2 = 0;
    int sticky = 0, seen_point = 0, kept = 0;
    __big_set(&mant, 0);
    for (;; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (!isxdigit((unsigned char)*p))
            break;
        if (kept >= HEX_DIGITS) {
            sticky |= hex_value((unsigned char)*p) != 0;
            if (!seen_point)
                e2 += 4;
        } else {
            __big_mul_add_small(&mant, 16, (uint32_t)hex_value((unsigned char)*p));
            kept += mant.len != 0;
            if (seen_point)
                e2 -= 4;
        }
    }
    end = p;
    if (*p == 'p' || *p == 'P') {
        const char *q = p + 1;
        int eneg = 0;
        long ev = 0;
        if (*q == '+' || *q == '-')
            eneg = *q++ == '-';
        if (isdigit((unsigned char)*q)) {
            while (isdigit((unsigned char)*q)) {
                if (ev < 100000)
                    ev = ev * 10 + (*q - '0');
                q++;
            }
            e2 += eneg ? -ev : ev;
            end = q;
        }
    }
    if (!mant.len)
        set_zero(f, r);
    else
        round_to(f, &mant, e2, sticky, r);
    return end;
}

/* Parses a strtod number into *r in format f; returns where it ends (s when
   there is no number). */
static const char *parse(const char *s, const struct float_format *f, struct parsed *r)
{
    static unsigned char digits[MOST_DIGITS + 1];
    const char *p = s, *end = s;
    int n = 0, any = 0, sticky = 0;
    long e10 = 0, exp_value = 0;
    set_zero(f, r);
    r->negative = 0;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        r->negative = *p++ == '-';
    if (matches(p, "inf")) {
        set_infinity(f, r);
        return p + (matches(p, "infinity") ? 8 : 3);
    }
    if (matches(p, "nan")) {
        uint64_t payload = 0;
        end = p + 3;
        if (*end == '(') {
            const char *q = end + 1;
            while (isalnum((unsigned char)*q) || *q == '_')
                q++;
            if (*q == ')') {
                /* A number there (as strtoull reads it) is the payload, as in glibc. */
                char *number_end;
                uint64_t v = strtoull(end + 1, &number_end, 0);
                if (number_end == q)
                    payload = v;
                end = q + 1;
            }
        }
        set_infinity(f, r);
        r->m |= r->m >> 1; /* the quiet bit */
        r->m |= payload & ((r->m >> 1) - 1);
        return end;
    }
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
        (isxdigit((unsigned char)p[2]) || (p[2] == '.' && isxdigit((unsigned char)p[3]))))
        return parse_hex(f, p + 2, r);
    {
        int seen_point = 0;
        for (;; p++) {
            if (*p == '.' && !seen_point) {
                seen_point = 1;
                continue;
            }
            if (!isdigit((unsigned char)*p))
                break;
            any = 1;
            if (n == 0 && *p == '0') {
                if (seen_point)
                    e10--;
            } else if (n < f->max_digits) {
                digits[n++] = (unsigned char)(*p - '0');
                if (seen_point)
                    e10--;
            } else {
                sticky |= *p != '0';
                if (!seen_point)
                    e10++;
            }
        }
        if (any) {
            end = p;
            if (*p == 'e' || *p == 'E') {
                const char *q = p + 1;
                int eneg = 0;
                if (*q == '+' || *q == '-')
                    eneg = *q++ == '-';
                if (isdigit((unsigned char)*q)) {
                    while (isdigit((unsigned char)*q)) {
                        if (exp_value < 100000)
                            exp_value = exp_value * 10 + (*q - '0');
                        q++;
                    }
                    e10 += eneg ? -exp_value : exp_value;
                    end = q;
                }
            }
            if (sticky) {
                /* Stands for the nonzero digits dropped past the limit. */
                digits[n++] = 1;
                e10--;
            }
            while (n > 0 && digits[n - 1] == 0) {
                n--;
                e10++;
            }
            if (n)
                round_decimal(f, digits, n, e10, r);
        } else {
            r->negative = 0; /* no number: a plain zero */
        }
    }
    return end;
}

/* The parsed value's biased exponent field: 0 for subnormals and zero. */
static uint64_t exponent_field(const struct float_format *f, const struct parsed *r)
{
    return r->m >= leading_bit(f) ? (uint64_t)(r->e - f->min_exp + 1) : 0;
}

double strtod(const char *s, char **endptr)
{
    struct parsed r;
    const char *end = parse(s, &double_format, &r);
    uint64_t bits = (r.m & (leading_bit(&double_format) - 1)) |
                    exponent_field(&double_format, &r) << 52 | (uint64_t)r.negative << 63;
    double d;
    memcpy(&d, &bits, sizeof d);
    if (endptr)
        *endptr = (char *)end;
    return d;
}

double atof(const char *s)
{
    return strtod(s, NULL);
}

float strtof(const char *s, char **endptr)
{
    struct parsed r;
    const char *end = parse(s, &float_format, &r);
    uint32_t bits = (uint32_t)((r.m & (leading_bit(&float_format) - 1)) |
                               exponent_field(&float_format, &r) << 23) |
                    (uint32_t)r.negative << 31;
    float v;
    memcpy(&v, &bits, sizeof v);
    if (endptr)
        *endptr = (char *)end;
    return v;
}

/* x87 extended: the 64-bit significand with its leading bit explicit, then
   15 bits of exponent and the sign. */
long double strtold(const char *s, char **endptr)
{
    struct parsed r;
    const char *end = parse(s, &long_double_format, &r);
    uint16_t top = (uint16_t)(exponent_field(&long_double_format, &r) | (uint64_t)r.negative << 15);
    unsigned char bytes[sizeof(long double)];
    long double v;
    memset(bytes, 0, sizeof bytes);
    memcpy(bytes, &r.m, 8);
    memcpy(bytes + 8, &top, 2);
    memcpy(&v, bytes, sizeof v);
    if (endptr)
        *endptr = (char *)end;
    return v;
}
