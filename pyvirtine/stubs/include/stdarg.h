/* Freestanding <stdarg.h>: the SysV x86-64 va_list, so it interoperates with gcc code.
   pycparser parses __builtin_va_arg(ap, type) itself; the compiler walks the va_list. */
#ifndef _PYVIRTINE_STDARG_H
#define _PYVIRTINE_STDARG_H
typedef struct __va_list_tag {
    unsigned int gp_offset;
    unsigned int fp_offset;
    void *overflow_arg_area;
    void *reg_save_area;
} __builtin_va_list[1];
typedef __builtin_va_list va_list;
typedef __builtin_va_list __gnuc_va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, T) __builtin_va_arg(ap, T)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(dst, src) __builtin_va_copy(dst, src)
#define __va_copy(dst, src) __builtin_va_copy(dst, src)
#endif
