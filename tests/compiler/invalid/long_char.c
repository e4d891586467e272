// clang: 2:18: error: 'long char' is invalid
int main(void) { long char c = 1; return c; }
