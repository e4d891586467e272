// clang: 2:32: error: initializing 'double' with an expression of incompatible type 'int *'
int main(void) { int x; double d = &x; return (int)d; }
