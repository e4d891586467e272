// clang: 2:16: error: width of bit-field 'a' (33 bits) exceeds the width of its type (32 bits)
struct s { int a : 33; };
int main(void) { return 0; }
