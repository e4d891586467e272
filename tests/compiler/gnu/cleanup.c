/* __attribute__((cleanup(fn))): fn(&var) when the variable's scope is left in any way (the
   block's end, break, continue, return, goto, the end of a statement expression),
   innermost first: printed by a gcc build and a pyvirtine build alike. */
#include <stdio.h>

struct pair { int a, b; };
struct __attribute__((cleanup(ignored))) tagged { int x; };   /* gcc ignores it here */

static void say(const char **s) { printf("[%s]", *s); }
static void count(int *n) { printf("<%d>", *n); }
static void bump(struct pair *p) { p->a += 100; printf("{%d}", p->a); }
static void vla_end(int (*p)[]) { (void)p; printf("(vla)"); }
static void ignored(struct tagged *t) { (void)t; }

#define NAMED(name, text) const char *name __attribute__((cleanup(say))) = text

static int early(int n) {
    NAMED(outer, "outer");
    {
        NAMED(inner, "inner");
        if (n == 0)
            return n;            /* inner, then outer */
    }
    int r __attribute__((cleanup(count))) = n * 2;
    return r++;                  /* the value before the cleanup sees r + 1 */
}

static struct pair returned(void) {
    struct pair p __attribute__((cleanup(bump))) = { 1, 2 };
    return p;                    /* copied before bump changes it */
}

static void loops(void) {
    for (int i __attribute__((cleanup(count))) = 0; i < 4; i++) {
        int j __attribute__((cleanup(count))) = 10 + i;
        if (i == 1)
            continue;
        if (i == 3)
            break;
        NAMED(body, "body");
    }
    printf("|");
    int k = 0;
    do {
        int d __attribute__((cleanup(count))) = 20 + k;
        switch (k) {
        case 0: {
            int s __attribute__((cleanup(count))) = 30;
            break;
        }
        case 1:
            continue;
        default: ;
            NAMED(last, "default");
        }
    } while (++k < 3);
    printf("\n");
}

static void jumps(int n) {
    int tries = 0;
again:
    if (tries < 2) {
        int t __attribute__((cleanup(count))) = tries++;
        goto again;                  /* back to before t: t's scope is left */
    }
    {
        NAMED(a, "a");
        {
            NAMED(b, "b");
            if (n)
                goto out;            /* leaves b and a */
        }
        NAMED(c, "c");
    }
out:
    printf("\n");
}

static int in_expression(void) {
    int v = ({ int e __attribute__((cleanup(count))) = 7; e * 6; });
    return v + ({ NAMED(x, "x"); 0; });
}

static void with_vla(int n) {
    for (int round = 0; round < 2; round++) {
        int before __attribute__((cleanup(count))) = round;
        int arr[n] __attribute__((cleanup(vla_end)));
        arr[n - 1] = round;
        int after __attribute__((cleanup(count))) = arr[n - 1] + 50;
    }
    printf("\n");
}

int main(void) {
    int first __attribute__((cleanup(count))) = 1, second __attribute__((cleanup(count))) = 2;
    printf(" = %d\n", early(0));
    printf(" = %d\n", early(5));
    struct pair p = returned();
    printf(" = %d %d\n", p.a, p.b);
    loops();
    jumps(0);
    jumps(1);
    printf(" = %d\n", in_expression());
    with_vla(3);
    struct tagged t = { 3 };
    printf("%d\n", t.x);
    return 0;                /* second, then first */
}
