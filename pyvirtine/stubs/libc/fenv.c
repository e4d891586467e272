/* <fenv.h> over MXCSR and the x87 environment (fenvasm.s). Exception flags are
   the union of both units' flags; setting or clearing one changes both, as does
   the rounding mode. Flags are raised by setting them, which traps no more than
   the default environment (every exception masked) does. */
#include <fenv.h>

unsigned int __fe_get_mxcsr(void);
void __fe_set_mxcsr(unsigned int mxcsr);
void __fe_get_x87(fenv_t *env); /* the first 28 bytes only */
void __fe_set_x87(const fenv_t *env);

#define MXCSR_ROUND_SHIFT 3 /* MXCSR keeps the rounding mode 3 bits above the x87's */
#define ROUND_MASK FE_TOWARDZERO
#define MXCSR_MASKS (FE_ALL_EXCEPT << 7 | 0x100) /* exceptions and denormal masked */
#define X87_DEFAULT_CONTROL 0x37f
#define MXCSR_DEFAULT 0x1f80

/* Flags in excepts are cleared, then those in set are set, in both units. */
static void change_flags(int excepts, int set)
{
    fenv_t env;
    excepts &= FE_ALL_EXCEPT;
    set &= excepts;
    __fe_get_x87(&env);
    env.__status_word = (unsigned short)((env.__status_word & ~excepts) | set);
    __fe_set_x87(&env);
    __fe_set_mxcsr((__fe_get_mxcsr() & ~(unsigned int)excepts) | (unsigned int)set);
}

static int raised(void)
{
    fenv_t env;
    __fe_get_x87(&env);
    return (int)((env.__status_word | __fe_get_mxcsr()) & FE_ALL_EXCEPT);
}

int feclearexcept(int excepts)
{
    change_flags(excepts, 0);
    return 0;
}

int feraiseexcept(int excepts)
{
    change_flags(excepts, excepts);
    return 0;
}

int fetestexcept(int excepts) { return raised() & excepts & FE_ALL_EXCEPT; }

int fegetexceptflag(fexcept_t *flags, int excepts)
{
    *flags = (fexcept_t)fetestexcept(excepts);
    return 0;
}

int fesetexceptflag(const fexcept_t *flags, int excepts)
{
    change_flags(excepts, *flags);
    return 0;
}

int fegetround(void)
{
    fenv_t env;
    __fe_get_x87(&env);
    return env.__control_word & ROUND_MASK;
}

int fesetround(int round)
{
    fenv_t env;
    if (round & ~ROUND_MASK)
        return -1;
    __fe_get_x87(&env);
    env.__control_word = (unsigned short)((env.__control_word & ~ROUND_MASK) | round);
    __fe_set_x87(&env);
    __fe_set_mxcsr((__fe_get_mxcsr() & ~(unsigned int)(ROUND_MASK << MXCSR_ROUND_SHIFT)) |
                   (unsigned int)round << MXCSR_ROUND_SHIFT);
    return 0;
}

int fegetenv(fenv_t *env)
{
    __fe_get_x87(env);
    env->__mxcsr = __fe_get_mxcsr();
    return 0;
}

int fesetenv(const fenv_t *env)
{
    fenv_t next;
    if (env != FE_DFL_ENV) {
        __fe_set_x87(env);
        __fe_set_mxcsr(env->__mxcsr);
        return 0;
    }
    /* The power-on state: round to nearest, nothing raised, every exception masked. */
    __fe_get_x87(&next);
    next.__control_word = X87_DEFAULT_CONTROL;
    next.__status_word = 0;
    next.__tags = 0xffff;
    __fe_set_x87(&next);
    __fe_set_mxcsr(MXCSR_DEFAULT);
    return 0;
}

/* Saves the environment, then clears the flags and masks every exception. */
int feholdexcept(fenv_t *env)
{
    fenv_t held;
    fegetenv(env);
    held = *env;
    held.__control_word |= FE_ALL_EXCEPT;
    held.__status_word &= (unsigned short)~FE_ALL_EXCEPT;
    held.__mxcsr = (held.__mxcsr | MXCSR_MASKS) & ~(unsigned int)FE_ALL_EXCEPT;
    return fesetenv(&held);
}

int feupdateenv(const fenv_t *env)
{
    int pending = raised();
    fesetenv(env);
    return feraiseexcept(pending);
}
