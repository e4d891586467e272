// clang: 3:32: error: assigning to 'struct s' from incompatible type 'int'
struct s { int a; };
int main(void) { struct s v; v = 3; return 0; }
