/* Pools and calls: boot to the snapshot point once, then run each call on a ready VM
 * from that snapshot and put back what it dirtied.
 *
 * Reset costs what the call dirtied, not what the image holds: the guest's own page
 * tables record a dirty bit for every page it writes (set by the CPU, or by KVM when
 * it shadows them), and the host records what it writes itself. Dirty bits are never
 * cleared: clearing them from the host would need a guest TLB flush to be sound (and,
 * under shadow paging, KVM would not notice the change at all), so a page once written
 * stays in that VM's restore set. Pages the guest never writes cost nothing. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define PTE_ACCESSED 0x20ull
#define PTE_DIRTY 0x40ull
#define SNAPSHOT_TAKEN 100 /* run_vm result: the boot reached the snapshot hypercall */
#define CLOSE_REKICK_NS 10000000 /* vt_pool_close kicks the calls it waits for this often */
#define DEFAULT_INIT_TIMEOUT 10.0 /* seconds, for the boot to the snapshot */

void result_fail(struct vt_result *res, int kind, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->message, sizeof res->message, fmt, ap);
    va_end(ap);
    res->kind = kind;
}

/* ---- guest faults ---- */

static const char *vector_name(int v) {
    static const char *const n[] = {
        "divide error (#DE)", "debug (#DB)", "NMI", "breakpoint (#BP)", "overflow (#OF)",
        "bound range (#BR)", "invalid opcode (#UD)", "device not available (#NM)",
        "double fault (#DF)", "coprocessor overrun", "invalid TSS (#TS)",
        "segment not present (#NP)", "stack fault (#SS)", "general protection fault (#GP)",
        "page fault (#PF)", "reserved", "x87 floating-point error (#MF)",
        "alignment check (#AC)", "machine check (#MC)", "SIMD floating-point error (#XM)"};
    return v >= 0 && v < (int)(sizeof n / sizeof *n) ? n[v] : "exception";
}

void copy_regs(struct vt_result *res, const struct kvm_regs *r) {
    const uint64_t v[18] = {r->rax, r->rbx, r->rcx, r->rdx, r->rsi, r->rdi, r->rsp, r->rbp,
                            r->r8,  r->r9,  r->r10, r->r11, r->r12, r->r13, r->r14, r->r15,
                            r->rip, r->rflags};
    memcpy(res->regs, v, sizeof v);
}

static uint64_t read64(struct vt_vm *vm, uint64_t addr) {
    uint64_t v;
    memcpy(&v, vm->mem + addr, 8);
    return v;
}

static int guest_fault(struct vt_vm *vm, struct vt_result *res) {
    struct kvm_run *run = vm->run;
    uint32_t vector;
    memcpy(&vector, (uint8_t *)run + run->io.data_offset, 4);
    copy_regs(res, &run->s.regs.regs);
    /* The CPU pushed [error code,] rip, cs, rflags, rsp, ss on the fault stack. */
    bool has_code = vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 ||
                    vector == 21 || vector == 29 || vector == 30;
    res->vector = (int32_t)vector;
    res->regs[16] = read64(vm, FAULT_STACK_TOP - 40);
    res->regs[17] = read64(vm, FAULT_STACK_TOP - 24);
    res->regs[6] = read64(vm, FAULT_STACK_TOP - 16);
    res->regs[0] = 0; /* the fault stub's own use of rax */
    res->error_code = has_code ? read64(vm, FAULT_STACK_TOP - 48) : 0;
    machine_crash_details(vm, res);
    if (vector == 14)
        result_fail(res, VT_CRASH, "guest %s at rip 0x%llx: %s of address 0x%llx", vector_name(14),
                    (unsigned long long)res->regs[16],
                    res->error_code & 16 ? "instruction fetch"
                    : res->error_code & 2 ? "write" : "read",
                    (unsigned long long)res->cr2);
    else
        result_fail(res, VT_CRASH, "guest %s at rip 0x%llx", vector_name((int)vector),
                    (unsigned long long)res->regs[16]);
    return VT_CRASH;
}

