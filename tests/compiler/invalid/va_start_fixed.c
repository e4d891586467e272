// clang: 3:28: error: 'va_start' used in function with fixed args
#include <stdarg.h>
int f(int a) { va_list ap; va_start(ap, a); va_end(ap); return a; }
int main(void) { return 0; }
