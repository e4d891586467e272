// clang: 3:5: error: redefinition of 'x' as different kind of symbol
int x;
int x(void);
int main(void) { return 0; }
