// clang: 2:37: error: subscripted value is not an array, pointer, or vector
int main(void) { int v = 1; return v[0]; }
