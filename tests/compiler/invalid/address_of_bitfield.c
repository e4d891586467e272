// clang: 3:39: error: address of bit-field requested
struct s { int a : 3; };
int main(void) { struct s v; int *p = &v.a; return 0; }
