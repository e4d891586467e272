// clang: 2:25: error: implicit declaration of function 'frobnicate' is invalid in C99 [-Werror,-Wimplicit-function-declaration]
int main(void) { return frobnicate(3); }
