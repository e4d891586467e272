// clang: 2:46: error: invalid operands to binary expression ('int *' and 'int')
int main(void) { int a[2]; int *p = a; p = p * 2; return 0; }
