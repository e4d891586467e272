// clang: 2:27: error: cannot take the address of an rvalue of type 'int'
int main(void) { int *p = &1; return 0; }
