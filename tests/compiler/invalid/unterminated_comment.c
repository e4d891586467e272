// clang: 2:30: error: unterminated /* comment
int main(void) { return 0; } /* never closed
