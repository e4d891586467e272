/* asm statements: a compiler barrier, register operands, read-write and tied operands,
   named operands, immediates, clobbers; file-scope asm defining functions and data. */
#include <stdio.h>

extern int triple(int);
extern void nothing(void);
extern const char asm_greeting[];
__asm__(".text\n"
        "triple: lea (%rdi,%rdi,2), %eax\n"
        "\tret\n"
        "nothing: ret");
__asm__(".section .rodata\n"
        "asm_greeting: .asciz \"from asm\"\n"
        ".text");

static int counter;

static unsigned swap_bytes(unsigned x) {
    __asm__("bswap %0" : "+r"(x));
    return x;
}

static long add3(long a, long b, long c) {
    long r;
    asm("lea (%1,%2), %0\n\t"
        "add %[c], %0" : "=&r"(r) : "r"(a), "r"(b), [c] "rm"(c) : "cc");
    return r;
}

static int shift_left(int x) {
    asm("shl %1, %0" : "=r"(x) : "i"(3), "0"(x));
    return x;
}

static unsigned long long cycles_like(void) {
    unsigned hi, lo;
    __asm__ __volatile__("mov $7, %%eax\n\tmov $1, %%edx" : "=a"(lo), "=d"(hi));
    return ((unsigned long long)hi << 32) | lo;
}

int main(void) {
    counter = 1;
    __asm__ __volatile__("" ::: "memory");
    counter++;
    asm volatile("nop");
    nothing();
    printf("%d %s\n", triple(14), asm_greeting);
    printf("%x %ld %d %llx %d\n", swap_bytes(0x11223344), add3(1, 2, 3), shift_left(5),
           cycles_like(), counter);
    return 0;
}
