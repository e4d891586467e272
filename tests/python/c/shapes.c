/* A library of virtines for tests/python: loaded with pyvirtine.load. */
#include <virtine.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct point { int32_t x, y; };
enum dir { NORTH, EAST, SOUTH, WEST };

/* Move a point one step. */
virtine struct point step(struct point p, enum dir d) {
    switch (d) {
    case NORTH: p.y++; break;
    case SOUTH: p.y--; break;
    case EAST: p.x++; break;
    case WEST: p.x--; break;
    }
    return p;
}

virtine enum dir turn(enum dir d) { return (enum dir)((d + 1) % 4); }

virtine size_t upper(const char *in VIRTINE_IN(n), size_t n, char *out VIRTINE_OUT(n)) {
    size_t changed = 0;
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        if (c >= 'a' && c <= 'z') { c -= 32; changed++; }
        out[i] = c;
    }
    return changed;
}

virtine void centroid(const struct point *pts VIRTINE_IN(n), size_t n, struct point *out) {
    int64_t sx = 0, sy = 0;
    for (size_t i = 0; i < n; i++) { sx += pts[i].x; sy += pts[i].y; }
    out->x = n ? (int32_t)(sx / (int64_t)n) : 0;
    out->y = n ? (int32_t)(sy / (int64_t)n) : 0;
}

virtine_whitelist(VIRTINE_ALLOW_WRITE)
int shout(const char *who) { return printf("hello, %s!\n", who); }

virtine int sneaky_print(int x) { printf("%d\n", x); return x; }

virtine int deref(int64_t addr) { return *(volatile int *)(uintptr_t)addr; }

virtine int spin(int n) { volatile int i = 0; for (;;) i += n; return i; }

static int counter;
virtine int bump(void) { return ++counter; }   /* always 1: every call starts clean */

virtine const char *describe(struct point p) {
    static char buf[64];
    snprintf(buf, sizeof buf, "(%d, %d)", (int)p.x, (int)p.y);
    return buf;
}
