/* Test data the same on every toolchain: text-like runs and noise from a 64-bit LCG. */
#ifndef LIBRARY_RNG_H
#define LIBRARY_RNG_H
#include <stddef.h>

static unsigned long long rng_state = 0x9e3779b97f4a7c15ull;

static unsigned rng_next(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)(rng_state >> 33);
}

/* Words from a small vocabulary with now and then a stretch of random bytes:
   compressible, but not trivially. */
static void fill_sample(unsigned char *buf, size_t n)
{
    static const char *const words[] = {"virtine ", "snapshot ", "hypercall ", "kvm ",
                                        "guest ", "host ", "page ", "the ", "a ", "of "};
    size_t i = 0;
    while (i < n) {
        unsigned r = rng_next();
        if (r % 23 == 0) {
            for (unsigned k = 0; k < r % 64 && i < n; k++)
                buf[i++] = (unsigned char)rng_next();
        } else {
            for (const char *w = words[r % 10]; *w && i < n; w++)
                buf[i++] = (unsigned char)*w;
        }
    }
}

/* FNV-1a, printed beside each library's own checksums. */
static unsigned long long fnv1a(const unsigned char *p, size_t n)
{
    unsigned long long h = 0xcbf29ce484222325ull;
    while (n--)
        h = (h ^ *p++) * 0x100000001b3ull;
    return h;
}
#endif
