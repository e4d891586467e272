// clang: 2:36: error: size of array has non-integer type 'int *'
int main(void) { int *p = 0; int a[p]; return 0; }
