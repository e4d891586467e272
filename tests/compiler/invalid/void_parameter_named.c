// clang: 2:12: error: argument may not have 'void' type
int f(void x) { return 0; }
int main(void) { return 0; }
