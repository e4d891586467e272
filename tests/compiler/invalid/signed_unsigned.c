// clang: 2:25: error: cannot combine with previous 'signed' declaration specifier
int main(void) { signed unsigned int x = 1; return x; }
