/* Shared by the launcher's modules; not part of the public API. The guest-side
 * constants mirror docs/ABI.md and pyvirtine/image.py. */
#ifndef PYVIRTINE_INTERNAL_H
#define PYVIRTINE_INTERNAL_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "launcher.h"

#define PAGE 4096ull
#define HEADER_SIZE 4096u
#define IMAGE_VERSION 1
#define MIN_LOAD_ADDR 0x10000ull
#define MAX_MEM_SIZE (1ull << 32)
#define FLAG_BOOT_STUB 1u
#define FLAG_SNAPSHOT 2u
#define FLAG_X86_64_V2 4u

/* Guest memory map (docs/ABI.md). */
#define SYS_TABLES 0x1000ull
#define GDT_ADDR 0x1000ull
#define BOOT_INFO 0x1080ull
#define IDT_ADDR 0x1100ull
#define IDT_VECTORS 32
#define TSS_ADDR 0x1400ull
#define FAULT_CODE 0x2000ull
#define TRAMPOLINE 0x3000ull
/* Words at the end of the trampoline page, read-only to the guest (docs/ABI.md). */
#define GUEST_FEATURES 0x3fd8ull /* GUEST_FEATURE_* bits for the guest libc */
#define FSBASE_SLOT 0x3fe0ull    /* FS and GS base at the snapshot, which the trampoline */
#define GSBASE_SLOT 0x3fe8ull    /* puts back where ring 3 can change them */
#define CLOCK_INFO 0x3ff0ull     /* TSC kHz for the guest's clock(); 0: use HC_TIMES */
#define RESUME_SLOT 0x3ff8ull
#define GUEST_FEATURE_RDRAND 1ull
#define FAULT_STACK_TOP 0x5000ull
#define XSTATE_AREA 0x8000ull     /* the trampoline's all-init XRSTOR area, */
#define XSTATE_AREA_MAX 0x8000ull /* up to 0x10000 */

#define SEL_KCODE64 0x08
#define SEL_KDATA 0x10
#define SEL_UDATA 0x1b
#define SEL_UCODE64 0x23
#define SEL_TSS 0x28

#define PORT_HYPERCALL 0xf0
#define PORT_FAULT 0xf1
#define IO_BITMAP_BYTES 32 /* ports 0-255 */

/* Hypercall numbers (Wasp's, then pyvirtine's own). */
enum { HC_EXIT, HC_CLOSE, HC_FSTAT, HC_LINK, HC_LSEEK, HC_OPEN, HC_READ, HC_SBRK, HC_TIMES,
       HC_UNLINK, HC_WRITE, HC_GETTIMEOFDAY, HC_ISATTY, HC_SNAPSHOT, HC_RANDOM, HC_RENAME,
       HC_COUNT };
/* Entropy is no host resource: every guest may ask for it. */
#define HC_ALWAYS ((1ull << HC_EXIT) | (1ull << HC_SNAPSHOT) | (1ull << HC_RANDOM))

#define FILES_MAX 16 /* files a call may have open at once (files.c) */
#define OUTPUT_LIMIT (64ull << 20) /* captured bytes per stream per call */
#define HOST_DIRTY_MAX 16
#define REMAP_PAGES 64 /* a VM's first remap threshold: 256 KiB put back per call */

struct vt_header {
    uint8_t magic[8];
    uint16_t version, header_size;
    uint32_t flags;
    uint64_t load_addr, payload_size, text_size, entry16, entry64, mem_size, stack_top,
        stack_size, heap_start, heap_end, argarea_addr, argarea_size, allow;
    uint32_t crc32, debug_size;
    uint64_t debug_offset;
    char name[64];
    uint32_t abi_size;
} __attribute__((packed));

