// clang: 2:18: error: use of undeclared identifier 'foo_t'
int main(void) { foo_t x; return 0; }
