// clang: 3:20: error: expression is not assignable
enum { A };
int main(void) { A = 1; return 0; }
