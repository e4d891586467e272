// clang: 2:1: error: illegal storage class on function
register int f(void);
int main(void) { return 0; }