struct vt_vm {
    int vmfd, cpufd;
    struct kvm_run *run;
    uint8_t *mem;
    uint64_t mem_size;
    struct vt_vm *next;  /* in the pool's ready list, or its busy list during a call */
    struct caller *runner; /* the thread in a call on it (NULL if unknown), for vt_pool_close */
    pthread_t owner;   /* thread that ran it last: a vCPU is cheapest on its own thread */
    bool owned;
    uint64_t remap_above; /* pages restored above which the VM remaps instead (run.c) */
    bool remapped;        /* the last reset remapped */
    /* Per-call state, reset by vm_start_call. */
    struct caller *deadline; /* the call's record with the watchdog, if it is timed */
    double timeout;          /* its seconds (the call's, or the boot's) */
    uint64_t brk;
    const uint8_t *input;
    size_t input_len, input_off;
    /* Ranges the host wrote into during the call; they have no guest dirty bit. */
    uint64_t host_dirty[HOST_DIRTY_MAX][2];
    int host_dirty_n;
    bool host_dirty_overflow;
    int files[FILES_MAX]; /* host descriptor + 1 of each file the call has open (files.c) */
};

struct vt_pool {
    struct vt_header hdr;
    struct vt_options opt;
    uint64_t allow;
    uint64_t mem_top;     /* first byte of the page tables */
    uint64_t user_lo;     /* first user-writable byte */
    int memfd;            /* guest memory as every call starts it */
    uint8_t *clean;       /* read-only shared view of memfd: what restore copies from */
    struct kvm_regs start_regs;
    struct kvm_sregs start_sregs;
    struct kvm_xcrs start_xcrs;
    bool reset_sregs;     /* every call starts in real mode (boot stub, no snapshot) */
    pthread_mutex_t lock; /* guards ready, busy, stats, running, closed; held briefly */
    struct vt_vm *ready;
    struct vt_vm *busy;   /* VMs in a call */
    struct vt_pool_stats stats;
    uint32_t running;     /* calls started and not done (a call may not hold a VM yet) */
    atomic_bool closed;   /* vt_pool_close began: calls stop, none may start */
    pthread_cond_t idle;  /* signalled when running drops to 0 after closed is set */
    struct file_grants *files; /* what the caller granted (files.c); NULL: nothing */
};

/* host.c: what this host offers guests, probed once per process */
struct host {
    int kvm_fd;            /* -1 if virtines cannot run here; problem says why */
    int run_size;
    int backend;           /* VT_BACKEND_* */
    char problem[200];
    char cpu_model[49];         /* CPUID's brand string */
    uint32_t cpu_ecx1, cpu_ecx7; /* CPUID leaves 1 and 7 as the host sees them */
    struct {
        struct kvm_cpuid2 head;
        struct kvm_cpuid_entry2 entries[256];
    } cpuid;                    /* what each vCPU gets */
    uint64_t guest_xcr0;        /* what the guest's XCR0 is set to (0: no XSAVE) */
    uint64_t effective_xcr0;    /* what guest ring 3 runs with (the host's on kvm-pvm) */
    bool xsave;                 /* the trampoline resets with XRSTOR (else FXRSTOR) */
    uint32_t xsave_size;        /* bytes its all-init area needs */
    bool guest_cr4_fsgsbase;    /* the guest's CR4 enables FSGSBASE */
    bool fsgsbase;              /* ring 3 can write FS/GS base: the trampoline resets them */
    bool rdrand;                /* ring 3 can run RDRAND */
};
const struct host *host_get(void);

/* image.c */
int image_check(const uint8_t *data, size_t len, struct vt_header *hdr, char *err, size_t n);
uint64_t page_table_bytes(uint64_t mem_size);

