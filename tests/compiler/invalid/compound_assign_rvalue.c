// clang: 2:37: error: expression is not assignable
int main(void) { int a = 1; (a * 2) += 1; return a; }
