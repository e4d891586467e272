/* What a call that did not end with the exit hypercall leaves for its caller, taken
 * from the VM before it is reset or discarded (run.c calls postmortem once per call):
 *
 *  - the output the guest's stdio still buffered: a program that faults, times out or
 *    is stopped by its policy did not flush, and the host writes (or captures) those
 *    bytes as the write hypercall would have, if the policy allows writing;
 *  - a name for the failures that have one: abort(), a stack overflow;
 *  - the guest's backtrace, from its frame pointers.
 * docs/ABI.md ("Output left in buffers", "Faults") describes what the guest declares. */
#include <string.h>

#include "internal.h"

struct pending_stream { /* libc's __virtine_pending_output (stubs/libc/stdio.c) */
    uint64_t fd, buf, len_addr, cap;
};
#define MAX_PENDING_STREAMS 4
_Static_assert(sizeof ((struct vt_result *)0)->frames == VT_MAX_FRAMES * 8, "launcher.h");

static bool read_guest(struct vt_pool *p, struct vt_vm *vm, uint64_t addr, void *out,
                       uint64_t len) {
    if (!guest_range(p, addr, len, false)) return false;
    memcpy(out, vm->mem + addr, len);
    return true;
}

/* The snapshot hypercall's rdi: the table the guest libc declared (crt0), or 0. */
static void rescue_output(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res) {
    uint64_t table = p->start_regs.rdi, count;
    if (!table || !(p->allow & (1ull << HC_WRITE)) || !read_guest(p, vm, table, &count, 8))
        return;
    for (uint64_t i = 0; i < count && i < MAX_PENDING_STREAMS; i++) {
        struct pending_stream s;
        uint64_t len;
        if (!read_guest(p, vm, table + 8 + i * sizeof s, &s, sizeof s) ||
            !read_guest(p, vm, s.len_addr, &len, 8))
            return;
        if (len > s.cap) len = s.cap; /* a call stopped mid-update */
        int64_t written;
        hc_write(p, vm, res, s.fd, s.buf, len, false, &written); /* checks fd and range */
    }
}

static bool in_stack(struct vt_pool *p, uint64_t addr) {
    return addr >= p->hdr.stack_top - p->hdr.stack_size && addr + 16 <= p->hdr.stack_top;
}

/* Return addresses up the frame-pointer chain (every compiled function keeps one). A
 * fault at a function's first two instructions (`push %rbp; mov %rsp, %rbp`, where a
 * stack overflow lands) comes before its frame exists: its return address is on top
 * of the stack, and rbp is still the caller's. */
static void walk_frames(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res) {
    uint64_t rip = res->regs[16], rsp = res->regs[6], fp = res->regs[7], word;
    uint8_t code[4] = {0};
    read_guest(p, vm, rip - 1, code, 4);
    res->frames[res->nframes++] = rip;
    if (read_guest(p, vm, rsp, &word, 8)) res->stack0 = word;
    bool at_push = code[1] == 0x55; /* push %rbp */
    bool at_mov = code[0] == 0x55 && !memcmp(code + 1, "\x48\x89\xe5", 3); /* mov %rsp, %rbp */
    if ((at_push || at_mov) && read_guest(p, vm, rsp + (at_mov ? 8 : 0), &word, 8))
        res->frames[res->nframes++] = word;
    while (res->nframes < VT_MAX_FRAMES && in_stack(p, fp) && !(fp & 7)) {
        uint64_t frame[2]; /* saved rbp, return address */
        memcpy(frame, vm->mem + fp, sizeof frame);
        if (frame[1] < p->hdr.load_addr || frame[1] >= p->hdr.load_addr + p->hdr.text_size)
            break; /* not a return address: the chain is broken */
        res->frames[res->nframes++] = frame[1];
        if (frame[0] <= fp) break; /* the chain only goes up; crt0's is 0 */
        fp = frame[0];
    }
}

static void name_fault(struct vt_pool *p, struct vt_result *res) {
    uint64_t guard = p->hdr.stack_top - p->hdr.stack_size - PAGE;
    if (res->vector == 14 && res->cr2 >= guard && res->cr2 < guard + PAGE)
        result_fail(res, VT_CRASH, "guest stack overflow at rip 0x%llx: page fault (#PF) at a %s "
                    "of address 0x%llx, in the guard page below the %llu KiB stack",
                    (unsigned long long)res->regs[16], res->error_code & 2 ? "write" : "read",
                    (unsigned long long)res->cr2, (unsigned long long)p->hdr.stack_size >> 10);
}

int postmortem(struct vt_pool *p, struct vt_vm *vm, int kind, struct vt_result *res) {
    if (kind == VT_OK) return kind;
    if (kind == VT_POLICY && res->hypercall == VT_HC_ABORT) { /* never allowed: abort() */
        copy_regs(res, &vm->run->s.regs.regs);
        result_fail(res, VT_CRASH, "guest called abort()");
        kind = VT_CRASH;
    }
    if (kind == VT_CRASH) name_fault(p, res);
    if (kind == VT_CRASH && res->regs[16]) walk_frames(p, vm, res);
    rescue_output(p, vm, res);
    return kind;
}
