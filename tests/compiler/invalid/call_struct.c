// clang: 3:44: error: called object type 'struct s' is not a function or function pointer
struct s { int a; };
int main(void) { struct s v = {1}; return v(); }
