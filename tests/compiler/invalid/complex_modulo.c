// clang: 3:12: error: invalid operands to binary expression ('_Complex double' and 'int')
int main(void) { double _Complex a = 1;
    return a % 2 != 0; }
