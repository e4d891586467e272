/* setjmp/longjmp: plain return, jumps out of deep recursion, longjmp(env, 0)
   returning 1, and callee-saved state surviving the jump; POSIX's sigsetjmp too. */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf env, inner;
static int depth_reached;

static void dive(int depth)
{
    volatile char frame[64];
    frame[0] = (char)depth;
    depth_reached = depth + frame[0] - depth;
    if (depth == 1000)
        longjmp(env, depth);
    dive(depth + 1);
}

static sigjmp_buf posix;

static int posix_jump(void)
{
    int r = sigsetjmp(posix, 1);
    if (r == 0)
        siglongjmp(posix, 7);
    return r;
}

static int nested(void)
{
    int r = setjmp(inner);
    if (r == 0)
        longjmp(inner, 0);
    return r;
}

int main(void)
{
    volatile int counter = 0;
    volatile double carried = 2.5;
    int r = setjmp(env);
    printf("setjmp returned %d, counter %d, carried %g\n", r, counter, carried);
    if (counter++ < 3) {
        carried *= 2;
        if (counter == 1)
            dive(0);
        longjmp(env, counter * 10);
    }
    printf("depth %d, nested %d, sigsetjmp %d\n", depth_reached, nested(), posix_jump());
    return 0;
}
