// clang: 3:41: error: initializing 'int *' with an expression of incompatible type 'struct s'
struct s { int a; };
int main(void) { struct s v = {1}; int *p = v; return 0; }
