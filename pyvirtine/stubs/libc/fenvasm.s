# The instructions behind fenv.c: reading and loading MXCSR and the x87
# environment. All of them are allowed at CPL3.
    .text
    .globl __fe_get_mxcsr
    .type __fe_get_mxcsr, @function
__fe_get_mxcsr:
    stmxcsr -4(%rsp)
    movl -4(%rsp), %eax
    ret
    .size __fe_get_mxcsr, .-__fe_get_mxcsr

    .globl __fe_set_mxcsr
    .type __fe_set_mxcsr, @function
__fe_set_mxcsr:
    movl %edi, -4(%rsp)
    ldmxcsr -4(%rsp)
    ret
    .size __fe_set_mxcsr, .-__fe_set_mxcsr

# fnstenv masks every x87 exception as a side effect; loading the stored
# environment back undoes that.
    .globl __fe_get_x87
    .type __fe_get_x87, @function
__fe_get_x87:
    fnstenv (%rdi)
    fldenv (%rdi)
    ret
    .size __fe_get_x87, .-__fe_get_x87

    .globl __fe_set_x87
    .type __fe_set_x87, @function
__fe_set_x87:
    fldenv (%rdi)
    ret
    .size __fe_set_x87, .-__fe_set_x87

    .section .note.GNU-stack,"",@progbits
