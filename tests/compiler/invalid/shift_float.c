// clang: 2:41: error: invalid operands to binary expression ('int' and 'double')
int main(void) { double d = 7; return 1 << d; }
