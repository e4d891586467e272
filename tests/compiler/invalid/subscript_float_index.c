// clang: 2:42: error: array subscript is not an integer
int main(void) { int a[3] = {0}; return a[1.0]; }
