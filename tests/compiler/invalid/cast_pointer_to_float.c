// clang: 2:44: error: pointer cannot be cast to type 'double'
int main(void) { int x; double d = (double)&x; return 0; }
