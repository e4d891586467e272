// clang: 2:42: error: invalid argument type 'int *' to unary expression
int main(void) { int x; int *p = &x; p = -p; return 0; }
