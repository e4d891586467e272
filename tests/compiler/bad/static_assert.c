// expect-error: 2:1: static assertion failed: int must be 8 bytes
_Static_assert(sizeof(int) == 8, "int must be 8 bytes");
int main(void) { return 0; }
