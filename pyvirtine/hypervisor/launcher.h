/* pyvirtine's native KVM launcher: the public C API.
 *
 * Used by Python through cffi and by C host programs (virtinecc output) by linking
 * libpyvirtine. A pool runs the calls of one image: it boots one VM to the image's
 * snapshot point, saves that state, and starts every call from it on a ready VM,
 * putting back every page the call dirtied before the VM is used again.
 *
 * This header is also read by cffi's cdef, so it keeps to plain declarations
 * (no includes, no expressions in #defines). */
#ifndef PYVIRTINE_LAUNCHER_H
#define PYVIRTINE_LAUNCHER_H

#include <stddef.h>
#include <stdint.h>

/* vt_result.kind */
#define VT_OK 0          /* the guest called exit(status, result_len) */
#define VT_TIMEOUT 1     /* the call's deadline passed; the VM was discarded */
#define VT_POLICY 2      /* the guest made a hypercall its policy denies */
#define VT_CRASH 3       /* guest fault or unexpected VM exit; the VM was discarded */
#define VT_ERROR 4       /* bad image, bad options, or a host-side failure */
#define VT_INTERRUPTED 5 /* a signal other than the call's deadline stopped the call */
#define VT_UNUSUAL 6     /* vt_call_plain only: the call ran but did not simply return */

#define VT_HC_ABORT 64   /* vt_result.hypercall of a VT_CRASH: the guest called abort() */
#define VT_MAX_FRAMES 32 /* vt_result.frames */

#define VT_BOOT_DIRECT 0 /* host loads long mode + CPL3 with KVM_SET_SREGS */
#define VT_BOOT_STUB 1   /* guest walks real -> protected -> long mode itself */

/* vt_file_grant.access */
#define VT_FILE_READ 1
#define VT_FILE_WRITE 2

/* A file or directory the guest may open (docs/ABI.md, "Files"): host_path on the host,
 * known to the guest as guest_path; a directory grants everything beneath it. */
struct vt_file_grant {
    const char *guest_path;
    const char *host_path;
    uint32_t access;       /* VT_FILE_READ, or VT_FILE_READ | VT_FILE_WRITE */
};

struct vt_options {
    uint32_t pool_size;    /* VMs made ready when the pool is created (at least 1) */
    uint32_t boot;         /* VT_BOOT_DIRECT or VT_BOOT_STUB */
    uint64_t allow;        /* hypercalls allowed on top of the image's own mask */
    int32_t capture;       /* 1: guest stdout/stderr go to the result; 0: to host fds 1/2 */
    int32_t snapshot;      /* 1: honour the image's snapshot point; 0: boot every call */
    double timeout;        /* seconds per call; 0 means none */
    uint64_t memory_limit; /* refuse images asking for more guest memory; 0 means none */
    int32_t gil_handoff;   /* 1: the callers are threads sharing Python's GIL; a call
                            * returning while another caller runs Python waits for it
                            * on the CPU (briefly) rather than sleeping on the GIL */
    int32_t host_entropy;  /* 1: the guest's virtine_random asks the host's kernel (one
                            * exit per 256 bytes) even where the CPU offers RDRAND */
    double init_timeout;   /* seconds the boot to the snapshot (the image's constructors)
                            * may take; 0: 10 s, or the call timeout if that is longer */
    const struct vt_file_grant *files; /* n_files grants, read by vt_pool_create only */
    uint32_t n_files;
};

struct vt_result {
    int32_t kind;          /* VT_* above */
    int32_t vector;        /* exception vector for a guest fault, else -1 */
    int64_t status;        /* the guest's exit status */
    uint64_t result_len;   /* result bytes at the start of the guest's argument area */
    uint8_t *out;          /* captured stdout (malloc'd) */
    uint64_t out_len;
    uint8_t *err;          /* captured stderr (malloc'd) */
    uint64_t err_len;
    uint32_t hypercall;    /* the denied hypercall, for VT_POLICY; VT_HC_ABORT */
    uint32_t exit_reason;  /* KVM exit reason, for VT_CRASH */
    uint64_t error_code;   /* exception error code */
    uint64_t cr2;          /* faulting address of a page fault */
    uint64_t regs[18];     /* rax rbx rcx rdx rsi rdi rsp rbp r8-r15 rip rflags */
    uint64_t exits;        /* VM exits this call took (hypercalls + the final exit) */
    char message[256];
    /* VT_CRASH: the guest's backtrace, innermost first: rip, then return addresses up
     * its frame-pointer chain (a function's return address is one past its call) */
    uint64_t frames[32];
    uint32_t nframes;
    uint64_t stack0;       /* VT_CRASH: the word at the guest's rsp (the return address,
                            * when the fault is in a function that keeps no frame) */
};

/* vt_segment.flags */
#define VT_SEG_ZERO 1          /* in: zero-fill the range; data is not read */
#define VT_SEG_GUEST_WRITTEN 2 /* out: copy only the pages the guest wrote; the others
                                * still hold what the in segments put there */
#define VT_SEG_PARTIAL 4       /* out: the guest's result may end inside (or before) the
                                * range, as a returned string's does: vt_call_plain does
                                * not ask that it cover the whole segment */

/* A piece of the argument area: len bytes at offset, to or from data. */
struct vt_segment {
    uint64_t offset;
    uint8_t *data;
    uint64_t len;
    uint32_t flags;
};

