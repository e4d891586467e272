// clang: 3:6: error: redefinition of 'x' with a different type: 'long' vs 'int'
int x;
long x;
int main(void) { return 0; }
