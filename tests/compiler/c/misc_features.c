// Assorted C as people write it: struct values, function pointers, scoping, conversions.
#include <stdio.h>
#include <string.h>
struct P { int x, y; };
struct Arr { int v[5]; char tag; };
struct P mkp(int x, int y) { struct P p = {x, y}; return p; }
struct Arr mka(int k) { struct Arr a; for (int i = 0; i < 5; i++) a.v[i] = i * k; a.tag = 'a' + k; return a; }
int sq(int x) { return x * x; }
int (*getf(void))(int) { return sq; }
int unproto();
extern int later[];
int tent;
int tent = 7;
struct BF { unsigned a : 4; int b : 6; unsigned long c : 40; };
static int fwd(int);
int use_fwd(void) { return fwd(2); }
static int fwd(int v) { return v * 21; }
const char *const names[] = {"alpha", "beta", "gamma"};
char *gp = "gptr";
char ga[] = "garr";
struct Holder { const char *label; int (*fn)(int); } holders[] = {{"sq", sq}, {"sq2", sq}};
int depth(struct P p, int n) { if (n == 0) return p.x + p.y; p.x++; return depth(p, n - 1); }
int main(int argc, char **argv) {
    printf("%d %s\n", argc, argv[0][0] ? "named" : "empty");
    printf("%d %d\n", mkp(3, 4).y, mka(2).v[4]);
    struct P a = {1, 2}, b, c;
    c = b = a; printf("%d %d\n", c.x, b.y);
    int flag = 0; struct P t = flag ? mkp(9, 9) : a; printf("%d\n", t.x);
    struct Arr arr = mka(3), arr2; arr2 = arr; arr.v[0] = 100; printf("%d %d %c\n", arr2.v[0], arr2.v[4], arr2.tag);
    printf("%d %d\n", getf()(7), unproto(5, 6));
    printf("%d %d\n", later[1], tent);
    struct BF bf = {15, -32, 0xffffffffffUL}; bf.a++; bf.b--; bf.c += 2; bf.b *= 1;
    printf("%u %d %lu\n", bf.a, bf.b, (unsigned long)bf.c);
    printf("%d\n", use_fwd());
    printf("%s %s %s %s\n", names[2], gp, ga, holders[1].label);
    printf("%d\n", holders[0].fn(12));
    char c8 = (char)200; printf("%d %d\n", c8 < 0, (unsigned char)c8 / 3);
    long sh = 1L << 40; int n = 35; printf("%ld %ld\n", sh, 1L << n);
    int x = 5; long addr = (long)&x; int *back = (int *)addr; printf("%d\n", *back);
    unsigned long big = 0xF000000000000000UL; double dbig = big; printf("%.0f %lu\n", dbig, (unsigned long)dbig);
    float fv = 300.7f; unsigned char uc = (unsigned char)(int)fv; printf("%d\n", uc);
    int m[3] = {1, 2, 3}; int (*pm)[3] = &m; printf("%d %d\n", (*pm)[2], (&m)[0][1]);
    void *nul = 0; char *pick = flag ? "yes" : NULL; printf("%d %d\n", nul == NULL, pick == 0);
    _Bool bb = (void *)&x != 0; printf("%d\n", bb);
    char exact[3] = "abc"; printf("%c%c%c\n", exact[0], exact[1], exact[2]);
    printf("%s %d\n", __func__, depth(a, 3));
    int sh2 = 1; { int sh2 = 2; { int sh2 = 3; printf("%d", sh2); } printf("%d", sh2); } printf("%d\n", sh2);
    long lit = 3000000000; printf("%ld %d\n", lit, (int)sizeof(3000000000));
    printf("%d\n", +c8);
    unsigned u8 = 0xffffffffu; printf("%f\n", (float)u8);
    printf("%d\n", (int)(1e-3f * 1000 + 0.5f));
    int total = 0; for (int i = 0; i < 3; i++) { struct P *pp = &(struct P){i, i}; total += pp->x + pp->y; } printf("%d\n", total);
    do { printf("once\n"); } while (0);
    char buf[20]; strcpy(buf, names[0]); buf[0] -= 32; printf("%s\n", buf);
    return 0;
}
int unproto(int a, int b) { return a * 10 + b; }
int later[] = {10, 20, 30};
