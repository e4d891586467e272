# Square roots use the SSE instruction: it is correctly rounded, which a C
# version could only match slowly.
    .text
    .globl sqrt
    .type sqrt, @function
sqrt:
    sqrtsd %xmm0, %xmm0
    ret
    .size sqrt, .-sqrt

    .globl sqrtf
    .type sqrtf, @function
sqrtf:
    sqrtss %xmm0, %xmm0
    ret
    .size sqrtf, .-sqrtf

    .section .note.GNU-stack,"",@progbits
