# crt0: a virtine's first and last instructions (docs/ABI.md, "crt0 and dispatch").
# Entered at CPL3 with rsp = stack_top (16-byte aligned) and no return address, so the
# entry points never return and may clobber every register.

        .code64

# Function mode: every call runs __virtine_dispatch(argarea) and exits with its result.
        .section .text.__virtine_entry64,"ax",@progbits
        .globl __virtine_entry64
        .type __virtine_entry64,@function
__virtine_entry64:
        call __virtine_start
        mov $__argarea, %edi
        call __virtine_dispatch
        mov %rax, %rbx                  # result length, callee-saved across the flush
        mov $__libc_flush, %eax
        test %rax, %rax
        jz 1f
        call *%rax
1:      xor %edi, %edi
        mov %rbx, %rsi
        xor %eax, %eax                  # exit(0, result_len)
        out %eax, $0xf0
        ud2
        .size __virtine_entry64, . - __virtine_entry64

# Program mode: the argument area holds u64 argc, then argc NUL-terminated strings.
# Build argv (argc pointers and a NULL) on the stack, call main, exit with its status.
        .section .text.__virtine_main64,"ax",@progbits
        .globl __virtine_main64
        .type __virtine_main64,@function
__virtine_main64:
        call __virtine_start
        mov $__argarea, %esi
        mov (%rsi), %rdi                # argc
        add $8, %rsi                    # first string
        lea 23(,%rdi,8), %rax           # (argc + 1) pointers, rounded up to 16 bytes
        and $-16, %rax
        sub %rax, %rsp
        xor %ecx, %ecx
2:      cmp %rdi, %rcx
        je 4f
        mov %rsi, (%rsp,%rcx,8)
3:      cmpb $0, (%rsi)
        lea 1(%rsi), %rsi               # lea keeps the flags of the cmpb
        jne 3b
        inc %rcx
        jmp 2b
4:      movq $0, (%rsp,%rcx,8)
        mov %rsp, %rsi
        call main
        mov %eax, %edi
        mov $exit, %eax                 # libc's exit flushes stdio; without libc, exit
        test %rax, %rax                 # directly with main's status and no result
        jz 5f
        call *%rax
5:      xor %esi, %esi
        xor %eax, %eax
        out %eax, $0xf0
        ud2
        .size __virtine_main64, . - __virtine_main64

# Shared start: run the constructors (__attribute__((constructor)), virtine_init, the
# Python init= functions: the linker's .init_array table), then snapshot. Every call
# resumes right after the snapshot hypercall, with the memory (and so this frame, the
# return address and what the constructors built) as they were when it was taken. The
# constructors' output is flushed first, so it goes out once, not again with every call.
# Without constructors nothing but this frame's stack page is written before the
# snapshot: every page written then is put back after every call of the VM that took it
# until that VM remaps (libc sets its heap up on first use instead).
        .section .text.__virtine_start,"ax",@progbits
        .type __virtine_start,@function
__virtine_start:
        push %rbx                       # (and the stack is 16-byte aligned for the calls)
        mov $__init_array_start, %ebx
        cmp $__init_array_end, %ebx
        je 3f
1:      call *(%rbx)
        add $8, %ebx
        cmp $__init_array_end, %ebx
        jb 1b
        mov $__libc_flush, %eax
        test %rax, %rax
        jz 3f
        call *%rax
3:      pop %rbx
        mov $__virtine_pending_output, %edi  # where unflushed output lies (0: no stdio)
        mov $13, %eax                   # snapshot
        out %eax, $0xf0
        ret
        .size __virtine_start, . - __virtine_start

# Where the host publishes the TSC's rate for clock() and the features the libc may use
# (docs/ABI.md): absolute symbols, so the libc names them instead of hard-coding addresses.
        .globl __virtine_tsc_khz
        .set __virtine_tsc_khz, 0x3ff0
        .globl __virtine_guest_features
        .set __virtine_guest_features, 0x3fd8

# long __virtine_hypercall(long nr, long a0, long a1, long a2)
        .section .text.__virtine_hypercall,"ax",@progbits
        .globl __virtine_hypercall
        .type __virtine_hypercall,@function
__virtine_hypercall:
        mov %rdi, %rax
        mov %rsi, %rdi
        mov %rdx, %rsi
        mov %rcx, %rdx
        out %eax, $0xf0
        ret
        .size __virtine_hypercall, . - __virtine_hypercall

        .weak __libc_flush
        .weak exit
        .weak __virtine_pending_output
