// clang: 3:5: error: redefinition of 'A' as different kind of symbol
enum { A };
int A;
int main(void) { return 0; }
