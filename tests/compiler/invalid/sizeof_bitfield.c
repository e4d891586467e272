// clang: 3:43: error: invalid application of 'sizeof' to bit-field
struct s { int a : 3; };
int main(void) { struct s v; return sizeof(v.a); }
