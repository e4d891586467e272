# Instructions the compiler cannot emit (it takes no inline assembly), each run at CPL3
# without a VM exit.
    .text

# unsigned long __virtine_rdtsc(void): the time-stamp counter, for clock() (time.c).
    .globl __virtine_rdtsc
    .type __virtine_rdtsc, @function
__virtine_rdtsc:
    rdtsc
    shlq $32, %rdx
    orq %rdx, %rax
    ret
    .size __virtine_rdtsc, .-__virtine_rdtsc

# int __virtine_rdrand64(unsigned long *out): 64 random bits from RDRAND into *out and 1,
# or 0 if the CPU had none to give in 10 tries (random.c falls back to the host).
    .globl __virtine_rdrand64
    .type __virtine_rdrand64, @function
__virtine_rdrand64:
    mov $10, %ecx
1:  rdrand %rax
    jc 2f
    dec %ecx
    jnz 1b
    xor %eax, %eax
    ret
2:  mov %rax, (%rdi)
    mov $1, %eax
    ret
    .size __virtine_rdrand64, .-__virtine_rdrand64
