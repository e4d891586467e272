// clang: 2:21: error: parameter named 'b' is missing
int f(a) int a; int b; { return a; }
int main(void) { return 0; }
