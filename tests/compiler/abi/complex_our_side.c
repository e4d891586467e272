/* Compiled by pyvirtine: calls gcc's complex functions and lets gcc call ours. */
#include "complex_shapes.h"
#define DEFINE_COUR(T) DEFINE_CSIDE(our_, T)
CSHAPES(DEFINE_COUR)
DEFINE_ARITH(our_)
DEFINE_CVA_SUM(our_)
#define CHECK_CGCC(T) CHECK_CSHAPE(gcc_, T)
int our_ccheck(void) { int bad = 0; CSHAPES(CHECK_CGCC) CHECK_ARITH(gcc_) CHECK_CVA(gcc_) return bad; }
int main(void) {
    int ours = our_ccheck(), theirs = gcc_ccheck();
    printf("our calls into gcc: %d bad; gcc calls into ours: %d bad\n", ours, theirs);
    return ours + theirs;
}
