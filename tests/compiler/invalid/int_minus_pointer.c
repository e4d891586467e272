// clang: 2:43: error: invalid operands to binary expression ('int' and 'int[2]')
int main(void) { int a[2]; return (int)(1 - a); }
