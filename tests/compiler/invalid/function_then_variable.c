// clang: 3:5: error: redefinition of 'f' as different kind of symbol
int f(void);
int f;
int main(void) { return 0; }
