// clang: 2:22: error: cannot combine with previous 'int' declaration specifier
int main(void) { int char x = 1; return x; }
