// clang: 3:8: error: redefinition of enumerator 'A'
enum { A };
enum { A };
int main(void) { return 0; }
