// clang: 3:12: error: expression is not an integer constant expression
int v = 1;
enum { A = v };
int main(void) { return 0; }
