// clang: 2:53: error: invalid operands to binary expression ('void' and 'int')
int main(void) { int x = 1; void *p = &x; return *p + 1; }
