// clang: 4:24: error: expression is not assignable
struct s { int a; };
struct s g(void);
int main(void) { g().a = 1; return 0; }
