// clang: 2:48: error: expression is not assignable
int main(void) { int a = 1, b = 2; (a ? a : b) = 3; return 0; }
