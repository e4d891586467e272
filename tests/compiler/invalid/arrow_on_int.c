// clang: 2:39: error: member reference type 'int' is not a pointer
int main(void) { int v = 1; return v->x; }
