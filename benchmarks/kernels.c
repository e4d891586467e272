/* Compute kernels timed inside one program, so the same source measures gcc -O2 on the
 * host and pyvirtine's compiler in a virtine. Usage: kernels NAME; prints
 * "checksum microseconds" for the best of a few repetitions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned long k_fib(void) { return fib(30); }

static unsigned long k_sieve(void) {
    enum { N = 2000000 };
    static unsigned char composite[N];
    unsigned long primes = 0;
    memset(composite, 0, sizeof composite);
    for (unsigned long i = 2; i < N; i++) {
        if (composite[i]) continue;
        primes++;
        for (unsigned long j = i * i; j < N; j += i) composite[j] = 1;
    }
    return primes;
}

static unsigned long k_matmul(void) {
    enum { N = 160 };
    static double a[N][N], b[N][N], c[N][N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (i * 7 + j) % 13 - 6;
            b[i][j] = (i + j * 3) % 11 - 5;
            c[i][j] = 0;
        }
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++)
            for (int j = 0; j < N; j++) c[i][j] += a[i][k] * b[k][j];
    double sum = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) sum += c[i][j] * (i + 1);
    return (unsigned long)(long)sum;
}

static unsigned long k_crc32(void) {
    enum { N = 4 << 20 };
    static unsigned char data[N];
    unsigned table[256];
    for (unsigned i = 0; i < 256; i++) {
        unsigned c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    for (unsigned long i = 0; i < N; i++) data[i] = (unsigned char)(i * 2654435761u >> 24);
    unsigned crc = 0xffffffffu;
    for (unsigned long i = 0; i < N; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

static int by_value(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static unsigned long k_qsort(void) {
    enum { N = 1000000 };
    static int v[N];
    unsigned x = 12345;
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        v[i] = (int)(x >> 1);
    }
    qsort(v, N, sizeof v[0], by_value);
    unsigned long sum = 0;
    for (int i = 0; i < N; i += 1000) sum = sum * 31 + (unsigned)v[i];
    return sum;
}

static const struct { const char *name; unsigned long (*run)(void); } kernels[] = {
    {"fib", k_fib}, {"sieve", k_sieve}, {"matmul", k_matmul}, {"crc32", k_crc32},
    {"qsort", k_qsort},
};

int main(int argc, char **argv) {
    for (unsigned i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        if (argc < 2 || strcmp(argv[1], kernels[i].name)) continue;
        unsigned long checksum = 0;
        long best = -1;
        for (int rep = 0; rep < 5; rep++) {
            clock_t start = clock();
            checksum = kernels[i].run();
            long us = (long)((clock() - start) * (1000000.0 / CLOCKS_PER_SEC));
            if (best < 0 || us < best) best = us;
        }
        printf("%lu %ld\n", checksum, best);
        return 0;
    }
    fprintf(stderr, "unknown kernel\n");
    return 2;
}
