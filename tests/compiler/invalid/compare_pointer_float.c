// clang: 2:39: error: invalid operands to binary expression ('int *' and 'double')
int main(void) { int *p = 0; return p < 1.5; }
