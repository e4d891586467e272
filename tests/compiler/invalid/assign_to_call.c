// clang: 3:22: error: expression is not assignable
int f(void) { return 0; }
int main(void) { f() = 1; return 0; }
