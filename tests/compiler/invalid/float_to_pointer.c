// clang: 2:39: error: initializing 'int *' with an expression of incompatible type 'double'
int main(void) { double d = 1.0; int *p = d; return 0; }
