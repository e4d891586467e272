// clang: 2:6: error: function cannot return array type 'int[3]'
int f(void)[3];
int main(void) { return 0; }
