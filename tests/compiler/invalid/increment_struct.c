// clang: 3:37: error: cannot increment value of type 'struct s'
struct s { int a; };
int main(void) { struct s v = {1}; v++; return 0; }
