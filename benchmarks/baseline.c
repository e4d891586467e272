/* The raw KVM primitives pyvirtine is measured against, in the same process and run:
 * a bare VM (no pyvirtine code) whose guest does one `out` per KVM_RUN at a chosen
 * CPL, and a bare VM created, run to its first exit and destroyed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MEM (4u << 20)

struct bare { int kvm, vm, cpu, run_size; struct kvm_run *run; uint8_t *mem; };

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* Long mode, identity map with 2 MiB pages, `out %al, $0xf0; jmp .-2` at 0x10000.
 * The TSS I/O bitmap opens port 0xf0 for CPL3. */
static int bare_make(struct bare *b, int cpl) {
    static const uint8_t code[] = {0xe6, 0xf0, 0xeb, 0xfc};
    memset(b, 0, sizeof *b);
    b->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (b->kvm < 0) return -1;
    b->vm = ioctl(b->kvm, KVM_CREATE_VM, 0);
    b->mem = mmap(0, MEM, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct kvm_userspace_memory_region r = {.memory_size = MEM, .userspace_addr = (uint64_t)b->mem};
    ioctl(b->vm, KVM_SET_USER_MEMORY_REGION, &r);
    b->cpu = ioctl(b->vm, KVM_CREATE_VCPU, 0);
    struct { struct kvm_cpuid2 c; struct kvm_cpuid_entry2 e[256]; } cp = {.c.nent = 256};
    ioctl(b->kvm, KVM_GET_SUPPORTED_CPUID, &cp);
    ioctl(b->cpu, KVM_SET_CPUID2, &cp);
    b->run_size = ioctl(b->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
    b->run = mmap(0, b->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, b->cpu, 0);
    uint64_t *pml4 = (void *)(b->mem + 0x2000), *pdpt = (void *)(b->mem + 0x3000),
             *pd = (void *)(b->mem + 0x4000), *gdt = (void *)(b->mem + 0x1000);
    pml4[0] = 0x3000 | 7;
    pdpt[0] = 0x4000 | 7;
    for (int i = 0; i < 2; i++) pd[i] = ((uint64_t)i << 21) | 0x87;
    gdt[5] = (104 + 33 - 1) | 0x5000ull << 16 | 0x89ull << 40; /* TSS at 0x5000 */
    memset(b->mem + 0x5000 + 104, 0xff, 33);
    b->mem[0x5000 + 104 + 0xf0 / 8] = 0xfe;
    *(uint16_t *)(b->mem + 0x5000 + 102) = 104;
    memcpy(b->mem + 0x10000, code, sizeof code);
    struct kvm_sregs s;
    ioctl(b->cpu, KVM_GET_SREGS, &s);
    s.cr3 = 0x2000; s.cr4 = 0x20; s.cr0 = 0x80000011; s.efer = 0x500;
    s.gdt.base = 0x1000; s.gdt.limit = 63;
    s.tr = (struct kvm_segment){.base = 0x5000, .limit = 136, .selector = 0x28, .present = 1, .type = 11};
    struct kvm_segment seg = {.limit = 0xffffffff, .selector = cpl ? 0x23 : 0x8, .present = 1,
                              .type = 11, .dpl = cpl, .s = 1, .l = 1, .g = 1};
    s.cs = seg;
    seg.type = 3; seg.selector = cpl ? 0x1b : 0x10; seg.l = 0; seg.db = 1;
    s.ds = s.es = s.fs = s.gs = s.ss = seg;
    ioctl(b->cpu, KVM_SET_SREGS, &s);
    struct kvm_regs rg = {.rip = 0x10000, .rsp = 0x8000, .rflags = 2 | 3 << 12};
    ioctl(b->cpu, KVM_SET_REGS, &rg);
    return 0;
}

void baseline_exit_close(struct bare *b);

static void bare_free(struct bare *b) {
    munmap(b->run, b->run_size);
    close(b->cpu); close(b->vm); close(b->kvm);
    munmap(b->mem, MEM);
}

/* samples[i] = microseconds of one KVM_RUN round trip through an `out` exit. */
int baseline_exit_roundtrip(int cpl, int n, double *samples) {
    struct bare b;
    if (bare_make(&b, cpl) < 0) return -1;
    ioctl(b.cpu, KVM_RUN, 0);
    int ok = b.run->exit_reason == KVM_EXIT_IO && b.run->io.port == 0xf0;
    for (int i = 0; i < n && ok; i++) {
        double t = now_us();
        ioctl(b.cpu, KVM_RUN, 0);
        samples[i] = now_us() - t;
    }
    bare_free(&b);
    return ok ? 0 : -1;
}

/* One bare VM kept between samples, so a raw exit can be timed right beside each
 * sample of what is compared with it (the machine's speed drifts over seconds). */
struct bare *baseline_exit_open(int cpl) {
    struct bare *b = malloc(sizeof *b);
    if (!b || bare_make(b, cpl) < 0) { free(b); return NULL; }
    ioctl(b->cpu, KVM_RUN, 0);
    if (b->run->exit_reason != KVM_EXIT_IO || b->run->io.port != 0xf0) {
        baseline_exit_close(b);
        return NULL;
    }
    return b;
}

/* Microseconds of one KVM_RUN round trip through an `out` exit. */
double baseline_exit_once(struct bare *b) {
    double t = now_us();
    ioctl(b->cpu, KVM_RUN, 0);
    return now_us() - t;
}

void baseline_exit_close(struct bare *b) {
    bare_free(b);
    free(b);
}

/* The reset strategies pyvirtine could have used, on a bare VM whose guest writes one
 * page per run (samples[i] = microseconds of one run plus its reset):
 *   0: no reset (the floor);
 *   1: KVM dirty log: KVM_GET_DIRTY_LOG after each run, copy back the dirty pages;
 *   2: MAP_PRIVATE snapshot: madvise(MADV_DONTNEED) the written page, so the next run
 *      refaults it from the snapshot file.
 * pyvirtine itself reads the guest page tables' dirty bits: its warm call row. */
int baseline_reset_cost(int method, int n, double *samples) {
    static const uint8_t code[] = {0x89, 0x04, 0x25, 0x00, 0x00, 0x20, 0x00, /* mov %eax, 0x200000 */
                                   0xe6, 0xf0, 0xeb, 0xf5};                  /* out; jmp back */
    struct bare b;
    if (bare_make(&b, 3) < 0) return -1;
    memcpy(b.mem + 0x10000, code, sizeof code);
    int memfd = memfd_create("snapshot", MFD_CLOEXEC);
    if (ftruncate(memfd, MEM) < 0 || pwrite(memfd, b.mem, MEM, 0) != MEM) return -1;
    uint8_t *snap = mmap(0, MEM, PROT_READ, MAP_SHARED, memfd, 0);
    if (method == 2) { /* guest memory becomes a private view of the snapshot file */
        munmap(b.mem, MEM);
        b.mem = mmap(0, MEM, PROT_READ | PROT_WRITE, MAP_PRIVATE, memfd, 0);
    }
    struct kvm_userspace_memory_region r = {.slot = 0}; /* delete, then map anew */
    if (ioctl(b.vm, KVM_SET_USER_MEMORY_REGION, &r) < 0) return -1;
    r.memory_size = MEM;
    r.userspace_addr = (uint64_t)b.mem;
    r.flags = method == 1 ? KVM_MEM_LOG_DIRTY_PAGES : 0;
    if (ioctl(b.vm, KVM_SET_USER_MEMORY_REGION, &r) < 0) return -1;
    static uint64_t bitmap[MEM / 4096 / 64];
    ioctl(b.cpu, KVM_RUN, 0);
    for (int i = 0; i < n; i++) {
        double t = now_us();
        ioctl(b.cpu, KVM_RUN, 0);
        if (method == 1) {
            struct kvm_dirty_log log = {.slot = 0, .dirty_bitmap = bitmap};
            ioctl(b.vm, KVM_GET_DIRTY_LOG, &log);
            for (unsigned w = 0; w < sizeof bitmap / 8; w++)
                for (uint64_t bits = bitmap[w]; bits; bits &= bits - 1) {
                    uint64_t page = (w * 64 + __builtin_ctzll(bits)) * 4096ull;
                    memcpy(b.mem + page, snap + page, 4096);
                }
        } else if (method == 2) {
            madvise(b.mem + 0x200000, 4096, MADV_DONTNEED);
        }
        samples[i] = now_us() - t;
    }
    munmap(snap, MEM);
    close(memfd);
    bare_free(&b);
    return 0;
}

/* samples[i] = microseconds to create a bare VM, run it to its first exit, destroy it. */
int baseline_cold_start(int n, double *samples) {
    for (int i = 0; i < n; i++) {
        double t = now_us();
        struct bare b;
        if (bare_make(&b, 3) < 0) return -1;
        ioctl(b.cpu, KVM_RUN, 0);
        bare_free(&b);
        samples[i] = now_us() - t;
    }
    return 0;
}
