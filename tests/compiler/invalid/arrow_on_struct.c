// clang: 3:44: error: member reference type 'struct s' is not a pointer; did you mean to use '.'?
struct s { int a; };
int main(void) { struct s v = {1}; return v->a; }
