// clang: 2:32: error: expected expression
int main(void) { return sizeof(extern int); }
