// clang: 2:29: error: assignment to cast is illegal, lvalue casts are not supported
int main(void) { int a = 1; (long)a = 2; return 0; }
