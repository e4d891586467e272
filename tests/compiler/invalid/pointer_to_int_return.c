// clang: 2:24: error: incompatible pointer to integer conversion returning 'int *' from a function with result type 'int'; dereference with * [-Werror,-Wint-conversion]
int f(int *p) { return p; }
int main(void) { return 0; }
