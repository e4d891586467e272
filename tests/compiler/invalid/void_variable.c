// clang: 2:23: error: variable has incomplete type 'void'
int main(void) { void v; return 0; }
