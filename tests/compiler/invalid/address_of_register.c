// clang: 2:47: error: address of register variable requested
int main(void) { register int r = 1; int *p = &r; return *p; }
