/* strtod: correctly rounded. A double-precision estimate is corrected ulp by
   ulp by comparing the exact decimal value with the halfway points around the
   candidate, in big-integer arithmetic. */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "bigint.h"

/* Beyond 780 significant digits only "is anything nonzero left" matters: no
   halfway point between doubles needs more than 767 digits to tell apart. */
#define MAX_SIG_DIGITS 780
#define HIDDEN ((uint64_t)1 << 52)
#define MIN_EXP (-1074) /* exponent of the subnormal ulp */
#define MAX_EXP 971     /* exponent of DBL_MAX's 53-bit mantissa */

static double make_double(int negative, uint64_t m, int e)
{
    uint64_t bits;
    double d;
    if (m >= HIDDEN)
        bits = (m - HIDDEN) | ((uint64_t)(e + 1075) << 52);
    else
        bits = m; /* subnormal or zero: e == MIN_EXP */
    bits |= (uint64_t)negative << 63;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static double infinity(int negative)
{
    return make_double(negative, HIDDEN, MAX_EXP + 1);
}

static int matches(const char *s, const char *word)
{
    for (; *word; s++, word++)
        if (tolower((unsigned char)*s) != *word)
            return 0;
    return 1;
}

/* The exact value D * 10^E against k * 2^f. */
static int compare_scaled(const struct big *d_pow5, int e10, const struct big *pow5, uint64_t k,
                          int f)
{
    static struct big left, right, kbig;
    __big_set(&kbig, k);
    left = *d_pow5;
    if (e10 < 0)
        __big_mul(&right, &kbig, pow5);
    else
        right = kbig;
    if (e10 > f)
        __big_shift_left(&left, e10 - f);
    else
        __big_shift_left(&right, f - e10);
    return __big_compare(&left, &right);
}

static const double exact_pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* A value within a few ulps of u * 10^e10, without spurious over/underflow. */
static double estimate(uint64_t u, int e10)
{
    double v = (double)u;
    if (e10 < -300) {
        v *= 1e-300;
        e10 += 300;
    }
    for (; e10 > 22; e10 -= 22)
        v *= 1e22;
    for (; e10 < -22; e10 += 22)
        v /= 1e22;
    return e10 >= 0 ? v * exact_pow10[e10] : v / exact_pow10[-e10];
}

/* Rounds digits[0..n) * 10^e10 (digits as values 0-9, no leading zero). */
static double decimal_to_double(int negative, const unsigned char *digits, int n, int e10)
{
    static struct big d_pow5, pow5;
    uint64_t u = 0, m;
    int used = n < 19 ? n : 19, i, e, c;
    double guess;
    for (i = 0; i < used; i++)
        u = u * 10 + digits[i];
    if (n == used && u < ((uint64_t)1 << 53) && e10 >= -22 && e10 <= 22) {
        /* Both operands exact, so IEEE division/multiplication rounds once. */
        guess = e10 >= 0 ? (double)u * exact_pow10[e10] : (double)u / exact_pow10[-e10];
        return negative ? -guess : guess;
    }
    if (n + e10 > 310) {
        errno = ERANGE;
        return infinity(negative);
    }
    if (n + e10 < -324) {
        errno = ERANGE;
        return make_double(negative, 0, MIN_EXP);
    }
    __big_set(&d_pow5, 0);
    for (i = 0; i < n; i++)
        __big_mul_add_small(&d_pow5, 10, digits[i]);
    __big_set(&pow5, 1);
    if (e10 >= 0)
        __big_mul_pow5(&d_pow5, e10);
    else
        __big_mul_pow5(&pow5, -e10);

    guess = estimate(u, e10 + n - used);
    if (guess == 0) {
        m = 0;
        e = MIN_EXP;
    } else if (guess > 1.7976931348623157e308) {
        m = 2 * HIDDEN - 1;
        e = MAX_EXP;
    } else {
        uint64_t bits;
        memcpy(&bits, &guess, sizeof bits);
        e = (int)(bits >> 52);
        m = bits & (HIDDEN - 1);
        if (e) {
            m |= HIDDEN;
            e -= 1075;
        } else {
            e = MIN_EXP;
        }
    }
    for (;;) {
        /* Above the halfway point to the next double? */
        c = compare_scaled(&d_pow5, e10, &pow5, 2 * m + 1, e - 1);
        if (c > 0 || (c == 0 && (m & 1))) {
            if (++m == 2 * HIDDEN) {
                m = HIDDEN;
                if (++e > MAX_EXP) {
                    errno = ERANGE;
                    return infinity(negative);
                }
            }
            if (c == 0)
                break;
            continue;
        }
        if (m == 0)
            break;
        /* Below the halfway point to the previous double? Under a power of
           two the previous double is half an ulp away. */
        if (m == HIDDEN && e > MIN_EXP)
            c = compare_scaled(&d_pow5, e10, &pow5, 4 * m - 1, e - 2);
        else
            c = compare_scaled(&d_pow5, e10, &pow5, 2 * m - 1, e - 1);
        if (c < 0 || (c == 0 && (m & 1))) {
            if (m == HIDDEN && e > MIN_EXP) {
                m = 2 * HIDDEN - 1;
                e--;
            } else {
                m--;
            }
            if (c == 0)
                break;
            continue;
        }
        break;
    }
    if (m < HIDDEN)
        errno = ERANGE; /* subnormal or zero: precision was lost */
    return make_double(negative, m, e);
}

static int hex_value(int c)
{
    if (isdigit(c))
        return c - '0';
    return tolower(c) - 'a' + 10;
}

/* Hexadecimal floating constant after "0x": 64 bits of mantissa with a
   sticky bit are enough to round to 53. */
static double parse_hex(int negative, const char *p, const char **end)
{
    uint64_t mant = 0, kept, rest, half;
    long e2 = 0;
    int sticky = 0, seen_point = 0, shift, e;
    for (;; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (!isxdigit((unsigned char)*p))
            break;
        if (mant >> 60) {
            sticky |= hex_value((unsigned char)*p) != 0;
            if (!seen_point)
                e2 += 4;
        } else {
            mant = mant * 16 + (uint64_t)hex_value((unsigned char)*p);
            if (seen_point)
                e2 -= 4;
        }
    }
    *end = p;
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
            *end = q;
        }
    }
    if (!mant)
        return make_double(negative, 0, MIN_EXP);
    /* Normalise so value = mant * 2^e2 with bit 63 of mant set. */
    while (!(mant >> 63)) {
        mant <<= 1;
        e2--;
    }
    /* Keep 53 bits: the result's ulp is 2^(e2 + 11), or the subnormal ulp. */
    shift = 11;
    if (e2 + shift < MIN_EXP) {
        if (MIN_EXP - e2 > 64) {
            /* Below half the smallest subnormal. */
            errno = ERANGE;
            return make_double(negative, 0, MIN_EXP);
        }
        shift = (int)(MIN_EXP - e2);
    }
    if (e2 + shift > MAX_EXP) {
        errno = ERANGE;
        return infinity(negative);
    }
    kept = shift == 64 ? 0 : mant >> shift;
    rest = shift == 64 ? mant : mant & (((uint64_t)1 << shift) - 1);
    half = (uint64_t)1 << (shift - 1);
    e = (int)(e2 + shift);
    if (rest > half || (rest == half && (sticky || (kept & 1))))
        kept++;
    if (kept == 2 * HIDDEN) {
        kept = HIDDEN;
        if (++e > MAX_EXP) {
            errno = ERANGE;
            return infinity(negative);
        }
    }
    if (kept < HIDDEN) {
        e = MIN_EXP;
        if (rest || sticky)
            errno = ERANGE;
    }
    return make_double(negative, kept, e);
}

