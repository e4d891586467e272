/* Compiled by gcc: the reference implementation of the SysV x86-64 ABI. */
#include "shapes.h"
#define DEFINE_GCC(T) DEFINE_SIDE(gcc_, T)
SHAPES(DEFINE_GCC)
DEFINE_VA_SUM(gcc_)
#define CHECK_OUR(T) CHECK_SHAPE(our_, T)
int gcc_check(void) { int bad = 0; SHAPES(CHECK_OUR) CHECK_VA(our_) return bad; }
