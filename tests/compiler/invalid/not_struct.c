// clang: 3:43: error: invalid argument type 'struct s' to unary expression
struct s { int a; };
int main(void) { struct s v = {1}; return !v; }
