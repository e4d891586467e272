/* The machine a virtine runs on: guest memory with the host-owned system tables,
 * page tables, and the KVM VM and vCPU around it. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define PTE_P 0x1ull
#define PTE_RW 0x2ull
#define PTE_US 0x4ull
#define PTE_NX (1ull << 63)

static int fail(char *err, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int e = errno;
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    size_t l = strlen(err);
    if (e && l < n) snprintf(err + l, n - l, ": %s", strerror(e));
    return -1;
}

int machine_kvm_fd(char *err, size_t n) {
    const struct host *h = host_get();
    if (h->kvm_fd < 0) snprintf(err, n, "%s", h->problem);
    return h->kvm_fd;
}

static uint64_t guest_cr4(void) {
    const struct host *h = host_get();
    return 0x620 | (h->guest_xcr0 ? 0x40000 : 0) | /* PAE OSFXSR OSXMMEXCPT, OSXSAVE */
           (h->guest_cr4_fsgsbase ? 0x10000 : 0);  /* FSGSBASE */
}

/* The trampoline starts every call (docs/RUNTIME.md, "What a call starts with"): it puts
 * back the CPU state that ring 3 can change and SYNC_REGS does not load, then jumps to
 * the resume address. General registers and flags come from the host through SYNC_REGS.
 * All of it is ring-3 code, native on every backend, so the reset adds no VM exit and
 * no ioctl:
 *   - null data selectors (a null load is cheap everywhere; kvm-pvm traps others);
 *   - every XSAVE component in effect, by an XRSTOR of an area whose XSTATE_BV is zero
 *     with every RFBM bit set, so whatever the XCR0 in effect is (the host's, on
 *     kvm-pvm) each component gets its initial state; FXRSTOR of the x87/SSE defaults
 *     on a CPU without XSAVE;
 *   - FS and GS base, from the words the snapshot left, where ring 3 can write them. */
static void build_trampoline(uint8_t *code) {
    static const uint8_t selectors[] = {
        0x31, 0xc0,                                      /* xor %eax,%eax */
        0x8e, 0xd8, 0x8e, 0xc0, 0x8e, 0xe0, 0x8e, 0xe8}; /* mov %eax,%ds/%es/%fs/%gs */
    static const uint8_t xrstor[] = {
        0xb8, 0xff, 0xff, 0xff, 0xff, 0xba, 0xff, 0xff, 0xff, 0xff, /* mov $-1,%eax/%edx */
        0x48, 0x0f, 0xae, 0x2c, 0x25, 0x00, 0x80, 0x00, 0x00};       /* xrstor64 0x8000 */
    static const uint8_t fxrstor[] = {0x48, 0x0f, 0xae, 0x0c, 0x25, 0x00, 0x80, 0x00, 0x00};
    static const uint8_t bases[] = {
        0x48, 0x8b, 0x04, 0x25, 0xe0, 0x3f, 0x00, 0x00, /* mov FSBASE_SLOT,%rax */
        0xf3, 0x48, 0x0f, 0xae, 0xd0,                   /* wrfsbase %rax */
        0x48, 0x8b, 0x04, 0x25, 0xe8, 0x3f, 0x00, 0x00, /* mov GSBASE_SLOT,%rax */
        0xf3, 0x48, 0x0f, 0xae, 0xd8};                  /* wrgsbase %rax */
    static const uint8_t resume[] = {
        0x31, 0xc0, 0x31, 0xd2,                    /* xor %eax,%eax; xor %edx,%edx */
        0xff, 0x24, 0x25, 0xf8, 0x3f, 0x00, 0x00}; /* jmp *RESUME_SLOT */
    _Static_assert(XSTATE_AREA == 0x8000 && FSBASE_SLOT == 0x3fe0 && GSBASE_SLOT == 0x3fe8 &&
                   RESUME_SLOT == 0x3ff8, "the trampoline's code names these addresses");
    const struct host *h = host_get();
    size_t n = 0;
#define EMIT(bytes) (memcpy(code + n, bytes, sizeof bytes), n += sizeof bytes)
    EMIT(selectors);
    if (h->xsave) EMIT(xrstor);
    else EMIT(fxrstor);
    if (h->fsgsbase) EMIT(bases);
    EMIT(resume);
#undef EMIT
}

static void put64(uint8_t *mem, uint64_t addr, uint64_t v) { memcpy(mem + addr, &v, 8); }
static void put16(uint8_t *mem, uint64_t addr, uint16_t v) { memcpy(mem + addr, &v, 2); }

