# setjmp/longjmp for the x86-64 System V ABI. jmp_buf (setjmp.h) holds the
# callee-saved registers, the stack pointer after setjmp returns, and the
# return address.
    .text
    .globl setjmp
    .type setjmp, @function
setjmp:
    movq %rbx, 0(%rdi)
    movq %rbp, 8(%rdi)
    movq %r12, 16(%rdi)
    movq %r13, 24(%rdi)
    movq %r14, 32(%rdi)
    movq %r15, 40(%rdi)
    leaq 8(%rsp), %rdx
    movq %rdx, 48(%rdi)
    movq (%rsp), %rdx
    movq %rdx, 56(%rdi)
    xorl %eax, %eax
    ret
    .size setjmp, .-setjmp

    .globl longjmp
    .type longjmp, @function
longjmp:
    # longjmp(env, 0) must make setjmp return 1.
    movl %esi, %eax
    testl %eax, %eax
    jnz 1f
    incl %eax
1:
    movq 0(%rdi), %rbx
    movq 8(%rdi), %rbp
    movq 16(%rdi), %r12
    movq 24(%rdi), %r13
    movq 32(%rdi), %r14
    movq 40(%rdi), %r15
    movq 48(%rdi), %rsp
    jmpq *56(%rdi)
    .size longjmp, .-longjmp

    .section .note.GNU-stack,"",@progbits
