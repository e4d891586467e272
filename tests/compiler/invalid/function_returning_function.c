// clang: 2:6: error: function cannot return function type 'int (void)'
int f(void)(void);
int main(void) { return 0; }
