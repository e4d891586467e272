// clang: 2:35: error: variable-sized object may not be initialized
int main(void) { int n = 2; int a[n] = {1, 2}; return a[0]; }
