// clang: 2:16: error: redefinition of enumerator 'A'
enum e { A, B, A };
int main(void) { return 0; }
