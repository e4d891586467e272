// clang: 3:12: error: static declaration of 'x' follows non-static declaration
int x;
static int x;
int main(void) { return x; }
