// clang: 2:8: error: cannot combine with previous 'static' declaration specifier
static extern int x;
int main(void) { return 0; }
