// clang: 2:1: error: static_assert failed due to requirement 'sizeof(int) == 8' "int must be 8 bytes"
_Static_assert(sizeof(int) == 8, "int must be 8 bytes");
int main(void) { return 0; }
