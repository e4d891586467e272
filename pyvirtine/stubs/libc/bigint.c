#include "bigint.h"

void __big_set(struct big *b, uint64_t value)
{
    b->len = 0;
    while (value) {
        b->limb[b->len++] = (uint32_t)value;
        value >>= 32;
    }
}

void __big_mul_add_small(struct big *b, uint32_t factor, uint32_t addend)
{
    uint64_t carry = addend;
    int i;
    for (i = 0; i < b->len; i++) {
        uint64_t t = (uint64_t)b->limb[i] * factor + carry;
        b->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry)
        b->limb[b->len++] = (uint32_t)carry;
}

static const uint32_t pow5[14] = {1, 5, 25, 125, 625, 3125, 15625, 78125, 390625,
                                  1953125, 9765625, 48828125, 244140625, 1220703125};

void __big_mul_pow5(struct big *b, int exponent)
{
    for (; exponent >= 13; exponent -= 13)
        __big_mul_add_small(b, pow5[13], 0);
    __big_mul_add_small(b, pow5[exponent], 0);
}

int __big_divide_pow5(struct big *b, int exponent)
{
    int inexact = 0;
    for (; exponent >= 13; exponent -= 13)
        inexact |= __big_divide_small(b, pow5[13]) != 0;
    if (exponent)
        inexact |= __big_divide_small(b, pow5[exponent]) != 0;
    return inexact;
}

void __big_mul(struct big *out, const struct big *a, const struct big *b)
{
    int i, j;
    out->len = a->len && b->len ? a->len + b->len : 0;
    for (i = 0; i < out->len; i++)
        out->limb[i] = 0;
    for (i = 0; i < a->len; i++) {
        uint64_t carry = 0;
        for (j = 0; j < b->len; j++) {
            uint64_t t = (uint64_t)a->limb[i] * b->limb[j] + out->limb[i + j] + carry;
            out->limb[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        out->limb[i + b->len] = (uint32_t)carry;
    }
    while (out->len && !out->limb[out->len - 1])
        out->len--;
}

void __big_shift_left(struct big *b, int bits)
{
    int words = bits / 32, rest = bits % 32, i;
    if (!b->len)
        return;
    if (rest) {
        uint32_t carry = 0;
        for (i = 0; i < b->len; i++) {
            uint32_t next = b->limb[i] >> (32 - rest);
            b->limb[i] = (b->limb[i] << rest) | carry;
            carry = next;
        }
        if (carry)
            b->limb[b->len++] = carry;
    }
    if (words) {
        for (i = b->len - 1; i >= 0; i--)
            b->limb[i + words] = b->limb[i];
        for (i = 0; i < words; i++)
            b->limb[i] = 0;
        b->len += words;
    }
}

int __big_compare(const struct big *a, const struct big *b)
{
    int i;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    for (i = a->len - 1; i >= 0; i--)
        if (a->limb[i] != b->limb[i])
            return a->limb[i] < b->limb[i] ? -1 : 1;
    return 0;
}

uint32_t __big_divide_small(struct big *b, uint32_t divisor)
{
    uint64_t rem = 0;
    int i;
    for (i = b->len - 1; i >= 0; i--) {
        uint64_t t = (rem << 32) | b->limb[i];
        b->limb[i] = (uint32_t)(t / divisor);
        rem = t % divisor;
    }
    while (b->len && !b->limb[b->len - 1])
        b->len--;
    return (uint32_t)rem;
}

int __big_bit_length(const struct big *b)
{
    uint32_t top;
    int bits;
    if (!b->len)
        return 0;
    top = b->limb[b->len - 1];
    for (bits = 0; top; bits++)
        top >>= 1;
    return 32 * (b->len - 1) + bits;
}

int __big_bit(const struct big *b, int pos)
{
    return pos >= 0 && pos / 32 < b->len ? (int)(b->limb[pos / 32] >> (pos % 32)) & 1 : 0;
}

int __big_low_bits_zero(const struct big *b, int bits)
{
    int i;
    for (i = 0; i < bits / 32 && i < b->len; i++)
        if (b->limb[i])
            return 0;
    return bits % 32 == 0 || i >= b->len || !(b->limb[i] & (((uint32_t)1 << (bits % 32)) - 1));
}
