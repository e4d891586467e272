/* Unsigned big integers for exact decimal <-> binary conversion (printf's
   float digits, strtod's rounding). Internal to libc. */
#ifndef _LIBC_BIGINT_H
#define _LIBC_BIGINT_H

#include <stdint.h>

/* Enough for strtod's largest comparison: 780 decimal digits times 5^1110
   shifted by 2100 bits, about 4700 bits. */
#define BIG_LIMBS 200

struct big {
    int len; /* limbs in use; 0 means zero */
    uint32_t limb[BIG_LIMBS]; /* little-endian base 2^32 */
};

void __big_set(struct big *b, uint64_t value);
void __big_mul_add_small(struct big *b, uint32_t factor, uint32_t addend);
void __big_mul_pow5(struct big *b, int exponent);
void __big_mul(struct big *out, const struct big *a, const struct big *b);
void __big_shift_left(struct big *b, int bits);
int __big_compare(const struct big *a, const struct big *b);
uint32_t __big_divide_small(struct big *b, uint32_t divisor);

#endif
