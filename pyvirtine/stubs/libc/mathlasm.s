# The x87 instructions behind mathl.c. Each is exact (fsqrt, frndint, fprem,
# fprem1, fscale) or accurate to about an ulp of the 64-bit significand on its
# documented domain (f2xm1, fyl2x, fyl2xp1, fpatan, fsin, fcos, fptan); mathl.c
# keeps the arguments inside those domains. long double arguments arrive on the
# stack (8(%rsp), 24(%rsp): SysV class X87), results leave in st(0).
    .text

    .globl sqrtl
    .type sqrtl, @function
sqrtl:
    fldt 8(%rsp)
    fsqrt
    ret
    .size sqrtl, .-sqrtl

    .globl rintl
    .type rintl, @function
rintl:
    fldt 8(%rsp)
    frndint
    ret
    .size rintl, .-rintl

# fprem reduces by at most 2^63 per step and says so with C2: repeat until done.
    .globl fmodl
    .type fmodl, @function
fmodl:
    fldt 24(%rsp)
    fldt 8(%rsp)
1:  fprem
    fnstsw %ax
    testb $4, %ah
    jnz 1b
    fstp %st(1)
    ret
    .size fmodl, .-fmodl

# remquol's low quotient bits: once fprem1 is done, C0, C3 and C1 hold bits 2,
# 1 and 0 of the quotient (rounded to nearest) it divided by.
    .globl __x87_remquo
    .type __x87_remquo, @function
__x87_remquo:
    fldt 24(%rsp)
    fldt 8(%rsp)
1:  fprem1
    fnstsw %ax
    testb $4, %ah
    jnz 1b
    fstp %st(1)
    movl %eax, %edx
    shrl $6, %edx          # C0 (bit 8) -> bit 2
    andl $4, %edx
    movl %eax, %ecx
    shrl $13, %ecx         # C3 (bit 14) -> bit 1
    andl $2, %ecx
    orl %ecx, %edx
    shrl $9, %eax          # C1 (bit 9) -> bit 0
    andl $1, %eax
    orl %edx, %eax
    movl %eax, (%rdi)
    ret
    .size __x87_remquo, .-__x87_remquo

    .globl scalbnl
    .type scalbnl, @function
scalbnl:
    movl %edi, -4(%rsp)
    fildl -4(%rsp)
    fldt 8(%rsp)
    fscale
    fstp %st(1)
    ret
    .size scalbnl, .-scalbnl

# 2^x - 1 for |x| <= 1.
    .globl __x87_f2xm1
    .type __x87_f2xm1, @function
__x87_f2xm1:
    fldt 8(%rsp)
    f2xm1
    ret
    .size __x87_f2xm1, .-__x87_f2xm1

# y * log2(x), x > 0.
    .globl __x87_fyl2x
    .type __x87_fyl2x, @function
__x87_fyl2x:
    fldt 8(%rsp)
    fldt 24(%rsp)
    fyl2x
    ret
    .size __x87_fyl2x, .-__x87_fyl2x

# y * log2(1 + x), |x| < 1 - sqrt(2)/2.
    .globl __x87_fyl2xp1
    .type __x87_fyl2xp1, @function
__x87_fyl2xp1:
    fldt 8(%rsp)
    fldt 24(%rsp)
    fyl2xp1
    ret
    .size __x87_fyl2xp1, .-__x87_fyl2xp1

# atan2(y, x): fpatan takes the quadrant from both signs.
    .globl atan2l
    .type atan2l, @function
atan2l:
    fldt 8(%rsp)
    fldt 24(%rsp)
    fpatan
    ret
    .size atan2l, .-atan2l

    .globl __x87_sin
    .type __x87_sin, @function
__x87_sin:
    fldt 8(%rsp)
    fsin
    ret
    .size __x87_sin, .-__x87_sin

    .globl __x87_cos
    .type __x87_cos, @function
__x87_cos:
    fldt 8(%rsp)
    fcos
    ret
    .size __x87_cos, .-__x87_cos

# fptan pushes 1.0 after the tangent (for a cotangent by fdivr): drop it.
    .globl __x87_tan
    .type __x87_tan, @function
__x87_tan:
    fldt 8(%rsp)
    fptan
    fstp %st(0)
    ret
    .size __x87_tan, .-__x87_tan

    .section .note.GNU-stack,"",@progbits
