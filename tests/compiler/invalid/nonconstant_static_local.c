// clang: 2:44: error: initializer element is not a compile-time constant
int main(void) { int a = 1; static int b = a; return b; }
