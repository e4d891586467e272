// clang: 3:27: error: too many arguments to function call, expected 0, have 1
int f(void) { return 0; }
int main(void) { return f(3); }
