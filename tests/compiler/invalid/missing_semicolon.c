// clang: 2:27: error: expected ';' at end of declaration
int main(void) { int x = 1 return x; }
