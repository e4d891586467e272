// clang: 3:5: error: variable length array declaration not allowed at file scope
int n = 3;
int a[n];
int main(void) { return 0; }
