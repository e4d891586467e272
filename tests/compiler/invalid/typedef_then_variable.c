// clang: 3:5: error: redefinition of 'T' as different kind of symbol
typedef int T;
int T;
int main(void) { return 0; }
