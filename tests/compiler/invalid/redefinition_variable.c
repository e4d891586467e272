// clang: 3:5: error: redefinition of 'x'
int x = 1;
int x = 2;
int main(void) { return x; }
