// clang: 3:28: error: returning 'struct s' from a function with incompatible result type 'int'
struct s { int a; };
int f(struct s v) { return v; }
int main(void) { return 0; }
