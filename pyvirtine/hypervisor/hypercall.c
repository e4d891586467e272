/* Hypercalls (docs/ABI.md): one `out` exit each. Arguments and the result travel in
 * registers through KVM_CAP_SYNC_REGS, so a hypercall costs exactly that exit. Every
 * guest pointer is checked against the guest's own memory before the host touches it,
 * and no host file descriptor is ever handed to a guest (files.c serves the files the
 * caller granted, by descriptors of the guest's own). */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static const char *const names[HC_COUNT] = {
    "exit", "close", "fstat", "link", "lseek", "open", "read", "sbrk", "times", "unlink",
    "write", "gettimeofday", "isatty", "snapshot", "random", "rename"};

const char *hypercall_name(uint32_t nr) { return nr < HC_COUNT ? names[nr] : "unknown"; }

/* [addr, addr+len) lies in memory the guest itself may read (code and data) or, for
 * host writes, in its user-writable memory. Overflow-safe. */
bool guest_range(struct vt_pool *p, uint64_t addr, uint64_t len, bool for_host_write) {
    uint64_t lo = for_host_write ? p->user_lo : p->hdr.load_addr, hi = p->mem_top;
    return addr >= lo && addr <= hi && len <= hi - addr;
}

void host_wrote(struct vt_vm *vm, uint64_t addr, uint64_t len) {
    if (!len) return;
    if (vm->host_dirty_n == HOST_DIRTY_MAX) { vm->host_dirty_overflow = true; return; }
    vm->host_dirty[vm->host_dirty_n][0] = addr;
    vm->host_dirty[vm->host_dirty_n][1] = len;
    vm->host_dirty_n++;
}

static int append(uint8_t **buf, uint64_t *len, const uint8_t *data, uint64_t n) {
    if (*len + n > OUTPUT_LIMIT) return -EFBIG;
    uint8_t *grown = realloc(*buf, *len + n);
    if (!grown) return -ENOMEM;
    memcpy(grown + *len, data, n);
    *buf = grown;
    *len += n;
    return 0;
}

/* Returns the kind the call goes on with (VT_OK) or must end with, and in *ret what the
 * guest gets. Passed through to a host fd, a write blocks as long as that fd does (a
 * pipe nobody drains); a signal from the watchdog or vt_pool_close interrupts it, and
 * the call then ends as the signal meant, with whatever was written gone out. Unless
 * `wait`: then it writes what the fd takes without blocking and drops the rest (for
 * output rescued after a call has ended, which no signal would interrupt). */
int hc_write(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res, uint64_t fd,
             uint64_t buf, uint64_t len, bool wait, int64_t *ret) {
    *ret = (int64_t)len;
    if (fd != 1 && fd != 2) { *ret = -EBADF; return VT_OK; }
    if (!guest_range(p, buf, len, false)) { *ret = -EFAULT; return VT_OK; }
    const uint8_t *data = vm->mem + buf;
    if (p->opt.capture) {
        int e = fd == 1 ? append(&res->out, &res->out_len, data, len)
                        : append(&res->err, &res->err_len, data, len);
        if (e) *ret = e;
        return VT_OK;
    }
    for (uint64_t done = 0; done < len;) {
        struct pollfd ready = {.fd = (int)fd, .events = POLLOUT};
        if (!wait && poll(&ready, 1, 0) != 1) break;
        /* a pipe with room for a page takes a page without blocking */
        size_t chunk = wait || len - done < PIPE_BUF ? len - done : PIPE_BUF;
        ssize_t w = write((int)fd, data + done, chunk);
        if (w < 0 && errno != EINTR) { *ret = -errno; return VT_OK; }
        if (w > 0) done += w;
        if (done < len) { /* interrupted: by a signal that ends the call? */
            int kind = call_stop(p, vm, res);
            if (kind != VT_OK) return kind;
        }
    }
    return VT_OK;
}

static int64_t hc_read(struct vt_pool *p, struct vt_vm *vm, uint64_t fd, uint64_t buf,
                       uint64_t len) {
    if (fd != 0) return -EBADF;
    if (!guest_range(p, buf, len, true)) return -EFAULT;
    size_t left = vm->input_len - vm->input_off;
    size_t n = len < left ? len : left;
    memcpy(vm->mem + buf, vm->input + vm->input_off, n);
    host_wrote(vm, buf, n);
    vm->input_off += n;
    return (int64_t)n;
}

