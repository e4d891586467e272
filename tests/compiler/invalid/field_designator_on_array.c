// clang: 2:31: error: field designator cannot initialize a non-struct, non-union type 'int[2]'
int main(void) { int a[2] = { .x = 1 }; return a[0]; }
