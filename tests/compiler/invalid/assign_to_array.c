// clang: 2:36: error: array type 'int[3]' is not assignable
int main(void) { int a[3], b[3]; a = b; return 0; }
