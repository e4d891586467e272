// clang: 2:26: error: invalid digit '9' in octal constant
int main(void) { return 09; }
