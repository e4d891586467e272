// clang: 2:50: error: called object type 'int *' is not a function or function pointer
int main(void) { int v = 3; int *p = &v; return p(); }
