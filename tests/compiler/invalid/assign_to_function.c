// clang: 3:20: error: non-object type 'int (void)' is not assignable
int f(void) { return 0; }
int main(void) { f = 0; return 0; }
