// Operators: comma, ternary, compound assignment, sizeof, casts, ++/--, short-circuit.
#include <stdio.h>
int calls;
int touch(int v) { calls++; return v; }
int main(void) {
    int a = 5, b = 3, c;
    c = (a++, b++, a + b);
    printf("%d %d %d\n", a, b, c);
    c = a > b ? a : b; printf("%d\n", c);
    printf("%d\n", a < b ? 1 : a == 6 ? 2 : 3);
    a += 3; a -= 1; a *= 4; a /= 3; a %= 5; a <<= 4; a >>= 1; a |= 1; a &= 0x1d; a ^= 0xff;
    printf("%d\n", a);
    int x = 10; int y = x++; y += ++x; printf("%d %d\n", x, y);
    int z = x--; z -= --x; printf("%d %d\n", x, z);
    printf("%d %d\n", (int)sizeof(int[10]), (int)sizeof x);
    printf("%d %d\n", (int)sizeof(char) + (int)sizeof 'a', (int)sizeof "hello");
    calls = 0;
    if (touch(0) && touch(1)) printf("no\n");
    if (touch(1) || touch(1)) printf("yes %d\n", calls);
    printf("%d %d %d\n", 3 & 5, 3 | 5, 3 ^ 5);
    printf("%d\n", (char)300 + (short)70000);
    double dv = 7; dv /= 2; printf("%g\n", dv);
    unsigned char uc = 250; uc += 10; printf("%d\n", uc);
    char *s = "xyz"; s++; printf("%c\n", *s);
    int arr[3] = {1, 2, 3}, *p = arr; *p++ += 10; printf("%d %d\n", arr[0], *p);
    printf("%d\n", -(-2147483647 - 1) == (-2147483647 - 1));
    long lv = 1; lv <<= 40; printf("%ld\n", lv);
    int neg = -5; printf("%d %d\n", neg >> 1, (unsigned)neg >> 28);
    printf("%d\n", !!7 + !0);
    return 0;
}
