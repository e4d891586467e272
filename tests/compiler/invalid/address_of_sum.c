// clang: 2:38: error: cannot take the address of an rvalue of type 'int'
int main(void) { int a = 1; int *p = &(a + 1); return 0; }
