// Integer types, promotions, usual arithmetic conversions, wrap-around.
#include <stdio.h>
int main(void) {
    signed char sc = -128; unsigned char uc = 255; short s = -32768; unsigned short us = 65535;
    int i = -1; unsigned u = 1; long l = -5; unsigned long ul = 3; long long ll = -9; unsigned long long ull = 1;
    _Bool b = 42;
    printf("%d %d %d %d\n", (int)sizeof(char), (int)sizeof(short), (int)sizeof(int), (int)sizeof(long));
    printf("%d %d %d\n", (int)sizeof(long long), (int)sizeof(_Bool), (int)sizeof(void *));
    printf("%d %d %d %d %d\n", sc, uc, s, us, b);
    printf("%d\n", i < u);            /* -1 converted to unsigned */
    printf("%d\n", l < ul);           /* long vs unsigned long */
    printf("%d\n", (short)-1 < (unsigned short)1);   /* both promote to int */
    sc++; uc++; us++;
    printf("%d %d %d\n", sc, uc, us);
    printf("%u %lu %llu\n", u - 2, ul - 4, ull - 2);
    printf("%lld %lld\n", ll * 1000000000000LL, (long long)(unsigned)i);
    printf("%d %d %d %d\n", 7 / 2, -7 / 2, 7 % -3, -7 % 3);
    printf("%u %u\n", 7u / 2u, (unsigned)-7 % 3u);
    printf("%d %d %u\n", 1 << 30, -16 >> 2, 0x80000000u >> 31);
    printf("%ld %lu\n", -1L >> 60, -1UL >> 60);
    printf("%d %d\n", (signed char)200, (unsigned char)-1);
    printf("%x %o %X\n", 0xdeadbeef, 0777, 255);
    printf("%d %d\n", ~0, !5);
    int big = 2147483647; unsigned wrap = (unsigned)big + 1u;
    printf("%u\n", wrap);
    b = 0.5; printf("%d\n", b);
    b = 0; b--; printf("%d\n", b);
    char c = 'A'; c += 2; printf("%c %d\n", c, c);
    printf("%d\n", (int)sizeof(1 + (char)1));
    printf("%d\n", (int)sizeof(1u + 1L));
    printf("%d\n", 'ab');
    return 0;
}
