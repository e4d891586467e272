// Structs and unions: nesting, assignment, bit-fields, anonymous members, flexible arrays.
#include <stdio.h>
#include <string.h>
#include <stddef.h>
struct Point { int x, y; };
struct Rect { struct Point tl, br; char name[8]; };
union Word { unsigned int u; unsigned char b[4]; float f; };
struct Flags { unsigned a : 3; signed b : 4; unsigned : 0; unsigned c : 7; int d : 1; };
struct Anon { int kind; union { int i; double d; }; struct { short lo, hi; }; };
struct Flex { int n; int items[]; };
struct Node { int v; struct Node *next; };
int area(struct Rect r) { return (r.br.x - r.tl.x) * (r.br.y - r.tl.y); }
int main(void) {
    struct Rect r = {{1, 2}, {5, 7}, "box"};
    struct Rect copy; copy = r; copy.tl.x = 0;
    printf("%d %d %s %d\n", area(r), area(copy), copy.name, (int)sizeof(struct Rect));
    union Word w; w.u = 0x11223344;
    printf("%x %x %d\n", w.b[0], w.b[3], (int)sizeof w);
    struct Flags f; memset(&f, 0, sizeof f);
    f.a = 9; f.b = -3; f.c = 100; f.d = -1;
    printf("%u %d %u %d %d\n", f.a, f.b, f.c, f.d, (int)sizeof f);
    f.b += 10; printf("%d\n", f.b);
    struct Anon an; an.kind = 1; an.d = 2.5; an.lo = 3; an.hi = 4;
    printf("%g %d %d %d\n", an.d, an.lo, an.hi, (int)offsetof(struct Anon, hi));
    printf("%d %d\n", (int)sizeof(struct Flex), (int)offsetof(struct Flex, items));
    struct Node n3 = {3, 0}, n2 = {2, &n3}, n1 = {1, &n2};
    int total = 0; for (struct Node *p = &n1; p; p = p->next) total += p->v;
    printf("%d\n", total);
    struct Point pts[2] = {{1, 1}, {2, 2}}; struct Point *pp = pts;
    pp[1].y = 9; (*pp).x = 7; pp->y = 8;
    printf("%d %d %d %d\n", pts[0].x, pts[0].y, pts[1].x, pts[1].y);
    struct { char c; double d; } s2; printf("%d\n", (int)sizeof s2);
    return 0;
}
