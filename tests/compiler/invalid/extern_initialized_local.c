// clang: 2:29: error: 'extern' variable cannot have an initializer
int main(void) { extern int x = 1; return x; }
