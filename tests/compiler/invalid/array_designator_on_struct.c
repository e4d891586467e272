// clang: 3:33: error: array designator cannot initialize non-array type 'struct s'
struct s { int a; };
int main(void) { struct s v = { [0] = 1 }; return v.a; }
