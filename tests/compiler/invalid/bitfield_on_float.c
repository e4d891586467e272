// clang: 2:18: error: bit-field 'f' has non-integral type 'float'
struct s { float f : 3; };
int main(void) { return 0; }