struct vt_pool_stats {
    uint64_t calls;
    uint64_t vms_created;
    uint64_t vms_discarded;
    uint64_t vms_ready;
    uint64_t pages_restored; /* put back before the last call (what the one before dirtied) */
};

struct vt_pool;

/* 0 if data is a well-formed image, else -1 with the reason in err. */
int vt_image_check(const uint8_t *data, size_t len, char *err, size_t errlen);

/* Boot a pool for an image. Returns NULL with res->kind/message set on failure
 * (including a guest crash or timeout before the snapshot point). */
struct vt_pool *vt_pool_create(const uint8_t *image, size_t len, const struct vt_options *opt,
                               struct vt_result *res);

/* Run one call: args are copied to the argument area, input is what the guest's read
 * hypercall returns, and up to result_cap bytes of the guest's result are copied to
 * result (res->result_len says how long the whole result is; it never exceeds the
 * image's argument area). Returns res->kind. Thread safe; runs calls in parallel. */
int vt_call(struct vt_pool *pool, const uint8_t *args, size_t args_len, const uint8_t *input,
            size_t input_len, uint8_t *result, size_t result_cap, struct vt_result *res);

/* vt_call with the arguments and results scattered: before the call each in segment
 * is copied into the argument area (segments in ascending offset order that leave no
 * gap from offset 0 spare the launcher from resetting those pages first); after a
 * VT_OK call each out segment receives the bytes of its range that lie below the
 * guest's result length (res->result_len). Nothing is allocated per call, and no
 * byte is copied twice. */
int vt_call_segments(struct vt_pool *pool, const struct vt_segment *in, uint32_t n_in,
                     const struct vt_segment *out, uint32_t n_out, const uint8_t *input,
                     size_t input_len, struct vt_result *res);

/* A call laid out once and launched many times: the vt_call_segments arguments. */
struct vt_prepared {
    struct vt_pool *pool;
    const struct vt_segment *in;
    uint32_t n_in;
    const struct vt_segment *out;
    uint32_t n_out;
    const uint8_t *input;
    size_t input_len;
    struct vt_result *res;
};

/* vt_call_segments for callers expecting the guest function to return: VT_OK only if
 * the guest exited with status 0, a result covering every out segment and no captured
 * output; VT_UNUSUAL if it ran but exited otherwise (res says how); else the failure's
 * kind. One pointer in and one value out is what a caller paying per argument passed
 * and per field read (Python through cffi) needs. */
int vt_call_plain(const struct vt_prepared *call);

/* vt_host_info.backend: which KVM serves /dev/kvm */
#define VT_BACKEND_UNKNOWN 0
#define VT_BACKEND_VMX 1 /* hardware: Intel VT-x (kvm_intel) */
#define VT_BACKEND_SVM 2 /* hardware: AMD-V (kvm_amd) */
#define VT_BACKEND_PVM 3 /* paravirtual (kvm_pvm): guest ring 3 runs on the host's CPU state */

/* vt_host_info.resets: CPU state the per-call trampoline puts back, beyond the general
 * registers and flags (set through SYNC_REGS) and memory */
#define VT_RESET_XSAVE 1     /* every XSAVE component of xcr0, by XRSTOR of an init area */
#define VT_RESET_FXSAVE 2    /* x87 and SSE only, by FXRSTOR (a CPU without XSAVE) */
#define VT_RESET_FSGSBASE 4  /* FS and GS base, which guest ring 3 can write here */
#define VT_RESET_SELECTORS 8 /* DS ES FS GS selectors */

/* vt_host_info.guest: what guest ring 3 can use on this host */
#define VT_GUEST_AVX512 1
#define VT_GUEST_AMX 2
#define VT_GUEST_PKRU 4
#define VT_GUEST_FSGSBASE 8
#define VT_GUEST_RDRAND 16
#define VT_GUEST_X86_64_V2 32 /* images built for x86-64-v2 (all pyvirtine builds) run */

struct vt_host_info {
    char cpu[64];          /* CPU model */
    int32_t usable;        /* 1 if virtines can run here, else problem says why */
    int32_t backend;       /* VT_BACKEND_* */
    uint64_t xcr0;         /* the XSAVE components guest code runs with */
    uint32_t xsave_size;   /* bytes of the area that resets them */
    uint32_t resets;       /* VT_RESET_* */
    uint32_t guest;        /* VT_GUEST_* */
    char problem[256];
};

/* What this host offers virtines and what each call resets on it (probed once). */
void vt_host_info(struct vt_host_info *info);

/* Free what a result holds (safe on a zeroed or already released result). */
void vt_result_release(struct vt_result *res);

void vt_pool_stats(struct vt_pool *pool, struct vt_pool_stats *stats);

/* Stop the calls running in other threads (they end with VT_ERROR, "closed during the
 * call"), wait for them to end, then destroy the pool's VMs and memory; calls made
 * after it fail (VT_ERROR) instead of starting. The pool itself stays until
 * vt_pool_destroy, so a caller still holding it gets that error rather than freed
 * memory. Idempotent. */
void vt_pool_close(struct vt_pool *pool);

/* vt_pool_close, then free the pool. No thread may use the pool after it. */
void vt_pool_destroy(struct vt_pool *pool);

#endif
