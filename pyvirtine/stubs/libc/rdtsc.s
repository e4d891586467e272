# unsigned long __virtine_rdtsc(void): the time-stamp counter, for clock() (time.c).
# Read at CPL3 it costs no VM exit. (The compiler takes no inline assembly.)
    .text
    .globl __virtine_rdtsc
    .type __virtine_rdtsc, @function
__virtine_rdtsc:
    rdtsc
    shlq $32, %rdx
    orq %rdx, %rax
    ret
    .size __virtine_rdtsc, .-__virtine_rdtsc
