// The GNU bit builtins portable code reaches for: clz, ctz, popcount, parity, bswap, expect.
#include <stdio.h>
#include <string.h>
int main(void) {
    unsigned x = 0x00f0u; unsigned long y = 1UL << 40; unsigned long long z = 0xff00ff00ULL;
    printf("%d %d %d %d\n", __builtin_clz(x), __builtin_ctz(x), __builtin_popcount(x), __builtin_parity(x));
    printf("%d %d %d %d\n", __builtin_clzl(y), __builtin_ctzl(y), __builtin_popcountll(z), __builtin_parityll(z | 1));
    printf("%x %x %lx\n", __builtin_bswap16(0x1234), __builtin_bswap32(0x12345678), __builtin_bswap64(0x0102030405060708UL));
    if (__builtin_expect(x > 3, 1)) printf("expected\n");
    char buf[8]; __builtin_memcpy(buf, "abc", 4); printf("%s %d\n", buf, (int)__builtin_strlen(buf));
    return 0;
}
