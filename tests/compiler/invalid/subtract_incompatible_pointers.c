// clang: 2:49: error: 'int *' and 'long *' are not pointers to compatible types
int main(void) { int a; long b; return (int)(&a - &b); }
