/* Test shim: stands in for the guest runtime (crt0, image linker, host) so the
   libc can be tested as an ordinary static Linux program. Hypercalls map onto
   Linux system calls. Only tests link this; it is not part of the libc. */
#include <stddef.h>

#ifndef HEAP_SIZE
#define HEAP_SIZE (16 << 20)
#endif

#define STR2(x) #x
#define STR(x) STR2(x)

__asm__(".bss\n"
        ".globl __heap_start\n.globl __heap_end\n"
        ".balign 4096\n"
        "__heap_start:\n"
        ".skip " STR(HEAP_SIZE) "\n"
        "__heap_end:\n"
        ".text\n"
        ".globl _start\n"
        "_start:\n"
        "  xorl %ebp, %ebp\n"
        "  andq $-16, %rsp\n"
        "  call shim_main\n"
        "  hlt\n");

int main(void);
void exit(int status);

static long syscall3(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return ret;
}

struct linux_timespec {
    long sec, nsec;
};

/* What stdio leaves unflushed, as the host finds it (docs/ABI.md). */
extern const struct {
    unsigned long count;
    struct { unsigned long fd; const unsigned char *buf; const size_t *len; size_t cap; } s[2];
} __virtine_pending_output;

/* No TSC rate published: clock() takes the times hypercall, mapped onto Linux below;
   no RDRAND offered: virtine_random takes the random one. */
const volatile unsigned long __virtine_tsc_khz = 0;
const volatile unsigned long __virtine_guest_features = 0;

long __virtine_hypercall(long nr, long a0, long a1, long a2)
{
    struct linux_timespec ts;
    switch (nr) {
    case 0: /* exit(status, result_len) */
        for (;;)
            syscall3(231, a0, 0, 0);
    case 1: /* close */
        return syscall3(3, a0, 0, 0);
    case 4: /* lseek */
        return syscall3(8, a0, a1, a2);
    case 5: /* open: every file the test program names is granted */
        return syscall3(2, a0, a1, a2);
    case 6: /* read(fd, buf, len) */
        return syscall3(0, a0, a1, a2);
    case 9: /* unlink */
        return syscall3(87, a0, 0, 0);
    case 15: /* rename */
        return syscall3(82, a0, a1, 0);
    case 8: /* times: monotonic ns */
        syscall3(228, 1, (long)&ts, 0);
        return ts.sec * 1000000000L + ts.nsec;
    case 10: /* write(fd, buf, len) */
        return syscall3(1, a0, a1, a2);
    case 11: /* gettimeofday(struct { i64 sec, usec } *) */
        syscall3(228, 0, (long)&ts, 0);
        ((long *)a0)[0] = ts.sec;
        ((long *)a0)[1] = ts.nsec / 1000;
        return 0;
    case 14: /* random(buf, len <= 256) */
        return syscall3(318, a0, a1 < 256 ? a1 : 256, 0);
    case 64: /* abort: the host writes what stdio still holds and ends the call */
        for (unsigned long i = 0; i < __virtine_pending_output.count; i++)
            syscall3(1, __virtine_pending_output.s[i].fd, (long)__virtine_pending_output.s[i].buf,
                     (long)*__virtine_pending_output.s[i].len);
        for (;;)
            syscall3(231, 134, 0, 0);
    default:
        return -38;
    }
}

void shim_main(void)
{
    exit(main());
}
