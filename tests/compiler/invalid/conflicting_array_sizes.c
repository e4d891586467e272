// clang: 3:5: error: redefinition of 'a' with a different type: 'int[4]' vs 'int[3]'
int a[3];
int a[4];
int main(void) { return 0; }
