// clang: 2:30: error: expected expression
int main(void) { return 1 == ? 0 : 1; }
