// clang: 3:39: error: redeclaration of 'x' with a different type: 'long' vs 'int'
static int x;
int main(void) { int x; { extern long x; } return 0; }
