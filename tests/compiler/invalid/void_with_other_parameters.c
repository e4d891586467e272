// clang: 2:11: error: 'void' must be the first and only parameter if specified
int f(void, int a) { return a; }
int main(void) { return 0; }
