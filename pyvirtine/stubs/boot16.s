# The boot stub (docs/ABI.md, "Boot"): the vCPU starts here in real mode and walks
# 16 -> 32 -> 64-bit itself, as in the virtines paper, using the tables and boot info
# the host placed below 0x10000, then enters the image at CPL3 through the per-call
# trampoline. Position independent: its linear base is %cs << 4 (it must start on a
# 16-byte boundary), so the linker may place it anywhere below 1 MiB.
        .section .text.boot16,"ax",@progbits
        .balign 16
        .code16
        .globl __virtine_boot16
__virtine_boot16:
        cli
        xorl    %ebx, %ebx
        movw    %cs, %bx
        shll    $4, %ebx                        # linear address of the stub
        xorw    %ax, %ax
        movw    %ax, %ds
        lgdtl   0x1080
        leal    (.Lboot32 - __virtine_boot16)(%ebx), %eax
        movl    %eax, 0x5000                    # far pointer 0x38:.Lboot32 in scratch memory
        movw    $0x38, 0x5004
        movl    %cr0, %eax
        andl    $0x9fffffff, %eax               # caching on: CD and NW clear
        orl     $1, %eax                        # PE
        movl    %eax, %cr0
        ljmpl   *0x5000

        .code32
.Lboot32:
        movw    $0x10, %ax
        movw    %ax, %ds
        movw    %ax, %es
        movw    %ax, %ss
        movl    $0x5000, %esp
        movl    0x10c0, %eax                    # the CR4 the host chose for this CPU
        movl    %eax, %cr4
        movl    0x10a0, %eax
        movl    %eax, %cr3
        movl    $0xc0000080, %ecx               # EFER
        rdmsr
        orl     $0x900, %eax                    # LME NXE
        wrmsr
        movl    %cr0, %eax
        orl     $0x80010022, %eax               # PG WP NE MP
        movl    %eax, %cr0
        leal    (.Lboot64 - __virtine_boot16)(%ebx), %eax
        movl    %eax, 0x5000
        movw    $0x08, 0x5004
        ljmpl   *0x5000

        .code64
.Lboot64:
        lidt    0x1090
        movw    $0x28, %ax
        ltr     %ax
        movl    0x10b8, %eax
        movl    0x10bc, %edx
        testl   %eax, %eax
        jz      2f
        xorl    %ecx, %ecx
        xsetbv
2:      pushq   $0x1b                           # ss: user data
        pushq   0x10b0                          # rsp: stack_top
        pushq   $0x3002                         # rflags: IOPL 3
        pushq   $0x23                           # cs: user code
        pushq   0x10a8                          # rip: the per-call trampoline
        iretq