static int unexpected_exit(struct vt_vm *vm, struct vt_result *res) {
    struct kvm_run *run = vm->run;
    res->exit_reason = run->exit_reason;
    copy_regs(res, &run->s.regs.regs);
    machine_crash_details(vm, res);
    switch (run->exit_reason) {
    case KVM_EXIT_SHUTDOWN:
        result_fail(res, VT_CRASH, "guest triple fault (VM shutdown) at rip 0x%llx",
                    (unsigned long long)res->regs[16]);
        break;
    case KVM_EXIT_IO:
        result_fail(res, VT_CRASH, "guest accessed I/O port 0x%x, which is not a hypercall port",
                    run->io.port);
        break;
    case KVM_EXIT_MMIO:
        result_fail(res, VT_CRASH, "guest accessed unbacked guest-physical address 0x%llx",
                    (unsigned long long)run->mmio.phys_addr);
        break;
    case KVM_EXIT_INTERNAL_ERROR:
        result_fail(res, VT_CRASH, "KVM internal error (suberror %u) at rip 0x%llx",
                    run->internal.suberror, (unsigned long long)res->regs[16]);
        break;
    case KVM_EXIT_FAIL_ENTRY:
        result_fail(res, VT_CRASH, "VM entry failed (hardware reason 0x%llx)",
                    (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
        break;
    default:
        result_fail(res, VT_CRASH, "unexpected VM exit (reason %u) at rip 0x%llx",
                    run->exit_reason, (unsigned long long)res->regs[16]);
    }
    return VT_CRASH;
}

/* ---- the run loop ---- */

int call_stop(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res) {
    if (atomic_load(&p->closed)) { /* vt_pool_close stops the calls it finds */
        result_fail(res, VT_ERROR, "this virtine was closed during the call");
        return VT_ERROR;
    }
    if (vm->deadline && deadline_passed(vm->deadline)) {
        result_fail(res, VT_TIMEOUT, "call exceeded its %.3g s timeout", vm->timeout);
        return VT_TIMEOUT;
    }
    return VT_OK;
}

/* The boot to the snapshot runs the image's constructors, which may take longer than
 * the calls they prepare (a JavaScript engine's heap): it has a deadline of its own. */
static double boot_timeout(const struct vt_pool *p) {
    if (p->opt.init_timeout > 0) return p->opt.init_timeout;
    return p->opt.timeout > DEFAULT_INIT_TIMEOUT ? p->opt.timeout : DEFAULT_INIT_TIMEOUT;
}

static int run_vm(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res, bool booting) {
    struct kvm_run *run = vm->run;
    int kind = VT_OK;
    vm->deadline = NULL;
    vm->timeout = booting ? boot_timeout(p) : p->opt.timeout;
    if (vm->timeout > 0 && !(vm->deadline = deadline_start(run, vm->timeout))) {
        result_fail(res, VT_ERROR, "cannot start the call watchdog");
        return VT_ERROR;
    }
    /* The launcher's own signals are counted, so one that lands after the call it was
     * meant for (a kick racing the call's end) is told from a signal of the program's. */
    struct caller *me = caller_self();
    uint64_t kicks = me ? deadline_kicks(me) : 0;
    for (;;) {
        if (ioctl(vm->cpufd, KVM_RUN, 0) < 0) {
            if (errno != EINTR && errno != EAGAIN) {
                result_fail(res, VT_CRASH, "KVM_RUN failed: %s", strerror(errno));
                kind = VT_CRASH;
                break;
            }
            __atomic_store_n(&run->immediate_exit, 0, __ATOMIC_SEQ_CST);
            if ((kind = call_stop(p, vm, res)) != VT_OK) break;
            if (me && deadline_kicks(me) != kicks) {
                kicks = deadline_kicks(me); /* a kick meant for an earlier call */
                continue;
            }
            result_fail(res, VT_INTERRUPTED, "call interrupted by a signal");
            kind = VT_INTERRUPTED;
            break;
        }
        res->exits++;
        if (run->exit_reason == KVM_EXIT_IO && run->io.direction == KVM_EXIT_IO_OUT &&
            run->io.port == PORT_HYPERCALL) {
            uint32_t nr;
            memcpy(&nr, (uint8_t *)run + run->io.data_offset, 4);
            if (booting && nr == HC_SNAPSHOT) { kind = SNAPSHOT_TAKEN; break; }
            bool done = false;
            kind = hypercall(p, vm, res, &done);
            if (kind != VT_OK || done) break;
            continue;
        }
        if (run->exit_reason == KVM_EXIT_IO && run->io.port == PORT_FAULT && run->io.size == 4)
            kind = guest_fault(vm, res);
        else
            kind = unexpected_exit(vm, res);
        break;
    }
    /* A deadline that passed as the call ended still counts: the kick may be on its
     * way, and the VM (its immediate_exit perhaps set) is discarded with the call. */
    if (vm->deadline && deadline_end(vm->deadline) && kind != VT_TIMEOUT) {
        result_fail(res, VT_TIMEOUT, "call exceeded its %.3g s timeout", vm->timeout);
        kind = VT_TIMEOUT;
    }
    vm->deadline = NULL;
    return kind;
}

/* ---- reset ---- */

/* Guest addresses of the page directories and page tables (machine.c lays them out). */
static uint64_t page_directories(struct vt_pool *p) { return p->mem_top + 2 * PAGE; }

static uint64_t page_tables(struct vt_pool *p) {
    return page_directories(p) + ((p->hdr.mem_size + (1ull << 30) - 1) >> 30) * PAGE;
}

/* Guest pages [lo, hi) that the next call overwrites in full before it starts, so
 * restoring them would be wasted work. */
struct spare {
    uint64_t lo, hi;
};

static bool spared(const struct spare *s, uint64_t addr) {
    return addr >= s->lo && addr + PAGE <= s->hi;
}

/* Call fn(page) for every page of [SYS_TABLES, mem_top) whose guest PTE is dirty and
 * that is not spared. Only 2 MiB regions whose directory entry was ever used are
 * scanned. */
static int64_t for_dirty_pages(struct vt_pool *p, struct vt_vm *vm, const struct spare *spare,
                               int (*fn)(struct vt_pool *, struct vt_vm *, uint64_t)) {
    uint64_t pd = page_directories(p), pt = page_tables(p);
    int64_t count = 0;
    for (uint64_t region = 0; region << 21 < p->mem_top; region++) {
        if (!(read64(vm, pd + region * 8) & PTE_ACCESSED)) continue;
        const uint64_t *ptes = (const uint64_t *)(vm->mem + pt + region * PAGE);
        for (uint64_t line = 0; line < 512; line += 8) { /* a cache line of entries */
            uint64_t any = 0;
            for (int j = 0; j < 8; j++) any |= ptes[line + j];
            if (!(any & PTE_DIRTY)) continue; /* the common case: one test per line */
            for (uint64_t i = line; i < line + 8; i++) {
                uint64_t addr = region << 21 | i << 12;
                if (addr >= p->mem_top) break;
                if (!(ptes[i] & PTE_DIRTY) || spared(spare, addr)) continue;
                if (fn(p, vm, addr) < 0) return -1;
                count++;
            }
        }
    }
    return count;
}

/* The guest PTE of a mapped page says it was written (only called for pages below
 * mem_top, whose 2 MiB region has a page table). */
static bool pte_dirty(struct vt_pool *p, struct vt_vm *vm, uint64_t addr) {
    return read64(vm, page_tables(p) + (addr >> 21) * PAGE + ((addr >> 12) & 511) * 8) &
           PTE_DIRTY;
}

static int restore_page(struct vt_pool *p, struct vt_vm *vm, uint64_t addr) {
    memcpy(vm->mem + addr, p->clean + addr, PAGE);
    return 0;
}

static int save_page(struct vt_pool *p, struct vt_vm *vm, uint64_t addr) {
    return pwrite(p->memfd, vm->mem + addr, PAGE, (off_t)addr) == (ssize_t)PAGE ? 0 : -1;
}

/* Put back every page the previous call on this VM dirtied, except the spared ones.
 * It runs just before the next call rather than after the last, so that pages the
 * next call's arguments overwrite anyway are not copied twice; until then the VM sits
 * in the pool, unreachable by any guest. */
static uint64_t restore(struct vt_pool *p, struct vt_vm *vm, const struct spare *spare) {
    uint64_t count = for_dirty_pages(p, vm, spare, restore_page);
    if (vm->host_dirty_overflow) {
        memcpy(vm->mem + p->user_lo, p->clean + p->user_lo, p->mem_top - p->user_lo);
        return count + (p->mem_top - p->user_lo) / PAGE;
    }
    for (int i = 0; i < vm->host_dirty_n; i++) {
        uint64_t lo = vm->host_dirty[i][0] & ~(PAGE - 1), hi = vm->host_dirty[i][0] + vm->host_dirty[i][1];
        for (uint64_t a = lo; a < hi; a += PAGE) {
            if (pte_dirty(p, vm, a) || spared(spare, a)) continue; /* done above, or not needed */
            restore_page(p, vm, a);
            count++;
        }
    }
    return count;
}

/* Put back what the previous call dirtied. Dirty bits are sticky, so after one call that
 * wrote much (a big buffer, say, or the boot of the VM that took the snapshot, whose
 * writes the snapshot holds) every later call on the VM would copy all of it back.
 * When the set passes the VM's threshold it maps the snapshot afresh instead, which
 * starts its dirty bits clean at the price of refaulting what the next call touches.
 * If the reset right after that is as big, the workload writes that much every call:
 * then remapping would only add refaults, and the threshold moves out of its way. */
static int reset(struct vt_pool *p, struct vt_vm *vm, const struct spare *spare,
                 struct vt_result *res) {
    uint64_t pages = restore(p, vm, spare);
    __atomic_store_n(&p->stats.pages_restored, pages, __ATOMIC_RELAXED);
    if (pages <= vm->remap_above) {
        vm->remapped = false;
        return 0;
    }
    if (vm->remapped) {
        vm->remap_above *= 4;
        vm->remapped = false;
        return 0;
    }
    vm->remapped = true;
    if (machine_vm_remap(p, vm, res->message, sizeof res->message) < 0) {
        res->kind = VT_ERROR;
        return -1;
    }
    return 0;
}

/* ---- VMs ---- */

static int vm_load_start_state(struct vt_pool *p, struct vt_vm *vm, char *err, size_t n) {
    if (ioctl(vm->cpufd, KVM_SET_SREGS, &p->start_sregs) < 0) {
        snprintf(err, n, "KVM_SET_SREGS: %s", strerror(errno));
        return -1;
    }
    if (p->start_xcrs.nr_xcrs && ioctl(vm->cpufd, KVM_SET_XCRS, &p->start_xcrs) < 0) {
        snprintf(err, n, "KVM_SET_XCRS: %s", strerror(errno));
        return -1;
    }
    return 0;
}

static struct vt_vm *vm_new(struct vt_pool *p, struct vt_result *res) {
    struct vt_vm *vm = machine_vm_create(p, res->message, sizeof res->message);
    if (vm && vm_load_start_state(p, vm, res->message, sizeof res->message) < 0) {
        machine_vm_destroy(vm);
        vm = NULL;
    }
    if (!vm) { res->kind = VT_ERROR; return NULL; }
    pthread_mutex_lock(&p->lock);
    p->stats.vms_created++;
    pthread_mutex_unlock(&p->lock);
    return vm;
}

/* With p->lock held: vm is in a call by `runner`'s thread, where vt_pool_close finds it. */
static void busy_add(struct vt_pool *p, struct vt_vm *vm, struct caller *runner) {
    vm->runner = runner;
    vm->next = p->busy;
    p->busy = vm;
}

/* A call is over (vm: the VM it held, if any). */
static void call_done(struct vt_pool *p, struct vt_vm *vm, bool keep) {
    if (vm) files_close(vm);
    pthread_mutex_lock(&p->lock);
    for (struct vt_vm **l = &p->busy; vm && *l; l = &(*l)->next)
        if (*l == vm) { *l = vm->next; break; }
    if (vm && keep) {
        vm->next = p->ready;
        p->ready = vm;
    } else if (vm) {
        p->stats.vms_discarded++;
    }
    if (!--p->running && p->closed) pthread_cond_broadcast(&p->idle);
    pthread_mutex_unlock(&p->lock);
    if (vm && !keep) machine_vm_destroy(vm);
}

static void vm_start_call(struct vt_pool *p, struct vt_vm *vm, const uint8_t *input,
                          size_t input_len) {
    vm->brk = p->hdr.heap_start;
    vm->input = input;
    vm->input_len = input_len;
    vm->input_off = 0;
    vm->host_dirty_n = 0;
    vm->host_dirty_overflow = false;
    vm->run->s.regs.regs = p->start_regs;
    vm->run->kvm_dirty_regs = KVM_SYNC_X86_REGS;
    if (p->reset_sregs) {
        vm->run->s.regs.sregs = p->start_sregs;
        vm->run->kvm_dirty_regs |= KVM_SYNC_X86_SREGS;
    }
}

/* Runs the first VM from boot to the image's snapshot hypercall and makes the pool's
 * memory and start state that snapshot. */
static int take_snapshot(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res) {
    vm_start_call(p, vm, NULL, 0);
    int kind = run_vm(p, vm, res, true);
    if (kind != SNAPSHOT_TAKEN) {
        char why[sizeof res->message];
        snprintf(why, sizeof why, "%s", res->message);
        if (kind == VT_OK)
            result_fail(res, VT_CRASH, "guest exited while initialising, before its snapshot "
                        "point (an exit() in a constructor or virtine_init function?)");
        else result_fail(res, kind, "%s (while initialising, before the snapshot point)", why);
        return -1;
    }
    files_snapshot(p, vm); /* initialisation's files are no call's */
    /* Complete the pending `out` without running further, so the saved rip is past it. */
    vm->run->immediate_exit = 1;
    ioctl(vm->cpufd, KVM_RUN, 0);
    vm->run->immediate_exit = 0;
    struct kvm_regs regs = vm->run->s.regs.regs;
    if (ioctl(vm->cpufd, KVM_GET_SREGS, &p->start_sregs) < 0 ||
        (p->start_xcrs.nr_xcrs = 0, ioctl(vm->cpufd, KVM_GET_XCRS, &p->start_xcrs) < 0)) {
        result_fail(res, VT_ERROR, "reading the snapshot state: %s", strerror(errno));
        return -1;
    }
    /* Where the trampoline finds what it puts back: rip, and the FS/GS base the guest
     * had (only ring 3 code of its own can have changed them). */
    const uint64_t resume = regs.rip, bases[2] = {p->start_sregs.fs.base, p->start_sregs.gs.base};
    _Static_assert(GSBASE_SLOT == FSBASE_SLOT + 8, "bases[] is written as one");
    static const struct spare none;
    if (for_dirty_pages(p, vm, &none, save_page) < 0 ||
        pwrite(p->memfd, &resume, 8, RESUME_SLOT) != 8 ||
        pwrite(p->memfd, bases, sizeof bases, FSBASE_SLOT) != sizeof bases) {
        result_fail(res, VT_ERROR, "saving the snapshot: %s", strerror(errno));
        return -1;
    }
    regs.rax = 0;
    regs.rip = TRAMPOLINE;
    p->start_regs = regs;
    return 0;
}

/* ---- public API ---- */

struct vt_pool *vt_pool_create(const uint8_t *image, size_t len, const struct vt_options *opt,
                               struct vt_result *res) {
    memset(res, 0, sizeof *res);
    res->vector = -1;
    struct vt_pool *p = calloc(1, sizeof *p);
    if (!p) { result_fail(res, VT_ERROR, "out of memory"); return NULL; }
    p->memfd = -1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->idle, NULL);
    p->opt = *opt;
    if (image_check(image, len, &p->hdr, res->message, sizeof res->message) < 0) {
        res->kind = VT_ERROR;
        goto bad;
    }
    if (opt->memory_limit && p->hdr.mem_size > opt->memory_limit) {
        result_fail(res, VT_ERROR, "image needs %llu bytes of guest memory, the limit is %llu",
                    (unsigned long long)p->hdr.mem_size, (unsigned long long)opt->memory_limit);
        goto bad;
    }
    __builtin_cpu_init();
    if ((p->hdr.flags & FLAG_X86_64_V2) && !__builtin_cpu_supports("x86-64-v2")) {
        result_fail(res, VT_ERROR, "image is built for x86-64-v2 CPUs (SSE4.2, SSSE3, "
                    "POPCNT); this CPU lacks some of that");
        goto bad;
    }
    if (opt->boot == VT_BOOT_STUB && !(p->hdr.flags & FLAG_BOOT_STUB)) {
        result_fail(res, VT_ERROR, "image has no boot stub");
        goto bad;
    }
    p->allow = p->hdr.allow | opt->allow | HC_ALWAYS;
    if (files_grant(p, opt, res->message, sizeof res->message) < 0) {
        res->kind = VT_ERROR;
        goto bad;
    }
    p->mem_top = p->hdr.mem_size - page_table_bytes(p->hdr.mem_size);
    p->user_lo = p->hdr.load_addr + p->hdr.text_size;
    if (machine_kvm_fd(res->message, sizeof res->message) < 0 ||
        machine_build_memory(p, image, res->message, sizeof res->message) < 0) {
        res->kind = VT_ERROR;
        goto bad;
    }
    struct vt_vm *first = machine_vm_create(p, res->message, sizeof res->message);
    if (first) machine_publish_clock(p, first);
    if (!first || machine_boot_state(p, first, res->message, sizeof res->message) < 0 ||
        vm_load_start_state(p, first, res->message, sizeof res->message) < 0) {
        machine_vm_destroy(first);
        res->kind = VT_ERROR;
        goto bad;
    }
    p->stats.vms_created = 1;
    bool snapshot = opt->snapshot && (p->hdr.flags & FLAG_SNAPSHOT);
    if (snapshot && take_snapshot(p, first, res) < 0) {
        machine_vm_destroy(first);
        goto bad;
    }
    p->reset_sregs = !snapshot && opt->boot == VT_BOOT_STUB;
    p->ready = first;
    for (uint32_t i = 1; i < opt->pool_size; i++) {
        struct vt_vm *vm = vm_new(p, res);
        if (!vm) goto bad;
        vm->next = p->ready;
        p->ready = vm;
    }
    return p;
bad:
    vt_pool_destroy(p);
    return NULL;
}

/* The segments lie inside the argument area (overflow-safe). */
static bool segments_fit(struct vt_pool *p, const struct vt_segment *seg, uint32_t n, bool in) {
    uint64_t size = p->hdr.argarea_size;
    for (uint32_t i = 0; i < n; i++) {
        if (seg[i].len > size || seg[i].offset > size - seg[i].len) return false;
        if (seg[i].len && !seg[i].data && !(in && seg[i].flags & VT_SEG_ZERO)) return false;
    }
    return true;
}

/* End of the gapless prefix [0, end) of the argument area that the in segments cover. */
static uint64_t covered_prefix(const struct vt_segment *in, uint32_t n) {
    uint64_t prefix = 0;
    for (uint32_t i = 0; i < n; i++)
        if (in[i].offset <= prefix && in[i].offset + in[i].len > prefix)
            prefix = in[i].offset + in[i].len;
    return prefix;
}

static void copy_in(struct vt_pool *p, struct vt_vm *vm, const struct vt_segment *in,
                    uint32_t n) {
    uint8_t *area = vm->mem + p->hdr.argarea_addr;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct vt_segment *s = &in[i];
        if (!s->len) continue;
        if (s->flags & VT_SEG_ZERO) memset(area + s->offset, 0, s->len);
        else memcpy(area + s->offset, s->data, s->len);
        if (s->offset < lo) lo = s->offset;
        if (s->offset + s->len > hi) hi = s->offset + s->len;
    }
    if (hi) host_wrote(vm, p->hdr.argarea_addr + lo, hi - lo);
}

