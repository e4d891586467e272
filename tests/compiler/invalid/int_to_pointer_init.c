// clang: 2:34: error: incompatible integer to pointer conversion initializing 'int *' with an expression of type 'int'; take the address with & [-Werror,-Wint-conversion]
int main(void) { int x = 1; int *p = x; return *p; }
