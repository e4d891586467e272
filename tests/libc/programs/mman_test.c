/* Anonymous mappings: the common part prints the same on glibc/Linux and in a
   virtine; with ONE_THREAD_ONLY (the guest build) the lines marked "only" show
   what a virtine refuses that Linux grants. Input: a seed and a round count. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "rng.h"

static const char *name(int error)
{
    switch (error) {
    case 0: return "0";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case ENODEV: return "ENODEV";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    default: return "other";
    }
}

static const char *mark = "";

static void show_map(const char *what, void *p)
{
    printf("%s%s: %s %s\n", mark, what, p == MAP_FAILED ? "failed" : "mapped",
           p == MAP_FAILED ? name(errno) : "");
    if (p != MAP_FAILED)
        munmap(p, 1);
}

#define SHOW(call) do { errno = 0; int r_ = (call); \
    printf("%s%s = %d %s\n", mark, #call, r_, name(errno)); } while (0)
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

/* Maps, fills and unmaps regions at random; each must arrive zeroed, aligned and
   apart from the others (a fill surviving intact shows no overlap). */
static void churn(int rounds)
{
    enum { SLOTS = 24 };
    unsigned char *region[SLOTS] = {0};
    size_t length[SLOTS];
    int i, bad = 0;
    for (i = 0; i < rounds; i++) {
        int s = rng_below(SLOTS);
        size_t k;
        if (region[s]) {
            for (k = 0; k < length[s]; k++)
                bad |= region[s][k] != (unsigned char)(s + k);
            bad |= munmap(region[s], length[s]) != 0;
            region[s] = NULL;
            continue;
        }
        length[s] = 1 + (size_t)rng_below(rng_below(4) ? 9000 : 70000);
        region[s] = mmap(NULL, length[s], RW, ANON, -1, 0);
        if (region[s] == MAP_FAILED) {
            printf("round %d: mmap failed\n", i);
            return;
        }
        bad |= (uintptr_t)region[s] % 4096 != 0;
        for (k = 0; k < length[s]; k++)
            bad |= region[s][k] != 0;
        for (k = 0; k < length[s]; k++)
            region[s][k] = (unsigned char)(s + k);
    }
    for (i = 0; i < SLOTS; i++)
        if (region[i])
            bad |= munmap(region[i], length[i]) != 0;
    printf("churn %s\n", bad ? "bad" : "ok");
}

int main(void)
{
    int rounds = read_params();
    char *p = mmap(NULL, 10000, RW, ANON, -1, 0);
    printf("aligned %d zero %d\n", (int)((uintptr_t)p % 4096), p[0] == 0 && p[9999] == 0);
    p[12287] = 1; /* the rest of the last page is the mapping's too */
    SHOW(mprotect(p, 8192, RW));
    SHOW(mprotect(p + 8192, 4096, RW));
    SHOW(mprotect(p + 1, 4096, RW));
    SHOW(munmap(p + 1, 4096));
    SHOW(munmap(p, 0));
    SHOW(munmap(p, 10000));
    show_map("shared", mmap(NULL, 100, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    show_map("empty", mmap(NULL, 0, RW, ANON, -1, 0));
    show_map("neither shared nor private", mmap(NULL, 100, RW, MAP_ANONYMOUS, -1, 0));
    show_map("odd offset", mmap(NULL, 100, RW, ANON, -1, 100));
    show_map("no file", mmap(NULL, 100, RW, MAP_PRIVATE, -1, 0));
    show_map("a pipe", mmap(NULL, 100, PROT_READ, MAP_PRIVATE, 0, 0));
    churn(rounds);
#ifdef ONE_THREAD_ONLY
    mark = "only ";
    show_map("fixed", mmap((void *)0x20000000, 4096, RW, ANON | MAP_FIXED, -1, 0));
    show_map("read only", mmap(NULL, 100, PROT_READ, ANON, -1, 0));
    show_map("executable", mmap(NULL, 100, RW | PROT_EXEC, ANON, -1, 0));
    show_map("inaccessible", mmap(NULL, 100, PROT_NONE, ANON, -1, 0));
    show_map("more than the heap", mmap(NULL, (size_t)1 << 40, RW, ANON, -1, 0));
    show_map("the whole address space", mmap(NULL, SIZE_MAX, RW, ANON, -1, 0));
    p = mmap(NULL, 4096, RW, ANON, -1, 0);
    SHOW(mprotect(p, 4096, PROT_READ));
    SHOW(mprotect(p, 8192, RW));
    SHOW(mprotect(p + 4096, 4096, RW));
    SHOW(munmap(p, 4096));
    SHOW(mprotect(p, 4096, RW));
#endif
    return 0;
}
