// clang: 2:7: error: invalid storage class specifier in function declarator
int f(auto int x) { return x; }
int main(void) { return 0; }