static void copy_out(struct vt_pool *p, struct vt_vm *vm, const struct vt_segment *out,
                     uint32_t n, uint64_t result_len) {
    const uint8_t *area = vm->mem + p->hdr.argarea_addr;
    for (uint32_t i = 0; i < n; i++) {
        const struct vt_segment *s = &out[i];
        if (s->offset >= result_len) continue;
        uint64_t room = result_len - s->offset;
        uint64_t end = s->offset + (s->len < room ? s->len : room);
        if (!(s->flags & VT_SEG_GUEST_WRITTEN)) {
            memcpy(s->data, area + s->offset, end - s->offset);
            continue;
        }
        for (uint64_t at = s->offset; at < end;) {
            uint64_t guest = p->hdr.argarea_addr + at;
            uint64_t next = (guest & ~(PAGE - 1)) + PAGE - p->hdr.argarea_addr;
            if (next > end) next = end;
            if (pte_dirty(p, vm, guest)) memcpy(s->data + (at - s->offset), area + at, next - at);
            at = next;
        }
    }
}

/* One call on a ready VM. */
static int call(struct vt_pool *p, const struct vt_segment *in, uint32_t n_in,
                const struct vt_segment *out, uint32_t n_out, const uint8_t *input,
                size_t input_len, struct vt_result *res) {
    memset(res, 0, sizeof *res);
    res->vector = -1;
    if (!segments_fit(p, in, n_in, true) || !segments_fit(p, out, n_out, false)) {
        result_fail(res, VT_ERROR, "the arguments do not fit the %llu-byte argument area",
                    (unsigned long long)p->hdr.argarea_size);
        return VT_ERROR;
    }
    pthread_t me = pthread_self();
    struct caller *self = caller_self();
    pthread_mutex_lock(&p->lock);
    if (p->closed) {
        pthread_mutex_unlock(&p->lock);
        result_fail(res, VT_ERROR, "this virtine is closed");
        return VT_ERROR;
    }
    struct vt_vm **link = &p->ready;
    for (struct vt_vm **l = &p->ready; *l; l = &(*l)->next)
        if ((*l)->owned && pthread_equal((*l)->owner, me)) { link = l; break; }
    struct vt_vm *vm = *link;
    if (vm) {
        *link = vm->next;
        busy_add(p, vm, self);
    }
    p->stats.calls++;
    p->running++;
    pthread_mutex_unlock(&p->lock);
    if (!vm) {
        if (!(vm = vm_new(p, res))) {
            call_done(p, NULL, false);
            return VT_ERROR;
        }
        pthread_mutex_lock(&p->lock);
        busy_add(p, vm, self);
        bool closed = p->closed; /* a close that began meanwhile could not stop this VM */
        pthread_mutex_unlock(&p->lock);
        if (closed) {
            result_fail(res, VT_ERROR, "this virtine is closed");
            call_done(p, vm, false);
            return VT_ERROR;
        }
    }
    vm->owner = me;
    vm->owned = true;

    struct spare spare = {p->hdr.argarea_addr, p->hdr.argarea_addr + covered_prefix(in, n_in)};
    if (reset(p, vm, &spare, res) < 0) {
        call_done(p, vm, false);
        return VT_ERROR;
    }
    vm_start_call(p, vm, input, input_len);
    copy_in(p, vm, in, n_in);
    int kind = postmortem(p, vm, run_vm(p, vm, res, false), res);
    if (kind == VT_OK) copy_out(p, vm, out, n_out, res->result_len);
    call_done(p, vm, kind == VT_OK || kind == VT_POLICY || kind == VT_ERROR);
    return res->kind = kind;
}

