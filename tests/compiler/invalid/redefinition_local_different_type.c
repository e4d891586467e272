// clang: 2:34: error: redefinition of 'a' with a different type: 'long' vs 'int'
int main(void) { int a = 1; long a = 2; return 0; }
