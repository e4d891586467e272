// clang: 2:16: error: bit-field 'a' has negative width (-1)
struct s { int a : -1; };
int main(void) { return 0; }
