// The predefined macros agree with gcc's for x86-64: type names (stringized as gcc
// spells them), sizes, limits, byte order, floating-point formats, constant macros.
#include <stdio.h>
#define STR(x) #x
#define SHOW(m) printf("%s = %s\n", #m, STR(m))

typedef __SIZE_TYPE__ size_type;          // what stddef.h-less code does
typedef __PTRDIFF_TYPE__ ptrdiff_type;
typedef __UINTPTR_TYPE__ uintptr_type;
void *memmove(void *, const void *, __SIZE_TYPE__);

int main(void) {
    SHOW(__SIZE_TYPE__); SHOW(__PTRDIFF_TYPE__); SHOW(__WCHAR_TYPE__); SHOW(__WINT_TYPE__);
    SHOW(__INTMAX_TYPE__); SHOW(__UINTMAX_TYPE__); SHOW(__INTPTR_TYPE__);
    SHOW(__UINTPTR_TYPE__); SHOW(__CHAR16_TYPE__); SHOW(__CHAR32_TYPE__);
    SHOW(__SIG_ATOMIC_TYPE__); SHOW(__INT8_TYPE__); SHOW(__INT64_TYPE__);
    SHOW(__UINT16_TYPE__); SHOW(__UINT64_TYPE__); SHOW(__INT_LEAST16_TYPE__);
    SHOW(__INT_FAST16_TYPE__); SHOW(__UINT_FAST32_TYPE__);
    SHOW(__CHAR_BIT__); SHOW(__SIZEOF_INT__); SHOW(__SIZEOF_LONG__); SHOW(__SIZEOF_POINTER__);
    SHOW(__SIZEOF_LONG_DOUBLE__); SHOW(__SIZEOF_SIZE_T__); SHOW(__SIZEOF_WCHAR_T__);
    SHOW(__SIZEOF_WINT_T__); SHOW(__SIZEOF_PTRDIFF_T__); SHOW(__BIGGEST_ALIGNMENT__);
    SHOW(__SCHAR_MAX__); SHOW(__SHRT_MAX__); SHOW(__INT_MAX__); SHOW(__LONG_MAX__);
    SHOW(__LONG_LONG_MAX__); SHOW(__SIZE_MAX__); SHOW(__PTRDIFF_MAX__); SHOW(__WCHAR_MAX__);
    SHOW(__WCHAR_MIN__); SHOW(__WINT_MAX__); SHOW(__WINT_MIN__); SHOW(__INTMAX_MAX__);
    SHOW(__UINTMAX_MAX__); SHOW(__UINT32_MAX__); SHOW(__INT_WIDTH__); SHOW(__LONG_WIDTH__);
    SHOW(__SIZE_WIDTH__); SHOW(__INT64_C(5)); SHOW(__UINT32_C(5)); SHOW(__UINTMAX_C(5));
    SHOW(__BYTE_ORDER__); SHOW(__FLOAT_WORD_ORDER__);
    SHOW(__FLT_MANT_DIG__); SHOW(__DBL_MANT_DIG__); SHOW(__LDBL_MANT_DIG__);
    SHOW(__DBL_DIG__); SHOW(__FLT_MAX_EXP__); SHOW(__LDBL_MIN_EXP__); SHOW(__FLT_RADIX__);
    printf("%a %a %a\n", __FLT_MAX__, __DBL_MIN__, __DBL_EPSILON__);
    printf("%a %a\n", (double)__FLT_EPSILON__, __DBL_DENORM_MIN__);
    printf("%d %d\n", __LDBL_MAX__ > 1e4000L, __LDBL_EPSILON__ * 2 > __LDBL_EPSILON__);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__x86_64__) && defined(__LP64__)
    puts("little-endian LP64 x86-64");
#endif
#if defined(__GNUC__) && defined(__GNUC_MINOR__) && defined(__GNUC_STDC_INLINE__)
    puts("GNU C, C99 inline");
#endif
    size_type n = sizeof(ptrdiff_type) + sizeof(uintptr_type);
    char a[4] = "abc";
    memmove(a, a + 1, 2);
    printf("%zu %s %d\n", n, a, (int)sizeof(__WCHAR_TYPE__) * __CHAR_BIT__);
    return 0;
}