static void build_tables(struct vt_pool *p, uint8_t *m) {
    /* GDT: accessed bits preset so loading a segment never writes the table. */
    static const uint64_t gdt[] = {
        0, 0x00af9b000000ffffull, 0x00cf93000000ffffull, 0x00cff3000000ffffull,
        0x00affb000000ffffull, 0, 0, 0x00cf9b000000ffffull,
    };
    memcpy(m + GDT_ADDR, gdt, sizeof gdt);
    uint64_t tss_limit = 104 + IO_BITMAP_BYTES; /* + the terminating 0xff byte - 1 */
    /* The boot stub's ltr needs an available TSS (type 9); direct boot loads it busy. */
    put64(m, GDT_ADDR + 40, tss_limit | (TSS_ADDR & 0xffffff) << 16 | 0x89ull << 40 |
                                ((TSS_ADDR >> 24) & 0xff) << 56);
    put64(m, GDT_ADDR + 48, TSS_ADDR >> 32);
    put16(m, BOOT_INFO, sizeof gdt - 1);
    put64(m, BOOT_INFO + 2, GDT_ADDR);
    put16(m, BOOT_INFO + 0x10, IDT_VECTORS * 16 - 1);
    put64(m, BOOT_INFO + 0x12, IDT_ADDR);
    put64(m, BOOT_INFO + 0x20, p->mem_top);          /* cr3: the PML4 */
    put64(m, BOOT_INFO + 0x28, TRAMPOLINE);          /* where the stub lands at CPL3 */
    put64(m, BOOT_INFO + 0x30, p->hdr.stack_top);
    put64(m, BOOT_INFO + 0x38, host_get()->guest_xcr0);
    put64(m, BOOT_INFO + 0x40, guest_cr4());

    for (int v = 0; v < IDT_VECTORS; v++) {
        uint64_t code = FAULT_CODE + 16 * v;
        uint8_t stub[] = {0xb8, (uint8_t)v, 0, 0, 0, 0xe7, PORT_FAULT, 0xf4, 0xeb, 0xfd};
        memcpy(m + code, stub, sizeof stub); /* mov $v,%eax; out %eax,$0xf1; hlt; jmp .-1 */
        uint64_t lo = (code & 0xffff) | (uint64_t)SEL_KCODE64 << 16 | 0x8eull << 40 |
                      ((code >> 16) & 0xffff) << 48;
        put64(m, IDT_ADDR + 16 * v, lo);
        put64(m, IDT_ADDR + 16 * v + 8, code >> 32);
    }
    put64(m, TSS_ADDR + 4, FAULT_STACK_TOP);   /* rsp0 */
    put16(m, TSS_ADDR + 102, 104);              /* I/O bitmap offset */
    memset(m + TSS_ADDR + 104, 0xff, IO_BITMAP_BYTES + 1);
    /* A 4-byte `out` is checked against the bits of all four ports it covers. */
    m[TSS_ADDR + 104 + PORT_HYPERCALL / 8] &= ~(0xfu << (PORT_HYPERCALL % 8));

    build_trampoline(m + TRAMPOLINE);
    put16(m, XSTATE_AREA, 0x37f);              /* FCW, used by fxrstor */
    put64(m, XSTATE_AREA + 24, 0x1f80);         /* MXCSR default; XSTATE_BV stays 0 */
    put64(m, RESUME_SLOT, p->hdr.entry64);
    if (host_get()->rdrand && !p->opt.host_entropy) put64(m, GUEST_FEATURES, GUEST_FEATURE_RDRAND);
}

static uint64_t page_flags(struct vt_pool *p, uint64_t a) {
    const struct vt_header *h = &p->hdr;
    if (a < SYS_TABLES) return 0;
    if (a == FAULT_CODE) return PTE_P;
    if (a == TRAMPOLINE) return PTE_P | PTE_US;
    if (a >= XSTATE_AREA && a < XSTATE_AREA + XSTATE_AREA_MAX) return PTE_P | PTE_US | PTE_NX;
    if (a < h->load_addr) return PTE_P | PTE_RW | PTE_NX;
    if (a < h->load_addr + h->text_size) return PTE_P | PTE_US;
    if (a == h->stack_top - h->stack_size - PAGE) return 0; /* guard page */
    return PTE_P | PTE_RW | PTE_US | PTE_NX;
}

