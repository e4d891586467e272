// clang: 3:43: error: non-static declaration of 'x' follows static declaration
int x;
int main(void) { static int x; extern int x; return 0; }
