// clang: 2:27: error: expected '}'
int main(void) { return 0;
