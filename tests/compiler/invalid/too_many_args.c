// clang: 3:30: error: too many arguments to function call, expected single argument 'a', have 2 arguments
int f(int a) { return a; }
int main(void) { return f(1, 2); }
