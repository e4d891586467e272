// clang: 3:20: error: expression is not an integer constant expression
int w = 3;
struct s { int a : w; };
int main(void) { return 0; }
