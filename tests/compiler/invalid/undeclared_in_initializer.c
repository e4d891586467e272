// clang: 2:26: error: use of undeclared identifier 'b'
int main(void) { int a = b + 1; return a; }
