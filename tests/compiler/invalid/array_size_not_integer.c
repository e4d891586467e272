// clang: 2:7: error: size of array has non-integer type 'double'
int a[1.5];
int main(void) { return 0; }
