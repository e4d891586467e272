// Designated initializers: chains, continuation after a designator, anonymous members.
#include <stdio.h>
struct In { int a, b; };
struct Out { struct In s; int c; int arr[3]; union { int i; float f; }; int d; };
struct Out g1 = { .s.a = 1, 2, 3 };
struct Out g2 = { .arr[1] = 7, 8, .i = 9, 10 };
struct Out g3 = { .s = {4}, .c = 5, {6, 7}, .f = 1.5f };
int m[3][3] = { [1][1] = 5, 6, [0] = {1, 2} };
struct In ins[] = { [2].b = 4, [0] = {1, 2}, 3 };
int main(void) {
    struct Out l1 = { .s.a = 1, 2, 3 };
    struct Out l2 = { .arr[1] = 7, 8, .i = 9, 10 };
    printf("%d %d %d | %d %d %d %d %d\n", g1.s.a, g1.s.b, g1.c, g2.arr[1], g2.arr[2], g2.i, g2.d, g2.c);
    printf("%d %d %d %d %g\n", g3.s.a, g3.c, g3.arr[0], g3.arr[1], g3.f);
    printf("%d %d %d %d %d\n", m[0][0], m[0][1], m[1][1], m[1][2], m[2][0]);
    printf("%d %d %d %d %d\n", (int)(sizeof ins / sizeof ins[0]), ins[0].a, ins[0].b, ins[1].a, ins[2].b);
    printf("%d %d %d | %d %d %d %d\n", l1.s.a, l1.s.b, l1.c, l2.arr[1], l2.arr[2], l2.i, l2.d);
    return 0;
}
