/* The compile-speed benchmark's input (benchmarks/compile_speed.py): one file of
 * fourteen virtines of the kinds programs have (numbers, buffers, strings, structs,
 * helpers shared between virtines), about two hundred lines. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <virtine.h>

struct point { int32_t x, y; };
struct stats { double mean, min, max; };

static uint32_t fnv1a(const unsigned char *p, size_t n, uint32_t h) {
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static int by_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

virtine int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

virtine long gcd(long a, long b) {
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

virtine uint32_t checksum(const unsigned char *data VIRTINE_IN(n), size_t n) {
    return fnv1a(data, n, 2166136261u);
}

virtine size_t count_byte(const unsigned char *data VIRTINE_IN(n), size_t n, int byte) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += data[i] == byte;
    return c;
}

virtine void sort_ints(int *values VIRTINE_INOUT(n), size_t n) {
    qsort(values, n, sizeof *values, by_int);
}

virtine size_t upper(const char *in VIRTINE_IN(n), size_t n, char *out VIRTINE_OUT(n)) {
    size_t changed = 0;
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        if (c >= 'a' && c <= 'z') {
            c = (char)(c - 'a' + 'A');
            changed++;
        }
        out[i] = c;
    }
    return changed;
}

virtine struct point step(struct point p, int dx, int dy) {
    p.x += dx;
    p.y += dy;
    return p;
}

virtine long manhattan(struct point a, struct point b) {
    long dx = (long)a.x - b.x, dy = (long)a.y - b.y;
    return (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy);
}

virtine struct stats summarize(const double *v VIRTINE_IN(n), size_t n) {
    struct stats s = {0, 0, 0};
    if (n == 0)
        return s;
    s.min = s.max = v[0];
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += v[i];
        if (v[i] < s.min) s.min = v[i];
        if (v[i] > s.max) s.max = v[i];
    }
    s.mean = sum / (double)n;
    return s;
}

virtine void matmul(const double *a VIRTINE_IN(16), const double *b VIRTINE_IN(16),
                    double *c VIRTINE_OUT(16)) {
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) {
            double acc = 0;
            for (int k = 0; k < 4; k++)
                acc += a[i * 4 + k] * b[k * 4 + j];
            c[i * 4 + j] = acc;
        }
}

virtine void histogram(const unsigned char *data VIRTINE_IN(n), size_t n,
                       uint32_t *bins VIRTINE_OUT(16)) {
    memset(bins, 0, 16 * sizeof *bins);
    for (size_t i = 0; i < n; i++)
        bins[data[i] >> 4]++;
}

virtine int parse_int(const char *text) {
    int sign = 1, value = 0;
    while (*text == ' ')
        text++;
    if (*text == '-') {
        sign = -1;
        text++;
    }
    while (*text >= '0' && *text <= '9')
        value = value * 10 + (*text++ - '0');
    return sign * value;
}

virtine size_t format_pair(int a, int b, char *out VIRTINE_OUT(64)) {
    int n = snprintf(out, 64, "(%d, %d)", a, b);
    return n < 0 ? 0 : (size_t)n;
}

virtine size_t run_length(const unsigned char *in VIRTINE_IN(n), size_t n,
                          unsigned char *out VIRTINE_OUT(m), size_t m) {
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && in[j] == in[i] && j - i < 255)
            j++;
        if (o + 2 > m)
            return (size_t)-1;
        out[o++] = (unsigned char)(j - i);
        out[o++] = in[i];
        i = j;
    }
    return o;
}
