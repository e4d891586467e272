/* <fenv.h>: rounding modes as arithmetic and rint see them, exception flags as
   operations raise them, and saving and restoring the environment. Input "leak"
   instead prints the mode and flags the call started with, then sets both. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static volatile double one = 1.0, three = 3.0, zero = 0.0, big = DBL_MAX, tiny = DBL_MIN;
static volatile float onef = 1.0f, threef = 3.0f;
static volatile double half = 0.5, two_half = 2.5, one_half = 1.5; /* not folded at -O2 */

static void flags(const char *what)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%s:%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "",
           f & FE_DIVBYZERO ? " divbyzero" : "", f & FE_OVERFLOW ? " overflow" : "",
           f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "");
}

static void rounding(int mode, const char *name)
{
    volatile double q;
    volatile float qf;
    int status = fesetround(mode);
    printf("fesetround(%s) = %d, fegetround() = %#x\n", name, status, fegetround());
    q = one / three;
    qf = onef / threef;
    printf("  1/3 = %a, -1/3 = %a, 1/3f = %a\n", q, -one / three, (double)qf);
    printf("  rint(2.5) = %g, rint(-2.5) = %g, nearbyint(0.5) = %g, lrint(-1.5) = %ld\n",
           rint(two_half), rint(-two_half), nearbyint(half), lrint(-one_half));
}

static void exceptions(void)
{
    volatile double r;
    fexcept_t saved;
    feclearexcept(FE_ALL_EXCEPT);
    flags("clear");
    r = one / zero;
    flags("1/0");
    feclearexcept(FE_ALL_EXCEPT);
    r = zero / zero;
    flags("0/0");
    feclearexcept(FE_ALL_EXCEPT);
    r = big * three;
    flags("max*3");
    feclearexcept(FE_ALL_EXCEPT);
    r = tiny / three;
    flags("min/3");
    feclearexcept(FE_ALL_EXCEPT);
    r = one / three;
    flags("1/3");
    printf("test(inexact|invalid) = %#x\n", fetestexcept(FE_INEXACT | FE_INVALID));
    feclearexcept(FE_INEXACT);
    flags("inexact cleared");
    feraiseexcept(FE_OVERFLOW | FE_INVALID);
    flags("raised overflow, invalid");
    fegetexceptflag(&saved, FE_OVERFLOW | FE_DIVBYZERO);
    feclearexcept(FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_ALL_EXCEPT);
    flags("saved overflow restored");
    (void)r;
}

static void environments(void)
{
    fenv_t env, held;
    volatile double r;
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(FE_UPWARD);
    feraiseexcept(FE_UNDERFLOW);
    printf("fegetenv = %d\n", fegetenv(&env));
    fesetround(FE_DOWNWARD);
    feraiseexcept(FE_DIVBYZERO);
    printf("fesetenv = %d", fesetenv(&env));
    printf(", round %#x\n", fegetround());
    flags("after fesetenv");
    printf("fesetenv(FE_DFL_ENV) = %d", fesetenv(FE_DFL_ENV));
    printf(", round %#x\n", fegetround());
    flags("default");
    fesetround(FE_TOWARDZERO);
    feraiseexcept(FE_INEXACT);
    printf("feholdexcept = %d", feholdexcept(&held));
    printf(", round %#x\n", fegetround());
    flags("held");
    r = one / zero;
    flags("held 1/0");
    printf("feupdateenv = %d", feupdateenv(&held));
    printf(", round %#x\n", fegetround());
    flags("updated");
    fesetenv(FE_DFL_ENV);
    (void)r;
}

int main(void)
{
    char mode[16] = "";
    if (scanf("%15s", mode) == 1 && strcmp(mode, "leak") == 0) {
        printf("round %#x", fegetround());
        flags(", raised");
        fesetround(FE_UPWARD);
        feraiseexcept(FE_ALL_EXCEPT);
        printf("now round %#x", fegetround());
        flags(", raised");
        return 0;
    }
    printf("FE_ALL_EXCEPT %#x, sizes %d %d\n", FE_ALL_EXCEPT, (int)sizeof(fenv_t),
           (int)sizeof(fexcept_t));
    rounding(FE_UPWARD, "FE_UPWARD");
    rounding(FE_DOWNWARD, "FE_DOWNWARD");
    rounding(FE_TOWARDZERO, "FE_TOWARDZERO");
    rounding(FE_TONEAREST, "FE_TONEAREST");
    printf("fesetround(12345) fails %d", fesetround(12345) != 0);
    printf(", fegetround() = %#x\n", fegetround());
    exceptions();
    environments();
    return 0;
}
