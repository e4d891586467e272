// clang: 2:37: error: member reference base type 'int' is not a structure or union
int main(void) { int v = 1; return v.x; }