static int64_t hc_sbrk(struct vt_pool *p, struct vt_vm *vm, int64_t increment) {
    uint64_t old = vm->brk;
    if (increment < 0 ? (uint64_t)-increment > old - p->hdr.heap_start
                      : (uint64_t)increment > p->hdr.heap_end - old)
        return -ENOMEM;
    vm->brk = old + increment;
    return (int64_t)old;
}

static int64_t hc_gettimeofday(struct vt_pool *p, struct vt_vm *vm, uint64_t tv) {
    if (!guest_range(p, tv, 16, true)) return -EFAULT;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    int64_t out[2] = {now.tv_sec, now.tv_nsec / 1000};
    memcpy(vm->mem + tv, out, sizeof out);
    host_wrote(vm, tv, sizeof out);
    return 0;
}

/* Fresh entropy from the host's kernel, at most 256 bytes at a time (getentropy's
 * limit), for guests whose CPU offers no RDRAND to ring 3. */
static int64_t hc_random(struct vt_pool *p, struct vt_vm *vm, uint64_t buf, uint64_t len) {
    if (len > 256) len = 256;
    if (!guest_range(p, buf, len, true)) return -EFAULT;
    ssize_t n;
    do n = getrandom(vm->mem + buf, len, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0) return -errno;
    host_wrote(vm, buf, (uint64_t)n);
    return n;
}

/* Handle the hypercall the guest just exited with. Returns the result kind: VT_OK
 * to keep running (or, with *done, a finished call), another to stop the call. */
int hypercall(struct vt_pool *p, struct vt_vm *vm, struct vt_result *res, bool *done) {
    struct kvm_run *run = vm->run;
    struct kvm_regs *r = &run->s.regs.regs;
    uint32_t nr;
    memcpy(&nr, (uint8_t *)run + run->io.data_offset, sizeof nr);
    int64_t ret;
    if (run->io.size == 4 && files_hypercall(p, vm, nr, r, &ret)) {
        r->rax = (uint64_t)ret;
        run->kvm_dirty_regs |= KVM_SYNC_X86_REGS;
        return VT_OK;
    }
    if (run->io.size != 4 || nr >= 64 || !(p->allow & (1ull << nr))) {
        res->hypercall = nr;
        result_fail(res, VT_POLICY, "hypercall %s (%u) is not allowed by this virtine's policy",
                    hypercall_name(nr), nr);
        return VT_POLICY;
    }
    int kind = VT_OK;
    switch (nr) {
    case HC_EXIT:
        if (!guest_range(p, p->hdr.argarea_addr, r->rsi, false) || r->rsi > p->hdr.argarea_size) {
            result_fail(res, VT_CRASH, "exit: result length %llu exceeds the argument area",
                        (unsigned long long)r->rsi);
            return VT_CRASH;
        }
        res->status = (int64_t)r->rdi;
        res->result_len = r->rsi; /* the caller copies out what it asked for */
        *done = true;
        return VT_OK;
    case HC_WRITE: kind = hc_write(p, vm, res, r->rdi, r->rsi, r->rdx, true, &ret); break;
    case HC_RANDOM: ret = hc_random(p, vm, r->rdi, r->rsi); break;
    case HC_READ: ret = hc_read(p, vm, r->rdi, r->rsi, r->rdx); break;
    case HC_SBRK: ret = hc_sbrk(p, vm, (int64_t)r->rdi); break;
    case HC_GETTIMEOFDAY: ret = hc_gettimeofday(p, vm, r->rdi); break;
    case HC_TIMES: {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        ret = now.tv_sec * 1000000000ll + now.tv_nsec;
        break;
    }
    case HC_CLOSE: ret = 0; break; /* fds 0-2; files_hypercall has the others */
    case HC_ISATTY: ret = 0; break;
    case HC_SNAPSHOT: ret = 0; break; /* the pool takes it at boot; later ones are no-ops */
    default: ret = -ENOSYS; break; /* link */
    }
    r->rax = (uint64_t)ret;
    run->kvm_dirty_regs |= KVM_SYNC_X86_REGS;
    return kind;
}
