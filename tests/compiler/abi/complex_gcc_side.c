/* Compiled by gcc: the reference for complex arguments and results. */
#include "complex_shapes.h"
#define DEFINE_CGCC(T) DEFINE_CSIDE(gcc_, T)
CSHAPES(DEFINE_CGCC)
DEFINE_ARITH(gcc_)
DEFINE_CVA_SUM(gcc_)
#define CHECK_COUR(T) CHECK_CSHAPE(our_, T)
int gcc_ccheck(void) { int bad = 0; CSHAPES(CHECK_COUR) CHECK_ARITH(our_) CHECK_CVA(our_) return bad; }
