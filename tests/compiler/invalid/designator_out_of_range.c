// clang: 2:32: error: array designator index (5) exceeds array bounds (3)
int main(void) { int a[3] = { [5] = 1 }; return a[0]; }
