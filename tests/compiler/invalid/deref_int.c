// clang: 2:36: error: indirection requires pointer operand ('int' invalid)
int main(void) { int v = 1; return *v; }
