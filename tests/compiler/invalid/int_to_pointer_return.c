// clang: 2:24: error: incompatible integer to pointer conversion returning 'int' from a function with result type 'int *'; take the address with & [-Werror,-Wint-conversion]
int *f(int v) { return v; }
int main(void) { return 0; }
