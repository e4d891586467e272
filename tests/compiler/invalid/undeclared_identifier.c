// clang: 2:25: error: use of undeclared identifier 'nope'
int main(void) { return nope; }
