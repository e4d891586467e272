// clang: 2:51: error: read-only variable is not assignable
int main(void) { int v = 0; const int *p = &v; *p = 3; return v; }
