// clang: 2:43: error: expression is not assignable
int main(void) { int a = 1; return (a + 1)--; }
