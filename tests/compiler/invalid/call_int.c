// clang: 2:37: error: called object type 'int' is not a function or function pointer
int main(void) { int v = 3; return v(2); }
