// clang: 2:44: error: redeclaration of 'x' with a different type: 'long' vs 'int'
int main(void) { extern int x; extern long x; return 0; }
