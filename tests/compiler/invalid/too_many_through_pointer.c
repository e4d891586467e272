// clang: 3:49: error: too many arguments to function call, expected 1, have 2
int f(int a) { return a; }
int main(void) { int (*g)(int) = f; return g(1, 2); }
