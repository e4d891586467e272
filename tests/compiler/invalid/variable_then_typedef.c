// clang: 3:13: error: redefinition of 'T' as different kind of symbol
int T;
typedef int T;
int main(void) { return 0; }
