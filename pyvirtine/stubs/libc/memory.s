# memcpy, memmove and memset. From 64 bytes up they use the string instructions:
# `rep movsb`/`rep stosb` run at full speed on every x86-64 CPU since Ivy Bridge
# (ERMSB) and Zen, natively at CPL3 where the guest is, but have a start-up cost a
# short byte loop does not. (A byte loop in C is what LLVM would turn back into a call
# to these very functions, so they are written here.)
    .text
    .globl memcpy
    .type memcpy, @function
memcpy:
    movq %rdi, %rax
    movq %rdx, %rcx
    cmpq $64, %rdx
    jb 1f
    rep movsb
    ret
1:  testq %rcx, %rcx
    jz 3f
2:  movb (%rsi), %dl
    movb %dl, (%rdi)
    incq %rsi
    incq %rdi
    decq %rcx
    jnz 2b
3:  ret
    .size memcpy, .-memcpy

    .globl memmove
    .type memmove, @function
memmove:
    movq %rdi, %r8
    subq %rsi, %r8
    cmpq %rdx, %r8          # dst - src >= n (unsigned): a forward copy never reads a
    jae memcpy              # byte it already wrote
    movq %rdi, %rax
    movq %rdx, %rcx
    leaq -1(%rsi,%rdx), %rsi
    leaq -1(%rdi,%rdx), %rdi
    std                     # dst overlaps above src: copy backwards
    rep movsb
    cld
    ret
    .size memmove, .-memmove

    .globl memset
    .type memset, @function
memset:
    movq %rdi, %r8
    movl %esi, %eax
    movq %rdx, %rcx
    cmpq $64, %rdx
    jb 1f
    rep stosb
    movq %r8, %rax
    ret
1:  testq %rcx, %rcx
    jz 3f
2:  movb %al, (%rdi)
    incq %rdi
    decq %rcx
    jnz 2b
3:  movq %r8, %rax
    ret
    .size memset, .-memset
