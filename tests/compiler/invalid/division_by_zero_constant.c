// clang: 2:5: error: variable length array declaration not allowed at file scope
int a[1 / 0];
int main(void) { return 0; }
