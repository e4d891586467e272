// clang: 2:20: error: expression is not assignable
int main(void) { 1 = 2; return 0; }
