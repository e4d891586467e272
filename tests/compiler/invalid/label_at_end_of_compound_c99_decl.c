// clang: 2:29: error: expected expression
int main(void) { goto l; l: int x = 1; return x; }
