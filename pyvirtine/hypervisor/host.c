/* What this host offers guests, found once per process: the KVM device and the CPUID
 * it hands a vCPU, which KVM backend serves it, and the CPU state a guest's ring 3 can
 * change on it, which the per-call trampoline (machine.c) must reset.
 *
 * The backend matters because kvm-pvm runs guest ring 3 on the host's own CPU state:
 * the XCR0 in effect is the host's (with every component the host enables, AMX tiles
 * included), and so is CR4, so FSGSBASE works in the guest whatever the guest's CR4
 * says. Under hardware virtualisation the guest's XCR0 and CR4 are the ones we set.
 * Nothing here is assumed from one CPU: sizes and features come from CPUID at run time. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

#define XCR0_GUEST_MASK 0x2ffull /* x87..AVX-512 and PKRU; AMX needs a permission KVM asks */
#define CPUID1_ECX_XSAVE (1u << 26)
#define CPUID1_ECX_OSXSAVE (1u << 27)
#define CPUID1_ECX_RDRAND (1u << 30)
#define CPUID7_EBX_FSGSBASE (1u << 0)
#define CPUID7_ECX_OSPKE (1u << 4)
#define XCR0_AVX512 0xe0ull
#define XCR0_PKRU 0x200ull
#define XCR0_AMX 0x60000ull
#define HWCAP2_FSGSBASE (1u << 1)

static struct host h;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static struct kvm_cpuid_entry2 *kvm_leaf(uint32_t function, uint32_t index) {
    for (uint32_t i = 0; i < h.cpuid.head.nent; i++) {
        struct kvm_cpuid_entry2 *e = &h.cpuid.entries[i];
        if (e->function == function && e->index == index) return e;
    }
    return NULL;
}

/* Only one KVM vendor module can be loaded at a time, so the one present serves /dev/kvm. */
static int detect_backend(void) {
    if (access("/sys/module/kvm_pvm", F_OK) == 0) return VT_BACKEND_PVM;
    if (access("/sys/module/kvm_intel", F_OK) == 0) return VT_BACKEND_VMX;
    if (access("/sys/module/kvm_amd", F_OK) == 0) return VT_BACKEND_SVM;
    return VT_BACKEND_UNKNOWN;
}

static void read_cpu(void) {
    unsigned a, b, c, d;
    h.cpu_model[0] = 0;
    if (__get_cpuid(0x80000000, &a, &b, &c, &d) && a >= 0x80000004) {
        unsigned words[12];
        for (unsigned leaf = 0; leaf < 3; leaf++)
            __get_cpuid(0x80000002 + leaf, &words[4 * leaf], &words[4 * leaf + 1],
                        &words[4 * leaf + 2], &words[4 * leaf + 3]);
        memcpy(h.cpu_model, words, sizeof words);
        h.cpu_model[sizeof words] = 0;
    }
    if (__get_cpuid(1, &a, &b, &c, &d)) h.cpu_ecx1 = c;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) h.cpu_ecx7 = c;
}

/* The XSAVE components guest ring 3 runs with, and the bytes an XRSTOR area needs to
 * cover any of them (standard form: CPUID 0xd's ECX, the size for every component the
 * CPU supports, never less than what the XCR0 in effect needs). */
static void plan_xsave(const struct kvm_cpuid_entry2 *xsave_leaf) {
    uint64_t kvm_xcr0 = xsave_leaf ? ((uint64_t)xsave_leaf->edx << 32 | xsave_leaf->eax) : 0;
    h.guest_xcr0 = (kvm_xcr0 & 3) == 3 ? kvm_xcr0 & XCR0_GUEST_MASK : 0;
    h.effective_xcr0 = h.guest_xcr0;
    if (h.backend == VT_BACKEND_PVM) {
        h.effective_xcr0 = 0;
        if (h.cpu_ecx1 & CPUID1_ECX_OSXSAVE) {
            unsigned lo, hi;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            h.effective_xcr0 = (uint64_t)hi << 32 | lo;
        }
    }
    h.xsave = h.effective_xcr0 != 0;
    unsigned a, b, c = 0, d;
    h.xsave_size = 512; /* fxrstor's area */
    if (h.xsave && __get_cpuid_count(0xd, 0, &a, &b, &c, &d))
        h.xsave_size = c > 576 ? c : 576;
}