/* 4-level identity map of [0, mem_top) with 4 KiB pages, tables at mem_top. */
static void build_page_tables(struct vt_pool *p, uint8_t *m) {
    uint64_t mem = p->hdr.mem_size, pml4 = p->mem_top, pdpt = pml4 + PAGE, pd = pdpt + PAGE;
    uint64_t n_pd = (mem + (1ull << 30) - 1) >> 30, pt = pd + n_pd * PAGE;
    put64(m, pml4, pdpt | PTE_P | PTE_RW | PTE_US);
    for (uint64_t i = 0; i < n_pd; i++)
        put64(m, pdpt + 8 * i, (pd + i * PAGE) | PTE_P | PTE_RW | PTE_US);
    for (uint64_t a = 0; a < p->mem_top; a += PAGE) {
        uint64_t table = pt + (a >> 21) * PAGE;
        if ((a & ((2ull << 20) - 1)) == 0)
            put64(m, pd + (a >> 21) * 8, table | PTE_P | PTE_RW | PTE_US);
        uint64_t f = page_flags(p, a);
        if (f) put64(m, table + ((a >> 12) & 511) * 8, a | f);
    }
}

int machine_build_memory(struct vt_pool *p, const uint8_t *image, char *err, size_t n) {
    char name[80];
    snprintf(name, sizeof name, "virtine:%.63s", p->hdr.name);
    p->memfd = memfd_create(name, MFD_CLOEXEC);
    if (p->memfd < 0) return fail(err, n, "memfd_create");
    if (ftruncate(p->memfd, p->hdr.mem_size) < 0) return fail(err, n, "ftruncate guest memory");
    uint8_t *m = mmap(NULL, p->hdr.mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, p->memfd, 0);
    if (m == MAP_FAILED) return fail(err, n, "mmap guest memory");
    build_tables(p, m);
    build_page_tables(p, m);
    memcpy(m + p->hdr.load_addr, image + HEADER_SIZE, p->hdr.payload_size);
    munmap(m, p->hdr.mem_size);
    p->clean = mmap(NULL, p->hdr.mem_size, PROT_READ, MAP_SHARED, p->memfd, 0);
    if (p->clean == MAP_FAILED) { p->clean = NULL; return fail(err, n, "mmap clean view"); }
    return 0;
}

