// clang: 4:27: error: cannot take the address of an rvalue of type 'int'
struct s { int a; };
struct s g(void);
int main(void) { int *p = &g().a; return 0; }
