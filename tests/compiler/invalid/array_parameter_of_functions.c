// clang: 2:12: error: 'a' declared as array of functions of type 'int (void)'
int f(int a[](void)) { return 0; }
int main(void) { return 0; }