/* machine.c */
int machine_kvm_fd(char *err, size_t n);
int machine_build_memory(struct vt_pool *p, const uint8_t *image, char *err, size_t n);
struct vt_vm *machine_vm_create(struct vt_pool *p, char *err, size_t n);
int machine_boot_state(struct vt_pool *p, struct vt_vm *vm, char *err, size_t n);
/* Publish the TSC rate at CLOCK_INFO, when the pool's policy and the CPU allow. */
void machine_publish_clock(struct vt_pool *p, struct vt_vm *vm);
/* Give a VM a fresh copy-on-write view of the pool's memory, as a new VM has. */
int machine_vm_remap(struct vt_pool *p, struct vt_vm *vm, char *err, size_t n);
void machine_vm_destroy(struct vt_vm *vm);
int machine_crash_details(struct vt_vm *vm, struct vt_result *res);

/* hypercall.c */
int hypercall(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res, bool *done);
void host_wrote(struct vt_vm *vm, uint64_t addr, uint64_t len);
const char *hypercall_name(uint32_t nr);
int hc_write(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res, uint64_t fd,
             uint64_t buf, uint64_t len, bool wait, int64_t *ret);
bool guest_range(struct vt_pool *p, uint64_t addr, uint64_t len, bool for_host_write);

/* files.c: the caller's file grants (opened by files_grant at pool creation, released
 * with the pool), the descriptors each call opens on them (closed by files_close when
 * the call ends and by files_snapshot at the snapshot), and the hypercalls on them:
 * files_hypercall answers open, unlink, rename, fstat, lseek, and read, write and close
 * of descriptors past 2, whatever the allow mask says (the grants are their policy). */
int files_grant(struct vt_pool *p, const struct vt_options *opt, char *err, size_t n);
void files_release(struct vt_pool *p);
void files_close(struct vt_vm *vm);
void files_snapshot(struct vt_pool *p, struct vt_vm *vm);
bool files_hypercall(struct vt_pool *p, struct vt_vm *vm, uint32_t nr, const struct kvm_regs *r,
                     int64_t *ret);

/* callers.c: a record per calling thread (NULL only when out of memory), listed from
 * callers_first() through next. Each on its own cache line: other threads read them
 * while their owners write. */
struct caller {
    _Atomic uint64_t python_since;   /* handoff.c: back in Python since; 0 in a call */
    _Atomic uint64_t deadline;       /* watchdog.c: the running call's, 0 if none */
    _Atomic uint64_t kicks;          /* watchdog.c: signals this thread got from it */
    struct kvm_run *_Atomic run;     /* watchdog.c: the VM of the timed call */
    pid_t tid;
    atomic_bool taken;
    struct caller *_Atomic next;
} __attribute__((aligned(64)));
struct caller *caller_self(void);
struct caller *callers_first(void);

static inline uint64_t monotonic_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* handoff.c: around each call of a pool with gil_handoff */
void handoff_enter(void);
void handoff_return(void);

/* watchdog.c: a timed call's deadline (deadline_start returns NULL if the watchdog
 * cannot run); deadline_end says whether it passed */
struct caller *deadline_start(struct kvm_run *run, double seconds);
uint64_t deadline_kicks(const struct caller *c);
bool deadline_passed(const struct caller *c);
bool deadline_end(struct caller *c);
/* Interrupt c's thread (KVM_RUN or a blocking syscall returns EINTR) with the signal the
 * watchdog sends, which the thread's calls count (deadline_kicks) and so recognise should
 * it land in a later call; for a caller that already set the VM's immediate_exit. */
int kick_caller(struct caller *c);

/* run.c */
void result_fail(struct vt_result *res, int kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* After a signal interrupted the call on vm (KVM_RUN or a host syscall serving it): the
 * kind it must end with because its pool was closed or its deadline passed (res says
 * so), or VT_OK if neither. */
int call_stop(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res);
void copy_regs(struct vt_result *res, const struct kvm_regs *r);

/* postmortem.c: after a call's run, before its VM is reset or discarded: rescues the
 * output the guest left buffered, names abort() and stack overflows, takes the
 * backtrace. Returns the call's kind (an abort becomes VT_CRASH). */
int postmortem(struct vt_pool *p, struct vt_vm *vm, int kind, struct vt_result *res);

#endif
