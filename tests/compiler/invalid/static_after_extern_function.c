// clang: 3:12: error: static declaration of 'f' follows non-static declaration
int f(void);
static int f(void) { return 0; }
int main(void) { return f(); }
