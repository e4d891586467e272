// clang: 2:63: error: invalid operands to binary expression ('int *' and 'int *')
int main(void) { int a[2]; int *p = a, *q = a; return (int)(p + q - p); }
