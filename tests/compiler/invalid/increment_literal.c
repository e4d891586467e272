// clang: 2:25: error: expression is not assignable
int main(void) { return ++1; }
