// clang: 4:27: error: passing 'void' to parameter of incompatible type 'int'
void g(void) {}
int f(int a) { return a; }
int main(void) { return f(g()); }
