// Deeply nested expressions and blocks compile (the compiler recurses per level).
#include <stdio.h>
#define P4(x) x + x + x + x
#define P16(x) P4(x) + P4(x) + P4(x) + P4(x)
#define P256(x) P16(x) + P16(x) + P16(x) + P16(x) + P16(x) + P16(x) + P16(x) + P16(x) + \
    P16(x) + P16(x) + P16(x) + P16(x) + P16(x) + P16(x) + P16(x) + P16(x)
#define N4(x) ((((x))))
#define N16(x) N4(N4(N4(N4(x))))
#define N64(x) N16(N16(N16(N16(x))))
int main(void) {
    int a = 1;
    long s = P256(a) + P256(a) + P256(a) + P256(a);
    int n = N64(N64(N64(a + 1)));
    {{{{{{{{{{{{{{{{{{{{ s += n; }}}}}}}}}}}}}}}}}}}}
    printf("%ld\n", s);
    return 0;
}
