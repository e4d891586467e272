/* gcc's obsolete designators, 'field: value', which old GNU code (and code testing
   __GNUC__ to choose them) still uses; a conditional expression is not one. */
#include <stdio.h>
struct S { int a, b; struct { int x, y; } c; };
typedef int T;
struct U { int T; int z; };
int main(void) {
    struct S s = {b: 2, a: 1, c: {y: 4, x: 3}};
    struct U u = {z: 5, T: 6};
    int cond = 1;
    int v[3] = {cond ? 1 : 2, [2] = 7};
    printf("%d %d %d %d %d %d %d %d\n", s.a, s.b, s.c.x, s.c.y, u.T, u.z, v[0], v[2]);
    return 0;
}
