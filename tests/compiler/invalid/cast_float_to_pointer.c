// clang: 2:48: error: operand of type 'double' cannot be cast to a pointer type
int main(void) { double d = 1; int *p = (int *)d; return 0; }
