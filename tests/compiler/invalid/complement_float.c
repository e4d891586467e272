// clang: 2:39: error: invalid argument type 'double' to unary expression
int main(void) { double d = 1; return ~d; }
