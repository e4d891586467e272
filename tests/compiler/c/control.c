// Statements: if/else, loops, switch with fallthrough, goto, break/continue.
// expect-exit: 12
#include <stdio.h>
static const char *classify(int n) {
    switch (n) {
    case 0: return "zero";
    case 1: case 2: return "small";
    case 3:
    case 4: n = 100;
    default: if (n == 100) return "fell"; return "other";
    case -1: return "negative";
    }
}
int main(void) {
    int i, total = 0;
    for (i = 0; i < 10; i++) { if (i % 2) continue; if (i > 6) break; total += i; }
    printf("%d %d\n", total, i);
    i = 0; while (i < 5) i += 2; printf("%d\n", i);
    i = 10; do { i--; } while (i > 20); printf("%d\n", i);
    printf("%s %s %s %s %s %s\n", classify(0), classify(2), classify(4), classify(7), classify(-1), classify(3));
    int n = 0;
again:
    n++;
    if (n < 5) goto again;
    printf("%d\n", n);
    int found = -1;
    for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) if (r * c == 6) { found = r * 10 + c; goto done; }
done:
    printf("%d\n", found);
    int count = 0, x = 3;
    switch (x) { case 1: count++; case 3: count += 10; case 4: count += 100; break; case 5: count += 1000; }
    printf("%d\n", count);
    /* Duff's device */
    int src[7] = {1, 2, 3, 4, 5, 6, 7}, dst[7] = {0}, *s = src, *d = dst, cnt = 7;
    int k = (cnt + 3) / 4;
    switch (cnt % 4) { case 0: do { *d++ = *s++; case 3: *d++ = *s++; case 2: *d++ = *s++; case 1: *d++ = *s++; } while (--k > 0); }
    printf("%d %d\n", dst[0], dst[6]);
    for (;;) { if (++x > 8) break; }
    printf("%d\n", x);
    if (x) ; else printf("never\n");
    return total;
}