struct vt_vm *machine_vm_create(struct vt_pool *p, char *err, size_t n) {
    int kvm = machine_kvm_fd(err, n);
    if (kvm < 0) return NULL;
    struct vt_vm *vm = calloc(1, sizeof *vm);
    if (!vm) { fail(err, n, "out of memory"); return NULL; }
    vm->vmfd = vm->cpufd = -1;
    vm->remap_above = REMAP_PAGES;
    vm->mem = MAP_FAILED;
    vm->run = MAP_FAILED;
    vm->vmfd = ioctl(kvm, KVM_CREATE_VM, 0);
    if (vm->vmfd < 0) { fail(err, n, "KVM_CREATE_VM"); goto bad; }
    /* Private copy-on-write view of the pool's memory: a VM pays for the pages it
     * touches, not for the size of the image. */
    vm->mem = mmap(NULL, p->hdr.mem_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE,
                   p->memfd, 0);
    if (vm->mem == MAP_FAILED) { fail(err, n, "mmap guest memory"); goto bad; }
    vm->mem_size = p->hdr.mem_size;
    struct kvm_userspace_memory_region region = {
        .slot = 0, .guest_phys_addr = 0, .memory_size = p->hdr.mem_size,
        .userspace_addr = (uint64_t)vm->mem};
    if (ioctl(vm->vmfd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
        fail(err, n, "KVM_SET_USER_MEMORY_REGION"); goto bad;
    }
    vm->cpufd = ioctl(vm->vmfd, KVM_CREATE_VCPU, 0);
    if (vm->cpufd < 0) { fail(err, n, "KVM_CREATE_VCPU"); goto bad; }
    if (ioctl(vm->cpufd, KVM_SET_CPUID2, &host_get()->cpuid) < 0) { fail(err, n, "KVM_SET_CPUID2"); goto bad; }
    vm->run = mmap(NULL, host_get()->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->cpufd, 0);
    if (vm->run == MAP_FAILED) { fail(err, n, "mmap kvm_run"); goto bad; }
    vm->run->kvm_valid_regs = KVM_SYNC_X86_REGS;
    return vm;
bad:
    machine_vm_destroy(vm);
    return NULL;
}

int machine_vm_remap(struct vt_pool *p, struct vt_vm *vm, char *err, size_t n) {
    /* Deleting the memory slot makes KVM drop every mapping and cached translation it
     * built from the old memory (shadow pages, EPT/NPT entries, guest TLB entries). */
    struct kvm_userspace_memory_region region = {.slot = 0};
    if (ioctl(vm->vmfd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
        return fail(err, n, "KVM_SET_USER_MEMORY_REGION (delete)");
    if (mmap(vm->mem, vm->mem_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE | MAP_FIXED,
             p->memfd, 0) == MAP_FAILED)
        return fail(err, n, "mmap guest memory");
    region.memory_size = vm->mem_size;
    region.userspace_addr = (uint64_t)vm->mem;
    if (ioctl(vm->vmfd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
        return fail(err, n, "KVM_SET_USER_MEMORY_REGION");
    return 0;
}

void machine_vm_destroy(struct vt_vm *vm) {
    if (!vm) return;
    files_close(vm);
    if (vm->run != MAP_FAILED) munmap(vm->run, host_get()->run_size);
    if (vm->cpufd >= 0) close(vm->cpufd);
    if (vm->vmfd >= 0) close(vm->vmfd);
    if (vm->mem != MAP_FAILED) munmap(vm->mem, vm->mem_size);
    free(vm);
}

static struct kvm_segment segment(uint16_t sel, int code, int dpl) {
    struct kvm_segment s = {.base = 0, .limit = 0xffffffff, .selector = sel, .present = 1,
                            .type = code ? 11 : 3, .dpl = dpl, .s = 1, .g = 1};
    if (code) s.l = 1;
    else s.db = 1;
    return s;
}

/* The state the first boot of a pool starts from (docs/ABI.md, "Boot"). */
int machine_boot_state(struct vt_pool *p, struct vt_vm *vm, char *err, size_t n) {
    struct kvm_sregs *s = &p->start_sregs;
    struct kvm_regs *r = &p->start_regs;
    if (ioctl(vm->cpufd, KVM_GET_SREGS, s) < 0) return fail(err, n, "KVM_GET_SREGS");
    memset(r, 0, sizeof *r);
    r->rflags = 0x3002; /* IOPL 3: what real hardware checks before the I/O bitmap */
    if (p->opt.boot == VT_BOOT_STUB) {
        s->cs.selector = p->hdr.entry16 >> 4;
        s->cs.base = (uint64_t)s->cs.selector << 4;
        r->rip = p->hdr.entry16 & 15;
        r->rflags = 2;
        s->cr0 &= ~0x60000000ull; /* CD and NW clear: caching on */
    } else {
        s->cs = segment(SEL_UCODE64, 1, 3);
        s->ds = s->es = s->fs = s->gs = s->ss = segment(SEL_UDATA, 0, 3);
        s->tr = (struct kvm_segment){.base = TSS_ADDR, .limit = 104 + IO_BITMAP_BYTES,
                                     .selector = SEL_TSS, .present = 1, .type = 11};
        s->gdt.base = GDT_ADDR;
        s->gdt.limit = 63;
        s->idt.base = IDT_ADDR;
        s->idt.limit = IDT_VECTORS * 16 - 1;
        s->cr0 = 0x80050033; /* PG WP NE ET MP PE; CD/NW clear */
        s->cr3 = p->mem_top;
        s->cr4 = guest_cr4();
        s->efer = 0xd00;                            /* LME LMA NXE */
        r->rip = TRAMPOLINE;
        r->rsp = p->hdr.stack_top;
    }
    memset(&p->start_xcrs, 0, sizeof p->start_xcrs);
    if (host_get()->guest_xcr0 && p->opt.boot != VT_BOOT_STUB) {
        p->start_xcrs.nr_xcrs = 1;
        p->start_xcrs.xcrs[0].xcr = 0;
        p->start_xcrs.xcrs[0].value = host_get()->guest_xcr0;
    }
    return 0;
}

/* The guest's clock() reads the TSC itself when the host publishes the TSC's rate at
 * CLOCK_INFO (in the trampoline page, read-only to the guest): rdtsc runs natively at
 * CPL3, where the times hypercall costs a VM exit. Published only to guests allowed
 * that hypercall, so the policy means what it says, and only for a TSC that ticks at
 * one rate in every power state (invariant TSC, CPUID 0x80000007 EDX bit 8). Written
 * into the pool's memfd before the first VM runs, so every VM of the pool sees it; if
 * anything fails the guest falls back to the hypercall. */
void machine_publish_clock(struct vt_pool *p, struct vt_vm *vm) {
    unsigned a, b, c, d;
    if (!(p->allow & (1ull << HC_TIMES)) || !__get_cpuid(0x80000007, &a, &b, &c, &d) ||
        !(d & (1u << 8)))
        return;
    int khz = ioctl(vm->cpufd, KVM_GET_TSC_KHZ, 0);
    if (khz <= 0) return;
    uint64_t rate = (uint64_t)khz;
    ssize_t written = pwrite(p->memfd, &rate, sizeof rate, CLOCK_INFO);
    (void)written; /* short or failed: the page keeps its 0, and clock() asks the host */
}

int machine_crash_details(struct vt_vm *vm, struct vt_result *res) {
    struct kvm_sregs s;
    if (ioctl(vm->cpufd, KVM_GET_SREGS, &s) < 0) return -1;
    res->cr2 = s.cr2;
    return 0;
}
