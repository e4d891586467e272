// clang: 2:13: error: illegal initializer (only variables can be initialized)
typedef int T = 1;
int main(void) { return 0; }