static void probe(void) {
    read_cpu();
    h.backend = detect_backend();
    h.kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (h.kvm_fd < 0) {
        snprintf(h.problem, sizeof h.problem, "cannot open /dev/kvm: %s", strerror(errno));
        return;
    }
    if (ioctl(h.kvm_fd, KVM_GET_API_VERSION, 0) != KVM_API_VERSION) {
        snprintf(h.problem, sizeof h.problem, "/dev/kvm is not a KVM device this pyvirtine "
                 "speaks to (API version %d)", KVM_API_VERSION);
        goto unusable;
    }
    if (ioctl(h.kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_SYNC_REGS) <= 0 ||
        ioctl(h.kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_IMMEDIATE_EXIT) <= 0) {
        snprintf(h.problem, sizeof h.problem, "KVM lacks SYNC_REGS/IMMEDIATE_EXIT, which "
                 "pyvirtine needs (Linux 4.20 or later)");
        goto unusable;
    }
    h.run_size = ioctl(h.kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
    h.cpuid.head.nent = sizeof h.cpuid.entries / sizeof *h.cpuid.entries;
    if (ioctl(h.kvm_fd, KVM_GET_SUPPORTED_CPUID, &h.cpuid) < 0) {
        snprintf(h.problem, sizeof h.problem, "KVM_GET_SUPPORTED_CPUID: %s", strerror(errno));
        goto unusable;
    }
    plan_xsave(kvm_leaf(0xd, 0));
    if (h.xsave_size > XSTATE_AREA_MAX) {
        snprintf(h.problem, sizeof h.problem, "this CPU's XSAVE state takes %u bytes, more "
                 "than the %llu that pyvirtine reserves to reset it per call", h.xsave_size,
                 XSTATE_AREA_MAX);
        goto unusable;
    }
    struct kvm_cpuid_entry2 *leaf1 = kvm_leaf(1, 0), *leaf7 = kvm_leaf(7, 0);
    /* kvm-pvm reports XSAVE state components in leaf 0xd but not the XSAVE bit: advertise
     * it so the guest may set CR4.OSXSAVE, which the trampoline's XRSTOR needs. */
    if (h.guest_xcr0 && leaf1) leaf1->ecx |= CPUID1_ECX_XSAVE;
    /* Under hardware virtualisation the guest gets FSGSBASE where KVM offers it, so
     * guests see the same CPU on every backend; on kvm-pvm the guest's CR4 is not what
     * ring 3 runs with, and ring 3 has FSGSBASE whenever the host kernel enabled it. */
    if (h.backend == VT_BACKEND_PVM)
        h.fsgsbase = getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE;
    else
        h.fsgsbase = h.guest_cr4_fsgsbase = leaf7 && (leaf7->ebx & CPUID7_EBX_FSGSBASE);
    h.rdrand = (h.cpu_ecx1 & CPUID1_ECX_RDRAND) &&
               (h.backend == VT_BACKEND_PVM || (leaf1 && (leaf1->ecx & CPUID1_ECX_RDRAND)));
    return;
unusable:
    close(h.kvm_fd);
    h.kvm_fd = -1;
}

const struct host *host_get(void) {
    pthread_once(&once, probe);
    return &h;
}

void vt_host_info(struct vt_host_info *info) {
    const struct host *p = host_get();
    memset(info, 0, sizeof *info);
    snprintf(info->cpu, sizeof info->cpu, "%s", p->cpu_model);
    snprintf(info->problem, sizeof info->problem, "%s", p->problem);
    info->usable = p->kvm_fd >= 0;
    info->backend = p->backend;
    info->xcr0 = p->effective_xcr0;
    info->xsave_size = p->xsave_size;
    info->resets = VT_RESET_SELECTORS | (p->xsave ? VT_RESET_XSAVE : VT_RESET_FXSAVE) |
                   (p->fsgsbase ? VT_RESET_FSGSBASE : 0);
    uint64_t x = p->effective_xcr0;
    /* PKRU is writable in ring 3 only with CR4.PKE, which guests get from nobody but a
     * kvm-pvm host that enabled it for itself. */
    bool pkru = p->backend == VT_BACKEND_PVM && (x & XCR0_PKRU) && (p->cpu_ecx7 & CPUID7_ECX_OSPKE);
    __builtin_cpu_init();
    info->guest = ((x & XCR0_AVX512) == XCR0_AVX512 ? VT_GUEST_AVX512 : 0) |
                  ((x & XCR0_AMX) == XCR0_AMX ? VT_GUEST_AMX : 0) | (pkru ? VT_GUEST_PKRU : 0) |
                  (p->fsgsbase ? VT_GUEST_FSGSBASE : 0) | (p->rdrand ? VT_GUEST_RDRAND : 0) |
                  (__builtin_cpu_supports("x86-64-v2") ? VT_GUEST_X86_64_V2 : 0);
}
