// clang: 2:29: error: incompatible pointer to integer conversion initializing 'int' with an expression of type 'int *'; remove & [-Werror,-Wint-conversion]
int main(void) { int x; int y = &x; return y; }
