/* The floating-point environment of x86-64: both the SSE unit (MXCSR), where
   float and double arithmetic runs, and the x87 unit (control and status words),
   where long double runs, kept in step. Layout and values are glibc's on x86-64.
   A virtine call starts from the snapshot's CPU state, so a rounding mode or an
   exception flag never outlives the call that set it. */
#ifndef _FENV_H
#define _FENV_H

#define FE_INVALID 0x01
#define FE_DIVBYZERO 0x04
#define FE_OVERFLOW 0x08
#define FE_UNDERFLOW 0x10
#define FE_INEXACT 0x20
#define FE_ALL_EXCEPT (FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT)

#define FE_TONEAREST 0
#define FE_DOWNWARD 0x400
#define FE_UPWARD 0x800
#define FE_TOWARDZERO 0xc00

typedef unsigned short fexcept_t;

/* The x87 environment as fnstenv stores it, then MXCSR. */
typedef struct {
    unsigned short __control_word, __reserved1, __status_word, __reserved2;
    unsigned short __tags, __reserved3;
    unsigned int __eip;
    unsigned short __cs_selector, __opcode;
    unsigned int __data_offset;
    unsigned short __data_selector, __reserved5;
    unsigned int __mxcsr;
} fenv_t;

#define FE_DFL_ENV ((const fenv_t *)-1)

int feclearexcept(int excepts);
int fegetexceptflag(fexcept_t *flags, int excepts);
int feraiseexcept(int excepts);
int fesetexceptflag(const fexcept_t *flags, int excepts);
int fetestexcept(int excepts);
int fegetround(void);
int fesetround(int round);
int fegetenv(fenv_t *env);
int feholdexcept(fenv_t *env);
int fesetenv(const fenv_t *env);
int feupdateenv(const fenv_t *env);

#endif