static int handed_off_call(struct vt_pool *p, const struct vt_segment *in, uint32_t n_in,
                           const struct vt_segment *out, uint32_t n_out, const uint8_t *input,
                           size_t input_len, struct vt_result *res) {
    if (!p->opt.gil_handoff) return call(p, in, n_in, out, n_out, input, input_len, res);
    handoff_enter();
    int kind = call(p, in, n_in, out, n_out, input, input_len, res);
    handoff_return();
    return kind;
}

int vt_call_segments(struct vt_pool *p, const struct vt_segment *in, uint32_t n_in,
                     const struct vt_segment *out, uint32_t n_out, const uint8_t *input,
                     size_t input_len, struct vt_result *res) {
    return handed_off_call(p, in, n_in, out, n_out, input, input_len, res);
}

int vt_call_plain(const struct vt_prepared *c) {
    struct vt_result *res = c->res;
    int kind = handed_off_call(c->pool, c->in, c->n_in, c->out, c->n_out, c->input,
                               c->input_len, res);
    if (kind != VT_OK) return kind;
    bool whole = true;
    for (uint32_t i = 0; i < c->n_out; i++)
        whole = whole && (c->out[i].flags & VT_SEG_PARTIAL ||
                          c->out[i].offset + c->out[i].len <= res->result_len);
    return res->status || !whole || res->out_len || res->err_len ? VT_UNUSUAL : VT_OK;
}

