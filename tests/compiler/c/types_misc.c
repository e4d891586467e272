// Enums, typedefs, static assertions, pragmas, freestanding headers, predefined macros.
#include <stdio.h>
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <limits.h>
#include <float.h>
#include <iso646.h>
#include <stdalign.h>
#include <stdnoreturn.h>
#pragma pyvirtine virtine
#pragma once_upon_a_time
enum Color { RED, GREEN = 5, BLUE, NEG = -2 };
typedef enum Color color_t;
typedef struct { int32_t id; uint8_t flags; } record_t;
typedef unsigned long ulong_t;
_Static_assert(sizeof(record_t) == 8, "record layout");
_Static_assert(BLUE == 6, "enum values");
int main(void) {
    color_t c = BLUE;
    enum { A = 1 << 3, B = A | 1 } e = B;
    printf("%d %d %d %d %d\n", RED, GREEN, c, NEG, e);
    record_t r = {7, 0x80};
    printf("%d %d %d\n", r.id, r.flags, (int)sizeof(record_t));
    bool ok = true and not false;
    printf("%d %d\n", ok, (int)sizeof(bool));
    printf("%d %d %lld %d\n", INT_MAX, SCHAR_MIN, LLONG_MIN, CHAR_BIT);
    printf("%u %lu %d\n", UINT32_MAX, (unsigned long)SIZE_MAX, INT8_MIN);
    printf("%d %d\n", (int)sizeof(int64_t), (int)sizeof(uintptr_t));
    printf("%g %d\n", DBL_EPSILON, FLT_MANT_DIG);
    printf("%d %d\n", (int)offsetof(record_t, flags), (int)alignof(double));
    ulong_t u = ULONG_MAX; printf("%lu\n", u);
#if defined(__x86_64__) && defined(__LP64__) && __STDC_VERSION__ == 199901L && __PYVIRTINE__ == 1
    printf("predefined ok\n");
#endif
#if !defined(__GNUC__) || __GNUC__ != 4 || __GNUC_MINOR__ != 0 || __GNUC_PATCHLEVEL__ != 0
    printf("__GNUC__ must say GCC 4.0 (pyvirtine/compiler/predefined.py)\n");
#endif
    printf("%d %d %d\n", __CHAR_BIT__, __SIZEOF_LONG__, __INT_MAX__ == INT_MAX);
    return 0;
}
