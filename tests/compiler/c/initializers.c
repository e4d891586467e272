// Initializers: designated, nested, brace elision, compound literals, static address constants.
#include <stdio.h>
struct P { int x, y; };
struct S { int a; struct P p; int arr[3]; const char *name; };
int table[] = {1, 2, [5] = 6, 7};
struct S gs = {.name = "global", .p.y = 5, .arr = {1, [2] = 3}};
struct P pts[] = {1, 2, 3, 4, [3].x = 9};
int counter = 3;
int *pc = &counter;
int *third = &table[2];
struct P *second = &pts[1];
int *py = &gs.p.y;
const char *msg = "hi" " there";
char letters[] = "abc";
char fixed[6] = "xy";
int (*fp)(const char *, ...) = printf;
struct P *lit = &(struct P){42, 43};
static int zeros[100];
double dd[] = {1.5, 2.5};
long sizes[] = {sizeof(struct S), sizeof table / sizeof table[0]};
unsigned char bytes[] = {255, 256 - 1, -1};
struct { int tag; union { int i; float f; } u; } tagged = {1, {.f = 1.5f}};
int main(void) {
    printf("%d %d %d %d %d\n", table[0], table[4], table[5], table[6], (int)(sizeof table / sizeof *table));
    printf("%d %d %d %d %d %s\n", gs.a, gs.p.y, gs.arr[0], gs.arr[1], gs.arr[2], gs.name);
    printf("%d %d %d %d %d\n", pts[0].x, pts[1].y, pts[3].x, pts[3].y, (int)(sizeof pts / sizeof pts[0]));
    printf("%d %d %d %d\n", *pc, *third, second->x, *py);
    printf("%s|%s|%d|%s|%d\n", msg, letters, (int)sizeof letters, fixed, fixed[5]);
    fp("%d %d\n", lit->x, lit->y);
    printf("%d %g %ld %ld\n", zeros[99], dd[1], sizes[0], sizes[1]);
    printf("%d %d %d %g\n", bytes[0], bytes[1], bytes[2], tagged.u.f);
    struct S local = {7, {8, 9}, {10}, "local"};
    int m[2][3] = {1, 2, 3, 4};
    struct P *q = (struct P[]){{1, 2}, {3, 4}};
    int n = 5; int vals[4] = {n, n * 2};
    printf("%d %d %d %d %s\n", local.a, local.p.x, local.arr[0], local.arr[2], local.name);
    printf("%d %d %d\n", m[1][0], m[1][1], m[1][2]);
    printf("%d %d %d %d\n", q[1].x, vals[0], vals[1], vals[3]);
    struct P cp = (struct P){.y = 1}; printf("%d %d\n", cp.x, cp.y);
    return 0;
}
