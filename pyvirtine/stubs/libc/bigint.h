/* Unsigned big integers for exact decimal <-> binary conversion (printf's
   float digits, strtod's rounding). Internal to libc. */
#ifndef _LIBC_BIGINT_H
#define _LIBC_BIGINT_H

#include <stdint.h>

/* Enough for strtold's largest division, a dividend of about 38,400 bits
   (5^16500 with 70 bits to spare), and for printf's exact expansion of the
   smallest long double, m * 5^16445. Every operation touches only the limbs
   in use (none copies a whole struct), so the size costs doubles nothing. */
#define BIG_LIMBS 1240

struct big {
    int len; /* limbs in use; 0 means zero */
    uint32_t limb[BIG_LIMBS]; /* little-endian base 2^32 */
};

void __big_set(struct big *b, uint64_t value);
void __big_mul_add_small(struct big *b, uint32_t factor, uint32_t addend);
void __big_mul_pow5(struct big *b, int exponent);
int __big_divide_pow5(struct big *b, int exponent); /* floor(b / 5^e); 1 if inexact */
void __big_mul(struct big *out, const struct big *a, const struct big *b);
void __big_shift_left(struct big *b, int bits);
int __big_bit_length(const struct big *b);
int __big_bit(const struct big *b, int pos);
int __big_low_bits_zero(const struct big *b, int bits); /* bits [0, bits) all clear */
int __big_compare(const struct big *a, const struct big *b);
uint32_t __big_divide_small(struct big *b, uint32_t divisor);

#endif
