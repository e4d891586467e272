// clang: 2:7: error: invalid storage class specifier in function declarator
int f(static int x) { return x; }
int main(void) { return 0; }
