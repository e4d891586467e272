// clang: 2:6: error: 'a' declared as array of functions of type 'int (void)'
int a[3](void);
int main(void) { return 0; }
