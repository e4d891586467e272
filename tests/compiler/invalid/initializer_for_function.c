// clang: 2:5: error: illegal initializer (only variables can be initialized)
int f(void) = 0;
int main(void) { return 0; }
