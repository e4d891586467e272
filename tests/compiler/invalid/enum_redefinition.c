// clang: 3:6: error: redefinition of 'e'
enum e { A };
enum e { B };
int main(void) { return 0; }
