// clang: 3:22: error: initializing 'int' with an expression of incompatible type 'void'
void f(void) {}
int main(void) { int x = f(); return x; }
