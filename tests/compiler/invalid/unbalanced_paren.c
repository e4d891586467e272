// clang: 2:31: error: expected ')'
int main(void) { return (1 + 2; }
