// clang: 2:22: error: array initializer must be an initializer list or wide string literal
int main(void) { int a[2] = 5; return a[0]; }
