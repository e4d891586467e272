// clang: 2:1: error: requested alignment is not a power of 2
_Alignas(3) int x;
int main(void) { return 0; }
