// clang: 2:44: error: static_assert expression is not an integral constant expression
int main(void) { int x = 1; _Static_assert(x, "x"); return 0; }
