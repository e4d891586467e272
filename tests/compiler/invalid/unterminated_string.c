// clang: 2:34: error: expected expression
int main(void) { const char *s = "abc; return 0; }
