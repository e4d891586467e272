/* Compiled by pyvirtine: calls gcc's functions and lets gcc call ours. */
#include "shapes.h"
#define DEFINE_OUR(T) DEFINE_SIDE(our_, T)
SHAPES(DEFINE_OUR)
DEFINE_VA_SUM(our_)
#define CHECK_GCC(T) CHECK_SHAPE(gcc_, T)
int our_check(void) { int bad = 0; SHAPES(CHECK_GCC) CHECK_VA(gcc_) return bad; }
int main(void) {
    int ours = our_check(), theirs = gcc_check();
    printf("our calls into gcc: %d bad; gcc calls into ours: %d bad\n", ours, theirs);
    return ours + theirs;
}
