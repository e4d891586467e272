// clang: 3:29: error: invalid operands to binary expression ('void' and 'int')
void f(void) {}
int main(void) { return f() + 1; }
