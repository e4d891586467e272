// clang: 3:34: error: field designator 'b' does not refer to any field in type 'struct s'
struct s { int a; };
int main(void) { struct s v = { .b = 1 }; return v.a; }
