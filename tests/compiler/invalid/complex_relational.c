// clang: 3:12: error: invalid operands to binary expression ('_Complex double' and '_Complex double')
int main(void) { double _Complex a = 1, b = 2.0i;
    return a < b; }
