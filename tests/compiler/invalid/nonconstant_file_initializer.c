// clang: 3:9: error: initializer element is not a compile-time constant
int g(void);
int x = g();
int main(void) { return x; }
