// clang: 2:9: error: cannot combine with previous 'typedef' declaration specifier
typedef static int T;
int main(void) { return 0; }
