// clang: 2:22: error: expected identifier or '('
int main(void) { int @x = 1; return 0; }
