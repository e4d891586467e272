// clang: 2:18: error: 'short double' is invalid
int main(void) { short double d = 1; return 0; }