int vt_call(struct vt_pool *p, const uint8_t *args, size_t args_len, const uint8_t *input,
            size_t input_len, uint8_t *result, size_t result_cap, struct vt_result *res) {
    struct vt_segment in = {0, (uint8_t *)args, args_len, 0};
    struct vt_segment out = {0, result, result_cap, 0};
    if (result_cap > p->hdr.argarea_size) out.len = p->hdr.argarea_size; /* all there can be */
    return handed_off_call(p, &in, 1, &out, 1, input, input_len, res);
}

void vt_result_release(struct vt_result *res) {
    free(res->out);
    free(res->err);
    res->out = res->err = NULL;
    res->out_len = res->err_len = 0;
}

void vt_pool_stats(struct vt_pool *p, struct vt_pool_stats *stats) {
    pthread_mutex_lock(&p->lock);
    *stats = p->stats;
    stats->vms_ready = 0;
    for (struct vt_vm *vm = p->ready; vm; vm = vm->next) stats->vms_ready++;
    pthread_mutex_unlock(&p->lock);
}

void vt_pool_close(struct vt_pool *p) {
    pthread_mutex_lock(&p->lock);
    atomic_store(&p->closed, true);
    /* Stop the calls running in other threads: a guest need not ever return. The kick
     * makes KVM_RUN (or a host syscall serving a hypercall) return; a runner outside it
     * finds immediate_exit set when it enters again. Either way the call sees `closed`
     * and ends, and the runner cannot leave the call (which takes this lock) while being
     * kicked. The kicks repeat until the calls are gone: one may land just before its
     * runner blocks in a syscall. */
    for (;;) {
        for (struct vt_vm *vm = p->busy; vm; vm = vm->next) {
            __atomic_store_n(&vm->run->immediate_exit, 1, __ATOMIC_SEQ_CST);
            if (vm->runner) kick_caller(vm->runner);
        }
        if (!p->running) break;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += CLOSE_REKICK_NS;
        if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&p->idle, &p->lock, &until);
    }
    /* Taken under the lock, so of two threads closing at once one frees them. */
    struct vt_vm *ready = p->ready;
    uint8_t *clean = p->clean;
    int memfd = p->memfd;
    p->ready = NULL;
    p->clean = NULL;
    p->memfd = -1;
    pthread_mutex_unlock(&p->lock);
    while (ready) {
        struct vt_vm *vm = ready;
        ready = vm->next;
        machine_vm_destroy(vm);
    }
    if (clean) munmap(clean, p->hdr.mem_size);
    if (memfd >= 0) close(memfd);
}

void vt_pool_destroy(struct vt_pool *p) {
    if (!p) return;
    vt_pool_close(p);
    files_release(p);
    pthread_cond_destroy(&p->idle);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