double strtod(const char *s, char **endptr)
{
    static unsigned char digits[MAX_SIG_DIGITS + 1];
    const char *p = s, *end = s;
    int negative = 0, n = 0, any = 0, sticky = 0;
    long e10 = 0, exp_value = 0;
    double result = 0;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    if (matches(p, "inf")) {
        end = p + (matches(p, "infinity") ? 8 : 3);
        result = infinity(negative);
    } else if (matches(p, "nan")) {
        end = p + 3;
        if (*end == '(') {
            const char *q = end + 1;
            while (isalnum((unsigned char)*q) || *q == '_')
                q++;
            if (*q == ')')
                end = q + 1;
        }
        {
            uint64_t bits = ((uint64_t)negative << 63) | 0x7ff8000000000000ULL;
            memcpy(&result, &bits, sizeof result);
        }
    } else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
               (isxdigit((unsigned char)p[2]) ||
                (p[2] == '.' && isxdigit((unsigned char)p[3])))) {
        result = parse_hex(negative, p + 2, &end);
    } else {
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
            } else if (n < MAX_SIG_DIGITS) {
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
            result = n ? decimal_to_double(negative, digits, n, (int)e10)
                       : make_double(negative, 0, MIN_EXP);
        }
    }
    if (endptr)
        *endptr = (char *)end;
    return result;
}

double atof(const char *s)
{
    return strtod(s, NULL);
}

float strtof(const char *s, char **end)
{
    return (float)strtod(s, end);
}

long double strtold(const char *s, char **end)
{
    return strtod(s, end);
}
