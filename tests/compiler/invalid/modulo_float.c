// clang: 2:41: error: invalid operands to binary expression ('double' and 'int')
int main(void) { double d = 7; return d % 2; }
