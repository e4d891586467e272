// clang: 3:25: error: incompatible function pointer types initializing 'void (*)(double, char *)' with an expression of type 'int (int)' [-Werror,-Wincompatible-function-pointer-types]
int f(int);
int main(void) { void (*p)(double, char *) = f; return 0; }
