// clang: 2:16: error: named bit-field 'a' has zero width
struct s { int a : 0; };
int main(void) { return 0; }
