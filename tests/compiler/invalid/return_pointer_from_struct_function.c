// clang: 3:29: error: returning 'int *' from a function with incompatible result type 'struct s'
struct s { int a; };
struct s f(int *p) { return p; }
int main(void) { return 0; }
