#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <virtine.h>
#include "hypercall.h"

/* GUEST_FEATURE_* bits the host publishes in the read-only trampoline page
 * (docs/ABI.md); crt0 defines where. */
extern const volatile unsigned long __virtine_guest_features;
#define GUEST_FEATURE_RDRAND 1ul

int __virtine_rdrand64(unsigned long *out);

/* Every call starts from the same snapshot, so nothing in guest memory can tell two
 * calls apart: fresh bytes come from the CPU (RDRAND, where the host says ring 3 may run
 * it) or from the host's kernel (the random hypercall, always allowed). */
int virtine_random(void *buf, unsigned long n)
{
    unsigned char *out = buf;
    if (__virtine_guest_features & GUEST_FEATURE_RDRAND) {
        unsigned long word;
        while (n && __virtine_rdrand64(&word)) {
            unsigned long k = n < sizeof word ? n : sizeof word;
            memcpy(out, &word, k);
            out += k;
            n -= k;
        }
    }
    while (n) {
        long got = __virtine_hypercall(HC_RANDOM, (long)out, (long)n, 0);
        if (got <= 0)
            return -1;
        out += got;
        n -= (unsigned long)got;
    }
    return 0;
}

int getentropy(void *buf, size_t n)
{
    if (n > 256) {
        errno = EIO;
        return -1;
    }
    if (virtine_random(buf, n) < 0) {
        errno = EIO;
        return -1;
    }
    return 0;
}
