// clang: 2:22: error: initializing wide char array with non-wide string literal
int main(void) { int a[4] = "abc"; return a[0]; }
